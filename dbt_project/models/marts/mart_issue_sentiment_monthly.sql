-- Incremental by WITA month (delete+insert on month): a run with vars month_start/month_end
-- rebuilds those months only, reading one month more so that the change columns of the first
-- month compare with its predecessor. The grid spans the first to the last month of all data.
{{ config(materialized='incremental', on_schema_change='append_new_columns', **month_incremental_config()) }}

with all_mentions as (
    select month, issue, sentiment, sentiment_source from {{ ref('fct_mentions') }}
),

mentions as (
    select * from all_mentions
    where {{ in_month_window('month', lookback=1) }}
),

issues as (
    select issue from {{ ref('dim_issue') }}
),

month_range as (
    select min(month) as first_month, max(month) as last_month from all_mentions
),

months as (
    select month
    from (
        select
            {{ date_series('first_month', 'last_month', 'month') }} as month
        from month_range
    ) as all_months
    where {{ in_month_window('month', lookback=1) }}
),

issue_months as (
    select months.month, issues.issue
    from months
    cross join issues
),

mention_counts as (
    select
        month,
        issue,
        count(*) as mentions,
        count(*) filter (where sentiment = 'positive') as positive,
        count(*) filter (where sentiment = 'neutral') as neutral,
        count(*) filter (where sentiment = 'negative') as negative,
        count(*) filter (where sentiment is null or sentiment not in ('positive', 'neutral', 'negative')) as unlabeled,
        count(*) filter (where sentiment is not null and sentiment_source = 'vendor') as labelled_by_vendor,
        count(*) filter (where sentiment is not null and sentiment_source = 'model') as labelled_by_model,
        count(*) filter (where sentiment is not null and sentiment_source = 'analyst') as labelled_by_analyst
    from mentions
    group by month, issue
),

dense_counts as (
    select
        issue_months.month,
        issue_months.issue,
        coalesce(mention_counts.mentions, 0) as mentions,
        coalesce(mention_counts.positive, 0) as positive,
        coalesce(mention_counts.neutral, 0) as neutral,
        coalesce(mention_counts.negative, 0) as negative,
        coalesce(mention_counts.unlabeled, 0) as unlabeled,
        coalesce(mention_counts.labelled_by_vendor, 0) as labelled_by_vendor,
        coalesce(mention_counts.labelled_by_model, 0) as labelled_by_model,
        coalesce(mention_counts.labelled_by_analyst, 0) as labelled_by_analyst
    from issue_months
    left join mention_counts
        on issue_months.month = mention_counts.month
        and issue_months.issue = mention_counts.issue
),

shares as (
    select
        *,
        positive + neutral + negative as labelled,
        positive / nullif(positive + neutral + negative, 0) as positive_share,
        negative / nullif(positive + neutral + negative, 0) as negative_share,
        (positive - negative) / nullif(positive + neutral + negative, 0) as net_sentiment,
        mentions / nullif(sum(mentions) over (partition by month), 0) as share_of_voice
    from dense_counts
),

previous_month_shares as (
    select
        *,
        lag(month) over issue_by_month as previous_month,
        lag(positive_share) over issue_by_month as previous_positive_share,
        lag(negative_share) over issue_by_month as previous_negative_share
    from shares
    window issue_by_month as (partition by issue order by month)
),

final as (
    select
        month,
        issue,
        mentions,
        positive,
        neutral,
        negative,
        unlabeled,
        positive_share,
        negative_share,
        net_sentiment,
        share_of_voice,
        case
            when previous_month = cast(month - interval 1 month as date)
                then (positive_share - previous_positive_share) * 100
        end as positive_share_change_pp,
        case
            when previous_month = cast(month - interval 1 month as date)
                then (negative_share - previous_negative_share) * 100
        end as negative_share_change_pp,
        labelled_by_vendor,
        labelled_by_model,
        labelled_by_analyst
    from previous_month_shares
    where {{ in_month_window('month') }}
    order by month, issue
)

select * from final
