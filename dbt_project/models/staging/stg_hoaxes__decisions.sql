with source as (
    select * from {{ source('raw', 'hoax_decisions') }}
),

renamed as (
    select
        mention_id,
        hoax_id,
        decision,
        decided_by,
        reason as decision_reason,
        cast(decided_at as {{ instant_type() }}) as decided_at,
        source_file_id,
        source_row,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
