-- Which mention carries which hoax in which role, once people have decided: the tracer's pairs
-- (accept or review) with each mention's newest decision applied. The decisions are the hoax
-- queue's (kind hoax) of the decisions shared by every review queue (landing/decisions/,
-- int_review_decisions_latest: the newest per pair); of a mention's pairs the newest decision
-- wins. A confirm in the role spread or debunk makes the mention carry that hoax in that role
-- (also one the tracer missed or gave another hoax); reject takes that hoax away from it (the
-- tracer's pair of another hoax stays).
with matches as (
    select * from {{ ref('stg_hoaxes__matches') }}
),

decisions as (
    select
        subject_id as hoax_id,
        mention_id,
        case when decision = 'confirm' then label else 'reject' end as decision,
        decided_by,
        reason as decision_reason,
        decided_at
    from {{ ref('int_review_decisions_latest') }}
    where kind = 'hoax'
    qualify row_number() over (
            partition by mention_id order by decided_at desc, ingested_at desc, source_row desc
        ) = 1
),

traced as (
    select
        matches.hoax_id,
        matches.mention_id,
        matches.role,
        matches.match_score,
        matches.matched_on,
        matches.role_cue,
        matches.band,
        cast(null as varchar) as decided_by
    from matches
    left join decisions on matches.mention_id = decisions.mention_id
    where
        decisions.mention_id is null
        or (decisions.decision = 'reject' and decisions.hoax_id <> matches.hoax_id)
),

decided as (
    select
        decisions.hoax_id,
        decisions.mention_id,
        decisions.decision as role,
        matches.match_score,
        coalesce(matches.matched_on, 'decision') as matched_on,
        coalesce(decisions.decision_reason, 'decided') as role_cue,
        'decided' as band,
        decisions.decided_by
    from decisions
    left join matches on decisions.mention_id = matches.mention_id and decisions.hoax_id = matches.hoax_id
    where decisions.decision in ('spread', 'debunk')
),

final as (
    select * from traced
    union all
    select * from decided
)

select * from final
