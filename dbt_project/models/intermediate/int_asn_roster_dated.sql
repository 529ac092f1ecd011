-- Who is on which agency's roster when. A roster file replaces the agency's previous roster
-- from its roster_date on (files of the same date: the one ingested last wins); older files
-- keep their period, so history is never lost. A row's own active_from/active_to narrow it.
-- Periods are half-open WITA days: valid_from <= day < valid_to (null = still valid).
with roster as (
    select * from {{ ref('stg_asn__roster') }}
),

agency_files as (
    select
        agency_code,
        source_file_id,
        min(roster_date) as roster_date,
        max(ingested_at) as ingested_at
    from roster
    group by agency_code, source_file_id
),

agency_periods as (
    select
        agency_code,
        source_file_id,
        roster_date,
        lead(roster_date) over (
            partition by agency_code
            order by roster_date, ingested_at, source_file_id
        ) as replaced_on
    from agency_files
),

memberships as (
    select
        roster.platform,
        roster.author,
        roster.agency_code,
        roster.source_file_id,
        agency_periods.roster_date,
        greatest(agency_periods.roster_date, roster.active_from) as valid_from,
        -- active_to is the last day, included: the half-open end is the day after
        least(agency_periods.replaced_on, cast(roster.active_to + interval 1 day as date)) as valid_to
    from roster
    inner join agency_periods
        on roster.agency_code = agency_periods.agency_code
        and roster.source_file_id = agency_periods.source_file_id
),

-- one row per account, agency and file (an account listed twice in a file keeps its widest period)
final as (
    select
        platform,
        author,
        agency_code,
        source_file_id,
        roster_date,
        min(valid_from) as valid_from,
        case when count(valid_to) = count(*) then max(valid_to) end as valid_to
    from memberships
    where valid_to is null or valid_from < valid_to
    group by platform, author, agency_code, source_file_id, roster_date
)

select * from final
