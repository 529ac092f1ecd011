-- The alerts each unit of the rapor answers for, one row per alert and unit: an agency the
-- alerts on the issues where it is `utama` (seed issue_agencies), a region the alerts of that
-- kabupaten/kota (the province: the province-wide alerts). Answers are the alerts' own
-- (first_response_at and response_account follow the response rule of alerts/responses.py);
-- answered_by_own says the first answer came from one of the unit's own accounts.
with alerts as (
    select * from {{ ref('stg_alerts__issue_alerts') }}
),

issue_agencies as (
    select * from {{ ref('issue_agencies') }}
),

regions as (
    select * from {{ ref('regions') }}
),

unit_accounts as (
    select * from {{ ref('int_scorecard_unit_accounts') }}
),

province as (
    select region_code from regions
    where region_type = 'provinsi'
),

dated as (
    select
        *,
        {{ month_of(to_wita('window_start')) }} as month
    from alerts
),

agency_alerts as (
    select
        issue_agencies.agency_code as unit,
        'agency' as unit_type,
        dated.*
    from dated
    inner join issue_agencies
        on dated.issue = issue_agencies.issue_code
        and issue_agencies.role = 'utama'
),

region_alerts as (
    select
        coalesce(dated.region_code, province.region_code) as unit,
        'region' as unit_type,
        dated.*
    from dated
    cross join province
),

unit_alerts as (
    select * from agency_alerts
    union all
    select * from region_alerts
),

final as (
    select
        unit_alerts.unit,
        unit_alerts.unit_type,
        unit_alerts.alert_id,
        unit_alerts.month,
        unit_alerts.kind,
        unit_alerts.issue,
        unit_alerts.region_code,
        unit_alerts.term,
        unit_alerts.window_start,
        unit_alerts.negative_mentions,
        unit_alerts.severity,
        unit_alerts.status,
        unit_alerts.first_response_at,
        unit_alerts.response_hours,
        unit_alerts.response_post_url,
        unit_alerts.response_account,
        unit_alerts.first_response_at is not null as answered,
        coalesce(unit_alerts.response_hours <= 24, false) as answered_within_24h,
        own.account is not null as answered_by_own
    from unit_alerts
    left join unit_accounts as own
        on unit_alerts.unit = own.unit
        and unit_alerts.response_account = own.platform || '/' || own.account
)

select * from final
