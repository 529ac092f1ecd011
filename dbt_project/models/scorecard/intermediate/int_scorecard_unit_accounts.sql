-- Which registered official accounts (seed accounts) each unit of the rapor answers for: an
-- agency its own accounts, a region the accounts of all agencies with that region_code.
with accounts as (
    select * from {{ ref('accounts') }}
),

agencies as (
    select * from {{ ref('agencies') }}
),

agency_accounts as (
    select
        accounts.agency_code as unit,
        'agency' as unit_type,
        accounts.platform,
        accounts.account
    from accounts
),

region_accounts as (
    select
        agencies.region_code as unit,
        'region' as unit_type,
        accounts.platform,
        accounts.account
    from accounts
    inner join agencies on accounts.agency_code = agencies.agency_code
),

final as (
    select * from agency_accounts
    union all
    select * from region_accounts
)

select * from final
