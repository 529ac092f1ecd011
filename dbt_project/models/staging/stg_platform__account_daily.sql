with source as (
    select * from {{ source('raw', 'platform_account_daily') }}
),

renamed as (
    select
        platform,
        account,
        cast(date as date) as metric_date,
        cast(followers as bigint) as followers,
        cast(follower_change as bigint) as follower_change,
        cast(views as bigint) as views,
        cast(reach as bigint) as reach,
        cast(profile_views as bigint) as profile_views,
        cast(engagements as bigint) as engagements,
        cast(export_date as date) as export_date,
        source_file_id,
        source_row,
        profile as platform_profile,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
