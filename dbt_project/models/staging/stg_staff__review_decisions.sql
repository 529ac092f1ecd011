with source as (
    select * from {{ source('raw', 'review_decisions') }}
),

renamed as (
    select
        kind,
        subject_id,
        mention_id,
        decision,
        label,
        decided_by,
        reason,
        cast(decided_at as {{ instant_type() }}) as decided_at,
        source_file_id,
        source_row,
        cast(ingested_at as {{ instant_type() }}) as ingested_at
    from source
)

select * from renamed
