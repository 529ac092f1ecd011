with posts as (
    select * from {{ ref('int_platform_posts_latest') }}
    where month is not null
),

daily as (
    select * from {{ ref('int_platform_account_daily_merged') }}
),

accounts as (
    select * from {{ ref('dim_account') }}
),

post_months as (
    select
        platform,
        account,
        month,
        count(*) as posts,
        cast(sum(views) as bigint) as views,
        cast(sum(reach) as bigint) as reach,
        cast(sum(engagements) as bigint) as engagements
    from posts
    group by platform, account, month
),

daily_months as (
    select
        platform,
        account,
        {{ month_of('metric_date') }} as month,
        max_by(followers, metric_date) filter (where followers is not null) as followers_end,
        cast(sum(follower_change) as bigint) as follower_change,
        cast(sum(views) as bigint) as daily_views,
        cast(sum(profile_views) as bigint) as profile_views
    from daily
    group by platform, account, {{ month_of('metric_date') }}
),

account_months as (
    select platform, account, month from post_months
    union
    select platform, account, month from daily_months
),

joined as (
    select
        account_months.platform,
        account_months.account,
        account_months.month,
        coalesce(post_months.posts, 0) as posts,
        post_months.views,
        post_months.reach,
        coalesce(post_months.engagements, 0) as engagements,
        daily_months.followers_end,
        daily_months.follower_change,
        daily_months.daily_views,
        daily_months.profile_views,
        lag(account_months.month) over account_window as previous_month,
        lag(daily_months.followers_end) over account_window as previous_followers_end
    from account_months
    left join post_months
        on post_months.platform = account_months.platform
        and post_months.account = account_months.account
        and post_months.month = account_months.month
    left join daily_months
        on daily_months.platform = account_months.platform
        and daily_months.account = account_months.account
        and daily_months.month = account_months.month
    window account_window as (partition by account_months.platform, account_months.account order by account_months.month)
),

final as (
    select
        joined.platform,
        joined.account,
        accounts.agency_code as agency,
        joined.month,
        joined.posts,
        joined.views,
        joined.reach,
        joined.engagements,
        case
            when joined.platform in ('facebook', 'instagram') then joined.engagements / nullif(joined.reach, 0)
            else joined.engagements / nullif(joined.views, 0)
        end as engagement_rate,
        joined.followers_end,
        coalesce(
            case
                when joined.previous_month = joined.month - interval 1 month
                    then joined.followers_end - joined.previous_followers_end
            end,
            joined.follower_change
        ) as follower_growth,
        joined.daily_views,
        joined.profile_views,
        accounts.account is not null as account_known
    from joined
    left join accounts
        on accounts.platform = joined.platform
        and accounts.account = joined.account
)

select * from final
