with source as (
    select * from {{ source('raw', 'sentiment_settings') }}
),

renamed as (
    select
        cast(effective_at as {{ instant_type() }}) as effective_at,
        policy,
        model_version,
        cast(review_min_confidence as double) as review_min_confidence,
        model_figures,
        config_file
    from source
)

select * from renamed
