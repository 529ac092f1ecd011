with source as (
    select * from {{ source('raw', 'mention_sentiment') }}
),

renamed as (
    select
        text_hash,
        model_version,
        sentiment as sentiment_model,
        cast(confidence as double) as model_confidence,
        cast(scored_at as {{ instant_type() }}) as scored_at
    from source
)

select * from renamed
