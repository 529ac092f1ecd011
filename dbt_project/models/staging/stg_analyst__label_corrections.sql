with source as (
    select * from {{ source('raw', 'label_corrections') }}
),

renamed as (
    select
        mention_id,
        matched_on,
        url,
        sentiment,
        issue,
        corrected_by,
        reason,
        cast(corrected_at as {{ instant_type() }}) as corrected_at,
        source_file_id,
        source_row,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
