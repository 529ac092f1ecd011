-- Every registered official account (seed accounts) in every month the rapor scores: whether an
-- export of the account covers the month (any of its files, posts or daily insights, spans a
-- day of it), its posts of the month (0 when an export covers the month and holds none; null
-- when none covers it: nothing is known), and how far its posts per week reach the weekly
-- target of its platform (scorecard.yml, the month's version).
with months as (
    select * from {{ ref('int_scorecard_month_weights') }}
),

accounts as (
    select * from {{ ref('accounts') }}
),

posts as (
    select * from {{ ref('int_platform_posts_latest') }}
    where month is not null
),

post_rows as (
    select * from {{ ref('stg_platform__posts') }}
),

daily_rows as (
    select * from {{ ref('stg_platform__account_daily') }}
),

file_days as (
    select
        platform,
        account,
        source_file_id,
        cast({{ to_wita('published_at') }} as date) as day
    from post_rows
    where published_at is not null
    union all
    select
        platform,
        account,
        source_file_id,
        metric_date as day
    from daily_rows
),

file_spans as (
    select
        platform,
        account,
        source_file_id,
        min(day) as first_day,
        max(day) as last_day
    from file_days
    group by platform, account, source_file_id
),

covered as (
    select distinct
        months.month,
        file_spans.platform,
        file_spans.account
    from file_spans
    inner join months
        on file_spans.first_day < cast(months.month + interval 1 month as date)
        and file_spans.last_day >= months.month
),

post_counts as (
    select
        platform,
        account,
        month,
        count(*) as posts
    from posts
    group by platform, account, month
),

grid as (
    select
        months.month,
        months.days_in_month,
        accounts.platform,
        accounts.account,
        accounts.agency_code,
        case accounts.platform
            when 'instagram' then months.posts_per_week_instagram
            when 'facebook' then months.posts_per_week_facebook
            when 'tiktok' then months.posts_per_week_tiktok
            when 'youtube' then months.posts_per_week_youtube
            when 'x' then months.posts_per_week_x
        end as posts_per_week_target
    from months
    cross join accounts
),

counted as (
    select
        grid.month,
        grid.platform,
        grid.account,
        grid.agency_code,
        covered.month is not null as has_data,
        case when covered.month is not null then coalesce(post_counts.posts, 0) end as posts,
        grid.days_in_month,
        grid.posts_per_week_target
    from grid
    left join covered
        on grid.month = covered.month
        and grid.platform = covered.platform
        and grid.account = covered.account
    left join post_counts
        on grid.month = post_counts.month
        and grid.platform = post_counts.platform
        and grid.account = post_counts.account
),

final as (
    select
        month,
        platform,
        account,
        agency_code,
        has_data,
        posts,
        posts > 0 as active,
        posts / (days_in_month / 7.0) as posts_per_week,
        posts_per_week_target,
        -- least() skips nulls in DuckDB: an account without data must stay null, not 1
        case when posts is not null then least(1.0, posts / (days_in_month / 7.0) / posts_per_week_target) end
            as target_attainment
    from counted
)

select * from final
