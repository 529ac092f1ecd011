-- One row per release: how many mentions picked it up, in how many outlets, with what reach,
-- how fast and in what tone; a release nobody carried has 0 pickups.
with releases as (
    select * from {{ ref('dim_release') }}
),

pickups as (
    select * from {{ ref('fct_release_pickups') }}
),

waiting as (
    select
        release_id,
        count(*) as pairs_to_review
    from {{ ref('release_review_queue') }}
    group by release_id
),

per_release as (
    select
        release_id,
        count(*) as pickups,
        count(distinct outlet) as outlets,
        cast(sum(coalesce(reach, 0)) as bigint) as reach,
        min(published_at) as first_pickup_at,
        min(hours_after_release) as hours_to_first_pickup,
        count(*) filter (where sentiment = 'positive') as positive_pickups,
        count(*) filter (where sentiment = 'neutral') as neutral_pickups,
        count(*) filter (where sentiment = 'negative') as negative_pickups,
        count(*) filter (where matched_on = 'url') as linked_pickups
    from pickups
    group by release_id
),

final as (
    select
        releases.release_id,
        releases.published_at,
        releases.published_at_wita,
        releases.month,
        releases.agency_code,
        releases.issue,
        releases.title,
        releases.url,
        coalesce(per_release.pickups, 0) as pickups,
        coalesce(per_release.outlets, 0) as outlets,
        coalesce(per_release.reach, 0) as reach,
        per_release.first_pickup_at,
        per_release.hours_to_first_pickup,
        coalesce(per_release.positive_pickups, 0) as positive_pickups,
        coalesce(per_release.neutral_pickups, 0) as neutral_pickups,
        coalesce(per_release.negative_pickups, 0) as negative_pickups,
        coalesce(per_release.linked_pickups, 0) as linked_pickups,
        coalesce(waiting.pairs_to_review, 0) as pairs_to_review
    from releases
    left join per_release
        on releases.release_id = per_release.release_id
    left join waiting
        on releases.release_id = waiting.release_id
)

select * from final
