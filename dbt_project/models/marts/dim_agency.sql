with agencies as (
    select * from {{ ref('agencies') }}
),

final as (
    select
        agency_code,
        agency_name,
        agency_short,
        agency_type,
        region_code
    from agencies
)

select * from final
