-- One row per mention that picked up a release (int_release_pickups_ranked), with the
-- mention's outlet, media type, region, reach and sentiment, the hours after the release, and
-- the release's agency and issue.
with pickups as (
    select * from {{ ref('int_release_pickups_ranked') }}
),

releases as (
    select * from {{ ref('dim_release') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

final as (
    select
        pickups.release_id,
        pickups.mention_id,
        pickups.matched_on,
        pickups.match_score,
        pickups.decided_by,
        mentions.published_at,
        mentions.published_at_wita,
        mentions.month,
        round(date_diff('second', releases.published_at, mentions.published_at) / 3600.0, 2) as hours_after_release,
        mentions.outlet,
        mentions.media_type,
        mentions.platform,
        mentions.region_code,
        mentions.reach,
        mentions.sentiment,
        mentions.issue as mention_issue,
        releases.agency_code,
        releases.issue,
        mentions.title,
        mentions.url
    from pickups
    inner join releases
        on pickups.release_id = releases.release_id
    inner join mentions
        on pickups.mention_id = mentions.mention_id
)

select * from final
