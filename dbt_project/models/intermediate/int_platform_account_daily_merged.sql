with daily as (
    select * from {{ ref('stg_platform__account_daily') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by platform, account, metric_date
            order by export_date desc, ingested_at desc, source_row desc, source_file_id desc
        ) as recency
    from daily
),

merged as (
    select
        platform,
        account,
        metric_date,
        min_by(followers, recency) filter (where followers is not null) as followers,
        min_by(follower_change, recency) filter (where follower_change is not null) as follower_change,
        min_by(views, recency) filter (where views is not null) as views,
        min_by(reach, recency) filter (where reach is not null) as reach,
        min_by(profile_views, recency) filter (where profile_views is not null) as profile_views,
        min_by(engagements, recency) filter (where engagements is not null) as engagements,
        max(export_date) as export_date
    from ranked
    group by platform, account, metric_date
)

select * from merged
