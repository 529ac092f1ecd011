with mention_dates as (
    select
        min(mention_date) as first_date,
        max(mention_date) as last_date
    from {{ ref('fct_mentions') }}
),

spine as (
    select
        {{ date_series('first_date', 'last_date', 'day') }} as date_day
    from mention_dates
),

final as (
    select
        date_day as date,
        {{ month_of('date_day') }} as month,
        cast(year(date_day) as bigint) as year,
        cast(month(date_day) as bigint) as month_number,
        {{ nth_literal([
            'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
            'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'
        ], 'month(date_day)') }} as month_name_id,
        {{ iso_day_of_week('date_day') }} as day_of_week,
        {{ nth_literal(['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'], iso_day_of_week('date_day')) }} as day_name_id,
        {{ iso_day_of_week('date_day') }} >= 6 as is_weekend
    from spine
)

select * from final
