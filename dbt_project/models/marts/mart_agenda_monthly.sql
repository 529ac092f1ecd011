-- Per WITA month, agency and issue: how many releases the agency published and how many were
-- picked up (by the release's month), the pickups and their reach (by the mention's month), the
-- median hours to the first pickup, and agenda_share: the pickups in the month of the agency's
-- releases on the issue, over the mentions of the month that are on the issue or are a pickup
-- of a release on it (so the shares of an issue's agencies add up to at most 1).
with releases as (
    select * from {{ ref('mart_release_pickup') }}
),

pickups as (
    select * from {{ ref('fct_release_pickups') }}
),

issue_mentions as (
    select
        month,
        issue,
        count(*) as mentions
    from {{ ref('fct_mentions') }}
    group by month, issue
),

pickups_off_issue as (
    select
        month,
        issue,
        count(*) as mentions
    from pickups
    where mention_issue is distinct from issue
    group by month, issue
),

conversation as (
    select
        coalesce(issue_mentions.month, pickups_off_issue.month) as month,
        coalesce(issue_mentions.issue, pickups_off_issue.issue) as issue,
        coalesce(issue_mentions.mentions, 0) + coalesce(pickups_off_issue.mentions, 0) as issue_mentions
    from issue_mentions
    full outer join pickups_off_issue
        on issue_mentions.month = pickups_off_issue.month and issue_mentions.issue = pickups_off_issue.issue
),

by_release_month as (
    select
        month,
        agency_code,
        issue,
        count(*) as releases,
        count(*) filter (where pickups > 0) as releases_picked_up,
        median(hours_to_first_pickup) as median_hours_to_first_pickup
    from releases
    group by month, agency_code, issue
),

by_mention_month as (
    select
        month,
        agency_code,
        issue,
        count(*) as pickups,
        cast(sum(coalesce(reach, 0)) as bigint) as pickup_reach
    from pickups
    group by month, agency_code, issue
),

cells as (
    select
        coalesce(by_release_month.month, by_mention_month.month) as month,
        coalesce(by_release_month.agency_code, by_mention_month.agency_code) as agency_code,
        coalesce(by_release_month.issue, by_mention_month.issue) as issue,
        coalesce(by_release_month.releases, 0) as releases,
        coalesce(by_release_month.releases_picked_up, 0) as releases_picked_up,
        coalesce(by_mention_month.pickups, 0) as pickups,
        coalesce(by_mention_month.pickup_reach, 0) as pickup_reach,
        by_release_month.median_hours_to_first_pickup
    from by_release_month
    full outer join by_mention_month
        on by_release_month.month = by_mention_month.month and by_release_month.issue = by_mention_month.issue
        and by_release_month.agency_code = by_mention_month.agency_code
),

final as (
    select
        cells.month,
        cells.agency_code,
        cells.issue,
        cells.releases,
        cells.releases_picked_up,
        cells.pickups,
        cells.pickup_reach,
        cells.median_hours_to_first_pickup,
        coalesce(conversation.issue_mentions, 0) as issue_mentions,
        cells.pickups / nullif(conversation.issue_mentions, 0) as agenda_share
    from cells
    left join conversation
        on cells.month = conversation.month and cells.issue = conversation.issue
)

select * from final
