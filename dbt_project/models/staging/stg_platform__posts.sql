with source as (
    select * from {{ source('raw', 'platform_posts') }}
),

renamed as (
    select
        platform,
        account,
        post_id,
        cast(published_at as {{ instant_type() }}) as published_at,
        post_type,
        text as post_text,
        url,
        cast(views as bigint) as views,
        cast(reach as bigint) as reach,
        cast(likes as bigint) as likes,
        cast(comments as bigint) as comments,
        cast(shares as bigint) as shares,
        cast(saves as bigint) as saves,
        cast(clicks as bigint) as clicks,
        cast(export_date as date) as export_date,
        source_file_id,
        source_row,
        profile as platform_profile,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
