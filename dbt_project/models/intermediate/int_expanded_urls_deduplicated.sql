-- Where each mention's shortened links lead, from the newest export that carries an expansion
-- (most exports carry none). A mention's expansion does not change between exports, so this
-- reads all months; fct_mentions keeps its columns and its incremental contract.
with expansions as (
    select
        mention_id,
        expanded_url,
        export_date,
        ingested_at,
        source_file_id,
        source_row
    from {{ ref('stg_media__mentions') }}
    where expanded_url is not null
),

newest as (
    select
        mention_id,
        arg_max(expanded_url, (export_date, ingested_at, source_file_id, source_row)) as expanded_url
    from expansions
    group by mention_id
)

select * from newest
