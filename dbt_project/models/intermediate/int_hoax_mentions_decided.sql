-- Which mention carries which hoax in which role, once people have decided: the tracer's pairs
-- (accept or review) with each mention's newest decision applied. A decision of spread or debunk
-- makes the mention carry that hoax in that role (also one the tracer missed or gave another
-- hoax); reject takes that hoax away from it (the tracer's pair of another hoax stays).
with matches as (
    select * from {{ ref('stg_hoaxes__matches') }}
),

decisions as (
    select *
    from {{ ref('stg_hoaxes__decisions') }}
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
