with source as (
    select * from {{ source('raw', 'mention_issue_suggestions') }}
),

renamed as (
    select
        text_hash,
        issue as issue_suggested,
        cast(confidence as double) as issue_suggested_confidence,
        method as suggestion_method,
        suggester_version,
        cast(suggested_at as {{ instant_type() }}) as suggested_at
    from source
)

select * from renamed
