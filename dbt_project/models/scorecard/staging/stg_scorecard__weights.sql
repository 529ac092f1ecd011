with source as (
    select * from {{ source('raw', 'scorecard_weights') }}
),

renamed as (
    select
        version as weights_version,
        cast(effective_from as date) as effective_from,
        weight_activity,
        weight_engagement,
        weight_response,
        weight_amplification,
        weight_sentiment,
        posts_per_week_instagram,
        posts_per_week_facebook,
        posts_per_week_tiktok,
        posts_per_week_youtube,
        posts_per_week_x,
        engagement_ratio_target,
        answered_within_24h_share_target,
        amplified_share_target,
        min_labelled_mentions,
        min_components,
        note as weights_note
    from source
)

select * from renamed
