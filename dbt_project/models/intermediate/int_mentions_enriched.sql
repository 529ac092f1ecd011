-- A view, not a table: fct_mentions reads it once, so writing 1M wide rows here first only
-- costs time (about half of the mention models' time at 1M rows).
{{ config(materialized='view') }}

{%- set region_pattern = region_alias_pattern(ref('region_aliases')) -%}

with mentions as (
    select * from {{ ref('int_mentions_deduplicated') }}
),

issues as (
    select * from {{ ref('issues') }}
),

issue_aliases as (
    select * from {{ ref('issue_aliases') }}
),

regions as (
    select * from {{ ref('regions') }}
),

region_aliases as (
    select * from {{ ref('region_aliases') }}
),

agencies as (
    select * from {{ ref('agencies') }}
),

-- every spelling that names an issue: its aliases and its own code, normalised
issue_keys as (
    select distinct lower(trim({{ collapse_whitespace('alias') }})) as issue_key, issue_code
    from issue_aliases
    union
    select lower(issue_code) as issue_key, issue_code
    from issues
),

-- exact (case-insensitive) names of a region: code, official name, aliases
region_keys as (
    select distinct lower(trim(alias)) as region_key, region_code from region_aliases
    union
    select lower(trim(region_name)) as region_key, region_code from regions
    union
    select lower(trim(region_code)) as region_key, region_code from regions
),

-- aliases ranked for free-text search: kabupaten/kota before province, then longest alias
region_alias_ranks as (
    select
        alias,
        region_code,
        row_number() over (
            order by length(region_code) = 2, length(alias) desc, alias
        ) as alias_rank
    from (select distinct lower(trim(alias)) as alias, region_code from region_aliases) as aliases
),

region_alias_lookup as (
    select
        {{ map_agg('alias', 'alias_rank') }} as rank_by_alias,
        {{ map_agg('alias_rank', 'region_code') }} as region_by_rank
    from region_alias_ranks
),

agency_keys as (
    select lower(trim(agency_code)) as agency_key, agency_code from agencies
    union
    select lower(trim(agency_name)) as agency_key, agency_code from agencies
    union
    select lower(trim(agency_short)) as agency_key, agency_code from agencies
),

mentions_normalised as (
    select
        *,
        nullif(lower(trim({{ collapse_whitespace('issue_label') }})), '') as issue_key,
        nullif(lower(trim({{ collapse_whitespace('region_label') }})), '') as region_key,
        nullif(lower(trim({{ collapse_whitespace('agency_label') }})), '') as agency_key
    from mentions
),

mentions_with_region_ranks as (
    select
        mentions_normalised.*,
        region_keys.region_code as region_code_from_label,
        case
            when region_keys.region_code is null
                then {{ best_region_alias_rank('mentions_normalised.region_key', region_pattern, 'region_alias_lookup.rank_by_alias') }}
        end as label_alias_rank,
        region_alias_lookup.rank_by_alias,
        region_alias_lookup.region_by_rank
    from mentions_normalised
    cross join region_alias_lookup
    left join region_keys
        on mentions_normalised.region_key = region_keys.region_key
),

mentions_with_text_ranks as (
    select
        *,
        case
            when region_code_from_label is null and label_alias_rank is null
                then {{ best_region_alias_rank('title', region_pattern, 'rank_by_alias') }}
        end as title_alias_rank
    from mentions_with_region_ranks
),

mentions_with_snippet_ranks as (
    select
        *,
        case
            when region_code_from_label is null and label_alias_rank is null and title_alias_rank is null
                then {{ best_region_alias_rank('snippet', region_pattern, 'rank_by_alias') }}
        end as snippet_alias_rank
    from mentions_with_text_ranks
),

enriched as (
    select
        {{ star_except([
            'issue_key', 'region_key', 'agency_key', 'region_code_from_label',
            'label_alias_rank', 'title_alias_rank', 'snippet_alias_rank', 'rank_by_alias', 'region_by_rank'
        ], 'mentions') }},
        coalesce(issue_keys.issue_code, mentions.issue_key, 'tanpa_isu') as issue,
        issue_keys.issue_code is not null as issue_in_taxonomy,
        coalesce(
            mentions.region_code_from_label,
            mentions.region_by_rank[mentions.label_alias_rank],
            mentions.region_by_rank[mentions.title_alias_rank],
            mentions.region_by_rank[mentions.snippet_alias_rank]
        ) as region_code,
        case
            when mentions.region_code_from_label is not null or mentions.label_alias_rank is not null then 'region_label'
            when mentions.title_alias_rank is not null then 'title'
            when mentions.snippet_alias_rank is not null then 'snippet'
        end as region_matched_on,
        agency_keys.agency_code
    from mentions_with_snippet_ranks as mentions
    left join issue_keys
        on mentions.issue_key = issue_keys.issue_key
    left join agency_keys
        on mentions.agency_key = agency_keys.agency_key
)

select * from enriched
