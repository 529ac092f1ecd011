-- mart_agenda_monthly agrees with fct_release_pickups, cell by cell, recomputed here from the
-- fact tables (dim_release, fct_release_pickups, fct_mentions), not from mart_release_pickup:
-- per WITA month, agency and issue the releases and releases picked up (release's month), the
-- pickups and their reach (mention's month), the median hours to the first pickup, and
-- agenda_share over the distinct mentions of the month that are on the issue or are a pickup of
-- a release on it. A cell either side lacks is a disagreement. Fails on a pickup counted in the
-- release's month, a share over the wrong denominator, a release counted twice, a dropped cell.
{{ config(meta={'dagster': {'ref': {'name': 'mart_agenda_monthly'}}}) }}

with releases as (
    select * from {{ ref('dim_release') }}
),

pickups as (
    select * from {{ ref('fct_release_pickups') }}
),

first_pickups as (
    select
        release_id,
        min(hours_after_release) as hours_to_first_pickup
    from pickups
    group by release_id
),

release_cells as (
    select
        releases.month,
        releases.agency_code,
        releases.issue,
        count(*) as releases,
        count(first_pickups.release_id) as releases_picked_up,
        median(first_pickups.hours_to_first_pickup) as median_hours
    from releases
    left join first_pickups
        on releases.release_id = first_pickups.release_id
    group by releases.month, releases.agency_code, releases.issue
),

pickup_cells as (
    select
        month,
        agency_code,
        issue,
        count(*) as pickups,
        sum(coalesce(reach, 0)) as reach
    from pickups
    group by month, agency_code, issue
),

conversation as (
    select
        month,
        issue,
        count(distinct mention_id) as mentions
    from (
        select
            month,
            issue,
            mention_id
        from {{ ref('fct_mentions') }}
        union all
        select
            month,
            issue,
            mention_id
        from pickups
    ) as on_issue
    group by month, issue
),

expected as (
    select
        coalesce(release_cells.month, pickup_cells.month) as month,
        coalesce(release_cells.agency_code, pickup_cells.agency_code) as agency_code,
        coalesce(release_cells.issue, pickup_cells.issue) as issue,
        coalesce(release_cells.releases, 0) as releases,
        coalesce(release_cells.releases_picked_up, 0) as releases_picked_up,
        coalesce(pickup_cells.pickups, 0) as pickups,
        coalesce(pickup_cells.reach, 0) as reach,
        release_cells.median_hours
    from release_cells
    full outer join pickup_cells
        on release_cells.month = pickup_cells.month and release_cells.issue = pickup_cells.issue
        and release_cells.agency_code = pickup_cells.agency_code
),

expected_shares as (
    select
        expected.*,
        expected.pickups / nullif(conversation.mentions, 0) as agenda_share
    from expected
    left join conversation
        on expected.month = conversation.month and expected.issue = conversation.issue
),

mart_cells as (
    select * from {{ ref('mart_agenda_monthly') }}
),

compared as (
    select
        coalesce(mart_cells.month, expected_shares.month) as month,
        coalesce(mart_cells.agency_code, expected_shares.agency_code) as agency_code,
        coalesce(mart_cells.issue, expected_shares.issue) as issue,
        case
            when mart_cells.month is null then 'cell missing in the mart'
            when expected_shares.month is null then 'cell the facts do not have'
            else 'values differ'
        end as problem,
        mart_cells.month is null or expected_shares.month is null as one_side_only,
        mart_cells.releases as mart_releases,
        expected_shares.releases as expected_releases,
        mart_cells.releases_picked_up as mart_picked_up,
        expected_shares.releases_picked_up as expected_picked_up,
        mart_cells.pickups as mart_pickups,
        expected_shares.pickups as expected_pickups,
        mart_cells.pickup_reach as mart_reach,
        expected_shares.reach as expected_reach,
        mart_cells.median_hours_to_first_pickup as mart_median_hours,
        expected_shares.median_hours as expected_median_hours,
        mart_cells.agenda_share as mart_share,
        expected_shares.agenda_share as expected_share
    from mart_cells
    full outer join expected_shares
        on mart_cells.month = expected_shares.month and mart_cells.issue = expected_shares.issue
        and mart_cells.agency_code = expected_shares.agency_code
)

select
    month,
    agency_code,
    issue,
    problem
from compared
where
    one_side_only
    or mart_releases is distinct from expected_releases
    or mart_picked_up is distinct from expected_picked_up
    or mart_pickups is distinct from expected_pickups
    or mart_reach is distinct from expected_reach
    or not {{ same_share('mart_median_hours', 'expected_median_hours') }}
    or not {{ same_share('mart_share', 'expected_share') }}
