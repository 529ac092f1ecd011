-- The office's press releases, one row per release_id: publication time in WITA, agency, and
-- the issue (given by the file, else suggested from its title and lead, else tanpa_isu).
with releases as (
    select * from {{ ref('int_releases_deduplicated') }}
),

final as (
    select
        release_id,
        published_at,
        {{ to_wita('published_at') }} as published_at_wita,
        cast({{ to_wita('published_at') }} as date) as release_date,
        {{ month_of(to_wita('published_at')) }} as month,
        agency_code,
        coalesce(issue_given, issue_suggested, 'tanpa_isu') as issue,
        case
            when issue_given is not null then 'given'
            when issue_suggested is not null then 'suggested'
            else 'none'
        end as issue_source,
        case when issue_given is null then issue_suggested_confidence end as issue_suggested_confidence,
        title,
        lead,
        url,
        campaign,
        source_kind,
        versions
    from releases
)

select * from final
