-- The mentions an analyst should look at first: the vendor labelled them, Citra's model labels
-- them differently with at least the confidence set in sentiment.yml (review_min_confidence),
-- and no analyst has corrected them yet. Most confident disagreement first, then the newest.
with mentions as (
    select * from {{ ref('fct_mentions') }}
),

settings as (
    select * from {{ ref('int_sentiment_settings_current') }}
),

disagreements as (
    select mentions.*
    from mentions
    cross join settings
    where
        mentions.sentiment_vendor is not null
        and mentions.sentiment_model is not null
        and mentions.sentiment_vendor <> mentions.sentiment_model
        and mentions.model_confidence >= settings.review_min_confidence
        and mentions.sentiment_source is distinct from 'analyst'
),

final as (
    select
        -- bigint on both engines (Spark's row_number is an int)
        cast(row_number() over (
            order by model_confidence desc, published_at desc, mention_id
        ) as bigint) as review_rank,
        mention_id,
        month,
        published_at_wita,
        vendor,
        outlet,
        issue,
        title,
        url,
        sentiment_vendor,
        sentiment_model,
        model_confidence,
        sentiment,
        sentiment_source
    from disagreements
)

select * from final
order by review_rank
