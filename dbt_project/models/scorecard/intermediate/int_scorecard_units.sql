-- Every unit of the rapor kehumasan: each agency of the seed (unit_type agency, the
-- kabupaten/kota Diskominfos included) and each region of the seed, the province included
-- (unit_type region: all agencies of that region_code taken together), with the address its
-- rapor goes to: the newest row of landing/contacts/ for the unit, else the agencies seed's
-- contact_email; a region without a row of its own takes the address of its only agency.
with agencies as (
    select * from {{ ref('agencies') }}
),

regions as (
    select * from {{ ref('regions') }}
),

contacts as (
    select * from {{ ref('stg_contacts__agency_contacts') }}
),

latest_contacts as (
    select
        unit,
        contact_email,
        contact_name
    from contacts
    qualify row_number() over (partition by unit order by ingested_at desc, source_row desc) = 1
),

agency_units as (
    select
        agency_code as unit,
        'agency' as unit_type,
        coalesce(agency_short, agency_name) as unit_name,
        agency_name as unit_full_name,
        region_code,
        nullif(trim(contact_email), '') as seed_email
    from agencies
),

only_agency as (
    select
        region_code,
        any_value(seed_email) as seed_email,
        count(*) as agencies
    from agency_units
    group by region_code
),

region_units as (
    select
        regions.region_code as unit,
        'region' as unit_type,
        regions.region_name as unit_name,
        regions.region_name as unit_full_name,
        regions.region_code,
        case when only_agency.agencies = 1 then only_agency.seed_email end as seed_email
    from regions
    left join only_agency on regions.region_code = only_agency.region_code
),

units as (
    select * from agency_units
    union all
    select * from region_units
),

final as (
    select
        units.unit,
        units.unit_type,
        units.unit_name,
        units.unit_full_name,
        units.region_code,
        coalesce(latest_contacts.contact_email, units.seed_email) as contact_email,
        latest_contacts.contact_name,
        case
            when latest_contacts.contact_email is not null then 'landing/contacts'
            when units.seed_email is not null then 'agencies seed'
        end as contact_source
    from units
    left join latest_contacts on units.unit = latest_contacts.unit
)

select * from final
