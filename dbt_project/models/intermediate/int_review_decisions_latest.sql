-- The decision in force per review queue (kind), subject and mention: the newest (then the one
-- ingested last, then the later row); earlier decisions stay in raw.review_decisions. Shared by
-- every review queue: release pickups (kind release_pickup) and the hoax desk (kind hoax).
with decisions as (
    select * from {{ ref('stg_staff__review_decisions') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by kind, subject_id, mention_id
            order by decided_at desc, ingested_at desc, source_row desc
        ) as decision_rank
    from decisions
),

latest as (
    select
        kind,
        subject_id,
        mention_id,
        decision,
        label,
        decided_by,
        reason,
        decided_at,
        ingested_at,
        source_row
    from ranked
    where decision_rank = 1
)

select * from latest
