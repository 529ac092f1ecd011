with source as (
    select * from {{ source('raw', 'media_mentions') }}
),

renamed as (
    select
        mention_id,
        source_file_id,
        source_row,
        vendor,
        profile as vendor_profile,
        document_id,
        cast(published_at as {{ instant_type() }}) as published_at,
        title,
        snippet,
        url,
        expanded_url,
        outlet,
        media_type,
        platform,
        author,
        issue_label,
        sentiment,
        sentiment_label,
        cast(reach as bigint) as reach,
        cast(engagement as bigint) as engagement,
        region_label,
        agency_label,
        language,
        country,
        keywords,
        cast(export_date as date) as export_date,
        cast(ingested_at as {{ instant_type() }}) as ingested_at,
        {{ mention_text_hash('title', 'snippet') }} as text_hash
    from source
)

select * from renamed
