with taxonomy as (
    select * from {{ ref('issues') }}
),

mentions as (
    select * from {{ ref('fct_mentions') }}
),

taxonomy_issues as (
    select
        issue_code as issue,
        issue_name,
        issue_group,
        description,
        true as in_taxonomy
    from taxonomy
),

issues_outside_taxonomy as (
    select distinct
        mentions.issue,
        case when mentions.issue = 'tanpa_isu' then 'Tanpa isu' else mentions.issue end as issue_name,
        cast(null as string) as issue_group,
        case
            when mentions.issue = 'tanpa_isu' then 'Mentions without an issue label.'
            else 'Label seen in mentions but not in the issue taxonomy; add it to issue_aliases to fold it in.'
        end as description,
        false as in_taxonomy
    from mentions
    {{ anti_join() }} taxonomy_issues
        on mentions.issue = taxonomy_issues.issue
),

all_issues as (
    select * from taxonomy_issues
    union all
    select * from issues_outside_taxonomy
)

select * from all_issues
