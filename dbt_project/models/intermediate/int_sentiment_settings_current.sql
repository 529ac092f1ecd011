-- One row: the labelling settings in force. The newest recorded settings (sentiment.yml and the
-- active model, written by the scoring step); the dbt var sentiment_policy overrides the policy of
-- a hand-run build; without any record, fill_missing and no model.
with recorded as (
    select * from {{ ref('stg_sentiment__settings') }}
),

candidates as (
    select policy, model_version, review_min_confidence, model_figures, effective_at, 1 as priority
    from recorded
    union all
    select
        'fill_missing' as policy,
        cast(null as string) as model_version,
        0.8 as review_min_confidence,
        cast(null as string) as model_figures,
        cast(null as {{ instant_type() }}) as effective_at,
        0 as priority
),

newest as (
    select *
    from candidates
    order by priority desc, effective_at desc
    limit 1
),

final as (
    select
        coalesce({{ sentiment_policy_override() }}, policy) as policy,
        model_version,
        review_min_confidence,
        model_figures,
        effective_at
    from newest
)

select * from final
