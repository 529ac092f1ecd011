-- A view, not a table: fct_mentions reads it once, so writing 1M wide rows here first only
-- costs time (about half of the mention models' time at 1M rows).
{{ config(materialized='view') }}

-- Only the run's month window (all months without vars): a mention's month never changes
-- across exports, so deduplicating within the window keeps the newest export of each mention.
-- Newest: later export date, then later ingested (same-day exports), then later row (the yml
-- says why).
with mentions as (
    select * from {{ ref('stg_media__mentions') }}
    where {{ in_month_window_instant('published_at') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by mention_id
            order by export_date desc, ingested_at desc, source_row desc, source_file_id desc
        ) as export_rank,
        count(*) over (partition by mention_id) as export_rows
    from mentions
),

newest_export as (
    select {{ star_except(['export_rank']) }}
    from ranked
    where export_rank = 1
)

select * from newest_export
