-- One row: the hoax settings in force, the newest recorded (hoaxes.yml, written by the tracing
-- step), else the documented defaults (quiet_days 7, klarifikasi_due_hours 24, lookback_days 7).
with recorded as (
    select * from {{ ref('stg_hoaxes__settings') }}
),

candidates as (
    select quiet_days, klarifikasi_due_hours, lookback_days, effective_at, 1 as priority
    from recorded
    union all
    select
        7 as quiet_days,
        24.0 as klarifikasi_due_hours,
        7 as lookback_days,
        cast(null as {{ instant_type() }}) as effective_at,
        0 as priority
),

final as (
    select
        cast(quiet_days as integer) as quiet_days,
        cast(klarifikasi_due_hours as double) as klarifikasi_due_hours,
        cast(lookback_days as integer) as lookback_days,
        effective_at,
        {{ citra_today() }} as status_day
    from candidates
    order by priority desc, effective_at desc
    limit 1
)

select * from final
