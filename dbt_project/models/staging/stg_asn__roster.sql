with source as (
    select * from {{ source('raw', 'asn_roster') }}
),

renamed as (
    select
        platform,
        pseudonym as author,
        agency_code,
        unit,
        cast(active_from as date) as active_from,
        cast(active_to as date) as active_to,
        cast(roster_date as date) as roster_date,
        source_file_id,
        source_row,
        profile as roster_profile,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
