-- Which release each matched mention picked up: a pair counts when the matcher accepted it and
-- no one rejected it, or when staff confirmed it (landing/decisions/, kind release_pickup).
-- A mention picks up at most one release: of its pairs that count, a confirmed one first, then
-- the higher score, a link over text, the release published last (the closer one), the lower
-- release_id (the rule of matching/assign.py). Mentions by the office's own official accounts
-- (accounts seed) are the office speaking, not the media picking it up: left out.
with pairs as (
    select * from {{ ref('stg_agenda__release_matches') }}
),

releases as (
    select * from {{ ref('int_releases_deduplicated') }}
),

decisions as (
    select * from {{ ref('int_review_decisions_latest') }}
    where kind = 'release_pickup'
),

official_accounts as (
    select distinct lower(account) as account
    from {{ ref('accounts') }}
),

judged as (
    select
        pairs.release_id,
        pairs.mention_id,
        pairs.matched_on,
        pairs.match_score,
        pairs.band,
        decisions.decision,
        decisions.decided_by,
        releases.published_at as release_published_at
    from pairs
    inner join releases
        on pairs.release_id = releases.release_id
    left join decisions
        on pairs.release_id = decisions.subject_id and pairs.mention_id = decisions.mention_id
),

counted as (
    select *
    from judged
    where coalesce(decision = 'confirm', band = 'accept' and decision is null)
),

ranked as (
    select
        *,
        row_number() over (
            partition by mention_id
            order by
                coalesce(decision = 'confirm', false) desc,
                match_score desc,
                matched_on = 'url' desc,
                release_published_at desc,
                release_id
        ) as mention_rank
    from counted
),

mentions as (
    select
        mention_id,
        author,
        media_type
    from {{ ref('fct_mentions') }}
),

best as (
    select
        ranked.release_id,
        ranked.mention_id,
        ranked.matched_on,
        ranked.match_score,
        ranked.decided_by
    from ranked
    inner join mentions
        on ranked.mention_id = mentions.mention_id
    where
        ranked.mention_rank = 1
        and not (
            mentions.media_type = 'social'
            and lower(mentions.author) in (select official_accounts.account from official_accounts)
        )
)

select * from best
