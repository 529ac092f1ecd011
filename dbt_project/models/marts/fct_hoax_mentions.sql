-- The mentions that carry a registered hoax, one row per mention (a mention carries one hoax at
-- most), with its role: spread (repeats or supports the claim) or debunk (clarifies, denies,
-- warns). The tracer's sure matches and people's decisions; the review queue's pairs are not
-- here. Private authors are pseudonyms, as in fct_mentions.
with matches as (
    select * from {{ ref('int_hoax_mentions_decided') }}
    where band in ('accept', 'decided')
),

hoaxes as (
    select hoax_id from {{ ref('int_hoaxes_current') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

final as (
    select
        matches.hoax_id,
        matches.mention_id,
        matches.role,
        matches.match_score,
        matches.matched_on,
        matches.role_cue,
        matches.decided_by,
        mentions.published_at,
        mentions.published_at_wita,
        mentions.mention_date,
        mentions.media_type,
        mentions.platform,
        mentions.outlet,
        mentions.author,
        mentions.region_code,
        mentions.reach,
        mentions.sentiment,
        mentions.title,
        mentions.url
    from matches
    inner join hoaxes on matches.hoax_id = hoaxes.hoax_id
    inner join mentions on matches.mention_id = mentions.mention_id
)

select * from final
