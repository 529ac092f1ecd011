-- The (hoax, mention) pairs a person should decide: the tracer was not sure enough (a score in
-- [review, accept), or an unclear role: support and debunk cues together) and nobody has decided
-- yet (landing/decisions/, kind hoax). Newest first.
with undecided as (
    select mention_id from {{ ref('int_hoax_mentions_decided') }}
    where band = 'review'
),

matches as (
    select traced.*
    from {{ ref('stg_hoaxes__matches') }} as traced
    inner join undecided on traced.mention_id = undecided.mention_id
),

hoaxes as (
    select * from {{ ref('int_hoaxes_current') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

final as (
    select
        cast(row_number() over (
            order by mentions.published_at desc, matches.mention_id
        ) as bigint) as review_rank,
        matches.hoax_id,
        hoaxes.claim,
        matches.mention_id,
        mentions.published_at_wita,
        mentions.media_type,
        mentions.outlet,
        mentions.author,
        mentions.title,
        mentions.url,
        matches.match_score,
        matches.role as suggested_role,
        matches.role_sure,
        matches.role_cue,
        matches.claim_coverage,
        matches.mention_coverage,
        matches.shared_terms
    from matches
    inner join hoaxes on matches.hoax_id = hoaxes.hoax_id
    inner join mentions on matches.mention_id = mentions.mention_id
)

select * from final
order by review_rank
