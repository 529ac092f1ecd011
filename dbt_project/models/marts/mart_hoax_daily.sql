-- Each hoax day by day (WITA), from the day of its first traced mention to the day of its last:
-- spread and debunk mentions and their reach (a mention without reach counts 0). A day without
-- mentions inside that span is a row of zeros, so a chart shows the quiet days.
with mentions as (
    select * from {{ ref('fct_hoax_mentions') }}
),

spans as (
    select hoax_id, min(mention_date) as first_day, max(mention_date) as last_day
    from mentions
    group by hoax_id
),

days as (
    select hoax_id, {{ date_series('first_day', 'last_day', 'day') }} as day
    from spans
),

counts as (
    select
        hoax_id,
        mention_date as day,
        count(*) filter (where role = 'spread') as spread_mentions,
        coalesce(sum(reach) filter (where role = 'spread'), 0) as spread_reach,
        count(*) filter (where role = 'debunk') as debunk_mentions,
        coalesce(sum(reach) filter (where role = 'debunk'), 0) as debunk_reach
    from mentions
    group by hoax_id, mention_date
),

final as (
    select
        days.hoax_id,
        days.day,
        cast(coalesce(counts.spread_mentions, 0) as bigint) as spread_mentions,
        cast(coalesce(counts.spread_reach, 0) as bigint) as spread_reach,
        cast(coalesce(counts.debunk_mentions, 0) as bigint) as debunk_mentions,
        cast(coalesce(counts.debunk_reach, 0) as bigint) as debunk_reach
    from days
    left join counts on days.hoax_id = counts.hoax_id and days.day = counts.day
)

select * from final
