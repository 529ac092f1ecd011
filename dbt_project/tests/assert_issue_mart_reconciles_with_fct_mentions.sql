-- mart_issue_sentiment_monthly agrees with fct_mentions, cell by cell. Per month and issue the
-- mentions, the positive, neutral, negative and unlabeled counts, the three shares and the share
-- of voice are recomputed from the fact table (not from the mart's own grid and windows); a cell
-- the fact table has is never missing, a cell it lacks is all zeros, and no month between the
-- first and the last is left out. Fails on a grid that drops or doubles cells, a month left
-- stale by an incremental run, a count that reads the wrong column, a share over the wrong
-- denominator. Returns the cells that disagree.
{{ config(meta={'dagster': {'ref': {'name': 'mart_issue_sentiment_monthly'}}}) }}

with mentions as (
    select
        month,
        issue,
        sentiment
    from {{ ref('fct_mentions') }}
),

mart_cells as (
    select * from {{ ref('mart_issue_sentiment_monthly') }}
),

month_totals as (
    select
        month,
        count(*) as month_mentions
    from mentions
    group by month
),

fact_counts as (
    select
        month,
        issue,
        count(*) as mentions,
        count(*) filter (where sentiment = 'positive') as positive,
        count(*) filter (where sentiment = 'neutral') as neutral,
        count(*) filter (where sentiment = 'negative') as negative,
        count(*) filter (where sentiment is null) as unlabeled
    from mentions
    group by month, issue
),

all_cells as (
    select
        coalesce(mart_cells.month, fact_counts.month) as month,
        coalesce(mart_cells.issue, fact_counts.issue) as issue,
        mart_cells.month is null as missing_in_mart,
        coalesce(fact_counts.mentions, 0) as expected_mentions,
        coalesce(fact_counts.positive, 0) as expected_positive,
        coalesce(fact_counts.neutral, 0) as expected_neutral,
        coalesce(fact_counts.negative, 0) as expected_negative,
        coalesce(fact_counts.unlabeled, 0) as expected_unlabeled,
        mart_cells.mentions,
        mart_cells.positive,
        mart_cells.neutral,
        mart_cells.negative,
        mart_cells.unlabeled,
        mart_cells.positive_share,
        mart_cells.negative_share,
        mart_cells.net_sentiment,
        mart_cells.share_of_voice,
        month_totals.month_mentions
    from mart_cells
    full outer join fact_counts
        on mart_cells.month = fact_counts.month and mart_cells.issue = fact_counts.issue
    left join month_totals
        on coalesce(mart_cells.month, fact_counts.month) = month_totals.month
),

expected_shares as (
    select
        *,
        expected_positive / nullif(expected_positive + expected_neutral + expected_negative, 0)
            as expected_positive_share,
        expected_negative / nullif(expected_positive + expected_neutral + expected_negative, 0)
            as expected_negative_share,
        (expected_positive - expected_negative) / nullif(expected_positive + expected_neutral + expected_negative, 0)
            as expected_net_sentiment,
        expected_mentions / month_mentions as expected_share_of_voice
    from all_cells
),

cells_that_disagree as (
    select
        month,
        issue,
        case when missing_in_mart then 'cell of fct_mentions missing in the mart' else 'values differ' end as problem
    from expected_shares
    where
        missing_in_mart
        or mentions is distinct from expected_mentions
        or positive is distinct from expected_positive
        or neutral is distinct from expected_neutral
        or negative is distinct from expected_negative
        or unlabeled is distinct from expected_unlabeled
        or not {{ same_share('positive_share', 'expected_positive_share') }}
        or not {{ same_share('negative_share', 'expected_negative_share') }}
        or not {{ same_share('net_sentiment', 'expected_net_sentiment') }}
        or not {{ same_share('share_of_voice', 'expected_share_of_voice') }}
),

month_span as (
    select
        cast(unnest(generate_series(
            cast(min(month) as timestamp), cast(max(month) as timestamp), interval 1 month
        )) as date) as month
    from mentions
),

months_missing_in_mart as (
    select
        month_span.month,
        cast(null as string) as issue,
        'month without any row in the mart' as problem
    from month_span
    anti join mart_cells
        on month_span.month = mart_cells.month
)

select * from cells_that_disagree
union all
select * from months_missing_in_mart
