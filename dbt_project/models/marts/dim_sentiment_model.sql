-- The labelling settings over time (sentiment.yml and the active model), with the model's
-- held-out macro-F1 figures as recorded in its file, so a reader of the marts knows which model
-- labelled and how good it measured.
with settings as (
    select * from {{ ref('stg_sentiment__settings') }}
),

current_settings as (
    select * from {{ ref('int_sentiment_settings_current') }}
),

final as (
    select
        settings.effective_at,
        settings.policy,
        settings.model_version,
        settings.review_min_confidence,
        cast({{ json_text('settings.model_figures', '$.smsa_valid') }} as double) as macro_f1_smsa_valid,
        cast({{ json_text('settings.model_figures', '$.nusax_ind_valid') }} as double) as macro_f1_nusax_ind_valid,
        cast({{ json_text('settings.model_figures', '$.nusax_bjn_valid') }} as double) as macro_f1_nusax_bjn_valid,
        cast({{ json_text('settings.model_figures', '$.nusax_ind_cv') }} as double) as macro_f1_nusax_ind_cv,
        cast({{ json_text('settings.model_figures', '$.nusax_bjn_cv') }} as double) as macro_f1_nusax_bjn_cv,
        settings.effective_at = current_settings.effective_at as is_current
    from settings
    cross join current_settings
)

select * from final
order by effective_at
