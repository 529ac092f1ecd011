with source as (
    select * from {{ source('raw', 'releases') }}
),

renamed as (
    select
        release_id,
        url,
        url_key,
        cast(published_at as {{ instant_type() }}) as published_at,
        title,
        lead,
        body,
        agency_code,
        agency_source,
        issue as issue_given,
        issue_label,
        campaign,
        issue_suggested,
        issue_suggested_confidence,
        source_kind,
        cast(export_date as date) as export_date,
        source_file_id,
        source_row,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
