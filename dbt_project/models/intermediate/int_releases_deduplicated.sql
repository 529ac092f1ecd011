-- One row per release: the template row wins over a feed item of the same URL (staff's own
-- record of the release), then the newest export (a later feed save, a later template).
with releases as (
    select * from {{ ref('stg_agenda__releases') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by release_id
            order by
                source_kind = 'template' desc, export_date desc, ingested_at desc, source_row desc, source_file_id desc
        ) as version_rank,
        count(*) over (partition by release_id) as versions
    from releases
),

newest as (
    select {{ star_except(['version_rank']) }}
    from ranked
    where version_rank = 1
)

select * from newest
