-- Incremental by WITA month: a run with vars month_start/month_end deletes and re-inserts only
-- those months (the intermediate models hold just that window); without vars, every month.
-- New columns are appended to an existing table (on_schema_change); the first build after an
-- upgrade rebuilds every month, since the labelling settings are new (docs/sentiment.md).
{{ config(materialized='incremental', on_schema_change='append_new_columns', **month_incremental_config()) }}

with enriched_mentions as (
    select * from {{ ref('int_mentions_labelled') }}
),

mentions_in_wita as (
    select
        *,
        -- explicit conversion: never rely on the session time zone
        {{ to_wita('published_at') }} as published_at_wita
    from enriched_mentions
),

final as (
    select
        mention_id,
        published_at,
        published_at_wita,
        cast(published_at_wita as date) as mention_date,
        {{ month_of('published_at_wita') }} as month,
        vendor,
        title,
        snippet,
        url,
        outlet,
        media_type,
        platform,
        author,
        issue,
        issue_in_taxonomy,
        sentiment,
        reach,
        engagement,
        region_code,
        region_matched_on,
        agency_code,
        language,
        export_date,
        source_file_id,
        sentiment_vendor,
        sentiment_model,
        model_confidence,
        sentiment_source,
        issue_suggested,
        issue_suggested_confidence
    from mentions_in_wita
)

select * from final
