with source as (
    select * from {{ source('raw', 'agency_contacts') }}
),

renamed as (
    select
        unit,
        contact_email,
        contact_name,
        source_file_id,
        source_row,
        cast(ingested_at as timestamptz) as ingested_at
    from source
)

select * from renamed
