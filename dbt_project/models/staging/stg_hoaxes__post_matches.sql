with source as (
    select * from {{ source('raw', 'hoax_post_matches') }}
),

renamed as (
    select
        hoax_id,
        platform,
        account,
        post_id,
        cast(published_at as {{ instant_type() }}) as published_at,
        cast(score as double) as match_score,
        matched_on
    from source
)

select * from renamed
