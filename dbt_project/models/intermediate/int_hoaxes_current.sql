-- Each registered hoax as it stands now: of all its register rows, in the order they were
-- loaded (file by file, row by row), the latest non-empty value of every column wins, so a
-- later row that only adds the clarification keeps the claim, and an empty cell never erases.
with register as (
    select
        *,
        row_number() over (
            partition by hoax_id order by ingested_at, source_file_id, source_row
        ) as version
    from {{ ref('stg_hoaxes__register') }}
),

current_values as (
    select
        hoax_id,
        arg_max(claim, version) filter (where claim is not null) as claim,
        arg_max(claim_key, version) filter (where claim_key is not null) as claim_key,
        arg_max(first_seen, version) filter (where first_seen is not null) as first_seen,
        arg_max(keywords, version) filter (where keywords is not null) as keywords,
        arg_max(category, version) filter (where category is not null) as category,
        arg_max(issue, version) filter (where issue is not null) as issue,
        arg_max(region_code, version) filter (where region_code is not null) as region_code,
        arg_max(klarifikasi_url, version) filter (where klarifikasi_url is not null) as klarifikasi_url,
        arg_max(klarifikasi_at, version) filter (where klarifikasi_at is not null) as klarifikasi_at,
        arg_max(registered_by, version) filter (where registered_by is not null) as registered_by,
        min(ingested_at) as registered_at,
        max(ingested_at) as updated_at,
        count(*) as register_rows
    from register
    group by hoax_id
),

final as (
    select * from current_values
    -- rows that only ever updated an id nobody registered have no claim: ingestion rejects them
    where claim is not null and first_seen is not null
)

select * from final
