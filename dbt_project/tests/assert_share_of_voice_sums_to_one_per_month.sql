-- In every month with mentions, share_of_voice over all issues adds up to 1 (within rounding).
with monthly_totals as (
    select
        month,
        sum(mentions) as mentions,
        sum(share_of_voice) as share_of_voice_total
    from {{ ref('mart_issue_sentiment_monthly') }}
    group by month
),

months_off_by_more_than_rounding as (
    select * from monthly_totals
    where
        mentions > 0
        and abs(share_of_voice_total - 1) > 1e-9
)

select * from months_off_by_more_than_rounding
