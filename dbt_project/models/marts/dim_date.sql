with mention_dates as (
    select
        min(mention_date) as first_date,
        max(mention_date) as last_date
    from {{ ref('fct_mentions') }}
),

spine as (
    select
        cast(unnest(generate_series(
            cast(first_date as timestamp), cast(last_date as timestamp), interval 1 day
        )) as date) as date_day
    from mention_dates
),

final as (
    select
        date_day as date,
        cast(date_trunc('month', date_day) as date) as month,
        year(date_day) as year,
        month(date_day) as month_number,
        [
            'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
            'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'
        ][month(date_day)] as month_name_id,
        isodow(date_day) as day_of_week,
        ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'][isodow(date_day)] as day_name_id,
        isodow(date_day) >= 6 as is_weekend
    from spine
)

select * from final
