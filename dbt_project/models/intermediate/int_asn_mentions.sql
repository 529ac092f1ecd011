-- Social mentions posted by a civil servant while on an agency's roster: the mention's author
-- (a pseudonym) and platform equal a roster account valid on the mention's WITA day. One row
-- per mention and agency (a person on two agencies' rosters counts for both). Reads
-- fct_mentions, the deduplicated mentions of all months (the intermediate mention models
-- hold only a run's month window), with the expansion of its shortened links when the export
-- carried one. Per person: this stays in the warehouse, never a mart.
with mentions as (
    select
        mention_id,
        published_at,
        mention_date,
        month,
        platform,
        author,
        url,
        title,
        snippet,
        reach,
        engagement
    from {{ ref('fct_mentions') }}
    where media_type = 'social' and author like 'anon-%'
),

roster as (
    select * from {{ ref('int_asn_roster_dated') }}
),

expansions as (
    select * from {{ ref('int_expanded_urls_deduplicated') }}
),

final as (
    select
        mentions.*,
        expansions.expanded_url,
        roster.agency_code
    from mentions
    left join expansions on mentions.mention_id = expansions.mention_id
    inner join roster
        on mentions.platform = roster.platform
        and mentions.author = roster.author
        and mentions.mention_date >= roster.valid_from
        and (roster.valid_to is null or mentions.mention_date < roster.valid_to)
)

select * from final
