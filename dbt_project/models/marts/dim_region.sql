with regions as (
    select * from {{ ref('regions') }}
),

final as (
    select
        region_code,
        region_name,
        region_type,
        nullif(trim(parent_code), '') as parent_code
    from regions
)

select * from final
