-- The final sentiment and issue of each mention of the run's window: the vendor's label, Citra's
-- model label (active model version, by text hash) and an analyst's correction, combined by the
-- policy in force (int_sentiment_settings_current):
--   fill_missing      vendor where labelled, else the model
--   model_everywhere  the model where it labelled the text, else the vendor
--   vendor_only       the vendor only
-- An analyst's correction wins under every policy (a corrected issue over the vendor's issue).
-- Mentions outside the taxonomy carry a suggested issue, apart from `issue`.
{{ config(materialized='view') }}

with mentions as (
    select * from {{ ref('int_mentions_enriched') }}
),

settings as (
    select * from {{ ref('int_sentiment_settings_current') }}
),

model_labels as (
    select labels.text_hash, labels.sentiment_model, labels.model_confidence
    from {{ ref('stg_sentiment__mention_labels') }} as labels
    inner join settings
        on labels.model_version = settings.model_version
),

corrections as (
    select * from {{ ref('int_label_corrections_latest') }}
),

-- one suggestion per text (made once, when the text was first seen; the newest if several)
ranked_suggestions as (
    select
        *,
        row_number() over (partition by text_hash order by suggested_at desc) as suggestion_rank
    from {{ ref('stg_issues__suggestions') }}
),

suggestions as (
    select * from ranked_suggestions
    where suggestion_rank = 1
),

joined as (
    select
        mentions.*,
        mentions.sentiment as sentiment_vendor,
        model_labels.sentiment_model,
        model_labels.model_confidence,
        corrections.sentiment_corrected,
        corrections.issue_corrected,
        coalesce({{ sentiment_policy_override() }}, settings.policy) as policy
    from mentions
    cross join settings
    left join model_labels
        on mentions.text_hash = model_labels.text_hash
    left join corrections
        on mentions.mention_id = corrections.mention_id
),

labelled as (
    select
        {{ star_except(['sentiment', 'issue', 'issue_in_taxonomy']) }},
        case
            when sentiment_corrected is not null then 'analyst'
            when policy = 'vendor_only' then if(sentiment_vendor is not null, 'vendor', null)
            when policy = 'model_everywhere'
                then coalesce(if(sentiment_model is not null, 'model', null), if(sentiment_vendor is not null, 'vendor', null))
            else coalesce(if(sentiment_vendor is not null, 'vendor', null), if(sentiment_model is not null, 'model', null))
        end as sentiment_source,
        coalesce(issue_corrected, issue) as issue,
        issue_corrected is not null or issue_in_taxonomy as issue_in_taxonomy
    from joined
),

final as (
    select
        {{ star_except(['sentiment_corrected', 'issue_corrected', 'policy'], 'labelled') }},
        case labelled.sentiment_source
            when 'analyst' then labelled.sentiment_corrected
            when 'model' then labelled.sentiment_model
            when 'vendor' then labelled.sentiment_vendor
        end as sentiment,
        if(labelled.issue_in_taxonomy, null, suggestions.issue_suggested) as issue_suggested,
        if(labelled.issue_in_taxonomy, null, suggestions.issue_suggested_confidence) as issue_suggested_confidence
    from labelled
    left join suggestions
        on labelled.text_hash = suggestions.text_hash
)

select * from final
