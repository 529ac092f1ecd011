with source as (
    select * from {{ source('raw', 'hoax_register') }}
),

renamed as (
    select
        hoax_id,
        hoax_id_given,
        claim,
        claim_key,
        cast(first_seen as {{ instant_type() }}) as first_seen,
        keywords,
        category,
        issue,
        region_label,
        region_code,
        klarifikasi_url,
        cast(klarifikasi_at as {{ instant_type() }}) as klarifikasi_at,
        source as registered_by,
        source_file_id,
        source_row,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
