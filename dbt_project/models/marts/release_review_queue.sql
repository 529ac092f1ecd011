-- Pairs near the threshold for staff: the matcher scored them from review to accept
-- (agenda.yml), nobody decided them yet, and their mention picked up no release. Highest
-- score first. Confirm or reject one with a row in landing/decisions/ (kind release_pickup).
with pairs as (
    select * from {{ ref('stg_agenda__release_matches') }}
    where band = 'review'
),

decided as (
    select
        subject_id,
        mention_id
    from {{ ref('int_review_decisions_latest') }}
    where kind = 'release_pickup'
),

picked_up as (
    select mention_id from {{ ref('int_release_pickups_ranked') }}
),

releases as (
    select * from {{ ref('dim_release') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

waiting as (
    select pairs.*
    from pairs
    {{ anti_join() }} decided
        on pairs.release_id = decided.subject_id and pairs.mention_id = decided.mention_id
    {{ anti_join() }} picked_up
        on pairs.mention_id = picked_up.mention_id
),

final as (
    select
        cast(row_number() over (
            order by waiting.match_score desc, mentions.published_at desc, waiting.release_id, waiting.mention_id
        ) as bigint) as review_rank,
        waiting.release_id,
        releases.title as release_title,
        releases.url as release_url,
        releases.published_at_wita as release_published_at_wita,
        waiting.mention_id,
        mentions.title as mention_title,
        mentions.url as mention_url,
        mentions.outlet,
        mentions.published_at_wita as mention_published_at_wita,
        mentions.month,
        waiting.match_score,
        waiting.shared_terms
    from waiting
    inner join releases
        on waiting.release_id = releases.release_id
    inner join mentions
        on waiting.mention_id = mentions.mention_id
)

select * from final
