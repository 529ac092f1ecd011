with accounts as (
    select * from {{ ref('accounts') }}
),

agencies as (
    select * from {{ ref('agencies') }}
),

regions as (
    select * from {{ ref('regions') }}
),

final as (
    select
        accounts.platform,
        accounts.account,
        accounts.account_name,
        accounts.agency_code,
        agencies.agency_short as agency_name,
        coalesce(accounts.region_code, agencies.region_code) as region_code,
        regions.region_name
    from accounts
    left join agencies on agencies.agency_code = accounts.agency_code
    left join regions on regions.region_code = coalesce(accounts.region_code, agencies.region_code)
)

select * from final
