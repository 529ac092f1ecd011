-- One row per registered hoax: how far it spread, how fast the office clarified it, whether the
-- debunk reached as many people as the hoax, and whether it is still spreading (status, judged
-- at today: CITRA_TODAY or today in WITA). Times count from the first spread mention.
with hoaxes as (
    select * from {{ ref('dim_hoax') }}
),

settings as (
    select * from {{ ref('int_hoax_settings_current') }}
),

mentions as (
    select
        mentions.*,
        hoaxes.klarifikasi_at
    from {{ ref('fct_hoax_mentions') }} as mentions
    inner join hoaxes on mentions.hoax_id = hoaxes.hoax_id
),

daily as (
    select * from {{ ref('mart_hoax_daily') }}
),

official_posts as (
    select
        matches.hoax_id,
        count(*) as official_debunk_posts,
        coalesce(sum(posts.reach), 0) as official_debunk_reach,
        min(posts.published_at) as first_official_post_at
    from {{ ref('stg_hoaxes__post_matches') }} as matches
    inner join {{ ref('mart_platform_posts') }} as posts
        on
        matches.platform = posts.platform
        and matches.account = posts.account
        and matches.post_id = posts.post_id
    group by matches.hoax_id
),

totals as (
    select
        mentions.hoax_id,
        min(mentions.published_at) filter (where mentions.role = 'spread') as first_spread_at,
        max(mentions.published_at) filter (where mentions.role = 'spread') as last_spread_at,
        min(mentions.published_at) filter (where mentions.role = 'debunk') as first_debunk_at,
        count(*) filter (where mentions.role = 'spread') as spread_mentions,
        coalesce(sum(mentions.reach) filter (where mentions.role = 'spread'), 0) as spread_reach,
        count(*) filter (where mentions.role = 'debunk') as debunk_mentions,
        coalesce(sum(mentions.reach) filter (where mentions.role = 'debunk'), 0) as debunk_reach,
        count(*) filter (
            where mentions.role = 'spread'
            and (mentions.klarifikasi_at is null or mentions.published_at < mentions.klarifikasi_at)
        ) as spread_before_klarifikasi,
        count(*) filter (
            where mentions.role = 'spread' and mentions.published_at >= mentions.klarifikasi_at
        ) as spread_after_klarifikasi,
        coalesce(sum(mentions.reach) filter (
            where mentions.role = 'spread'
            and (mentions.klarifikasi_at is null or mentions.published_at < mentions.klarifikasi_at)
        ), 0) as spread_reach_before_klarifikasi,
        coalesce(sum(mentions.reach) filter (
            where mentions.role = 'spread' and mentions.published_at >= mentions.klarifikasi_at
        ), 0) as spread_reach_after_klarifikasi,
        count(*) filter (where mentions.reach is null) as mentions_without_reach,
        count(*) filter (
            where
            mentions.role = 'spread'
            and mentions.mention_date <= settings.status_day
            and mentions.mention_date > settings.status_day - settings.quiet_days
        ) as recent_spread_mentions
    from mentions
    cross join settings
    group by mentions.hoax_id
),

peaks as (
    select hoax_id, day as peak_day
    from daily
    where spread_mentions > 0
    qualify row_number() over (partition by hoax_id order by spread_mentions desc, day) = 1
),

final as (
    select
        hoaxes.hoax_id,
        hoaxes.claim,
        hoaxes.category,
        hoaxes.issue,
        hoaxes.region_code,
        hoaxes.first_seen,
        hoaxes.klarifikasi_url,
        hoaxes.klarifikasi_at,
        totals.first_spread_at,
        totals.last_spread_at,
        peaks.peak_day,
        totals.first_debunk_at,
        epoch(hoaxes.klarifikasi_at - totals.first_spread_at) / 3600.0 as hours_to_klarifikasi,
        cast(coalesce(totals.spread_mentions, 0) as bigint) as spread_mentions,
        cast(coalesce(totals.spread_reach, 0) as bigint) as spread_reach,
        cast(coalesce(totals.debunk_mentions, 0) as bigint) as debunk_mentions,
        cast(coalesce(totals.debunk_reach, 0) as bigint) as debunk_reach,
        cast(coalesce(totals.spread_before_klarifikasi, 0) as bigint) as spread_before_klarifikasi,
        cast(coalesce(totals.spread_after_klarifikasi, 0) as bigint) as spread_after_klarifikasi,
        cast(coalesce(totals.spread_reach_before_klarifikasi, 0) as bigint) as spread_reach_before_klarifikasi,
        cast(coalesce(totals.spread_reach_after_klarifikasi, 0) as bigint) as spread_reach_after_klarifikasi,
        case
            when coalesce(totals.spread_reach, 0) + coalesce(totals.debunk_reach, 0) > 0
                then totals.debunk_reach / (totals.spread_reach + totals.debunk_reach)
        end as debunk_reach_share,
        cast(coalesce(totals.mentions_without_reach, 0) as bigint) as mentions_without_reach,
        cast(coalesce(official_posts.official_debunk_posts, 0) as bigint) as official_debunk_posts,
        cast(coalesce(official_posts.official_debunk_reach, 0) as bigint) as official_debunk_reach,
        official_posts.first_official_post_at,
        case when coalesce(totals.recent_spread_mentions, 0) > 0 then 'aktif' else 'mereda' end as status,
        settings.status_day as status_as_of
    from hoaxes
    cross join settings
    left join totals on hoaxes.hoax_id = totals.hoax_id
    left join peaks on hoaxes.hoax_id = peaks.hoax_id
    left join official_posts on hoaxes.hoax_id = official_posts.hoax_id
)

select * from final
