-- The months the rapor scores (first to last WITA month with mentions, official posts or daily
-- insights) and the version of targets and weights each is scored with: the newest version whose
-- effective_from is not after the month; months before the first version take the first.
-- Without any recorded version the weight columns are null (no scores, no composite).
with mentions as (
    select month from {{ ref('fct_mentions') }}
),

posts as (
    select month from {{ ref('int_platform_posts_latest') }}
    where month is not null
),

daily as (
    select {{ month_of('metric_date') }} as month from {{ ref('int_platform_account_daily_merged') }}
),

weights as (
    select * from {{ ref('stg_scorecard__weights') }}
),

data_months as (
    select month from mentions
    union all
    select month from posts
    union all
    select month from daily
),

month_series as (
    select {{ date_series('min(month)', 'max(month)', 'month') }} as month
    from data_months
),

months as (
    select month from month_series
    where month is not null
),

first_version as (
    select min(effective_from) as first_from from weights
),

picked as (
    select
        months.month,
        weights.*
    from months
    cross join first_version
    left join weights
        on weights.effective_from <= greatest(months.month, first_version.first_from)
    qualify row_number() over (partition by months.month order by weights.effective_from desc nulls last) = 1
),

final as (
    select
        *,
        cast(date_diff('day', month, cast(month + interval 1 month as date)) as integer) as days_in_month
    from picked
)

select * from final
