with source as (
    select * from {{ source('raw', 'hoax_settings') }}
),

renamed as (
    select
        cast(effective_at as {{ instant_type() }}) as effective_at,
        quiet_days,
        cast(klarifikasi_due_hours as double) as klarifikasi_due_hours,
        lookback_days,
        cast(accept as double) as accept_score,
        cast(review as double) as review_score,
        config_file
    from source
)

select * from renamed
