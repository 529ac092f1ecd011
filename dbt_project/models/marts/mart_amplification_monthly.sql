-- ASN amplification per agency and WITA month, with small cells suppressed (k-anonymity, the
-- dbt var k_anonymity): a value that describes fewer than k people is null and the row says
-- suppressed. No total over agencies is published anywhere, so a hidden cell cannot be had
-- back by subtracting the others from a total.
{%- set k = k_anonymity() %}

with mentions as (
    select month from {{ ref('fct_mentions') }}
),

roster as (
    select * from {{ ref('int_asn_roster_dated') }}
),

events as (
    select * from {{ ref('int_amplification_events') }}
),

shares as (
    select * from {{ ref('int_asn_post_shares') }}
),

official_posts as (
    select * from {{ ref('int_platform_posts_latest') }}
),

accounts as (
    select * from {{ ref('accounts') }}
),

months as (
    select
        cast(unnest(generate_series(
            cast(min(month) as timestamp), cast(max(month) as timestamp), interval 1 month
        )) as date) as month
    from mentions
),

-- people (distinct pseudonyms: one handle on two platforms is one person) on the roster
-- on any day of the month
roster_months as (
    select
        months.month,
        roster.agency_code,
        count(distinct roster.author) as roster_people
    from months
    inner join roster
        on roster.valid_from < cast(months.month + interval 1 month as date)
        and (roster.valid_to is null or roster.valid_to > months.month)
    group by months.month, roster.agency_code
),

activity as (
    select
        month,
        agency_code,
        count(distinct author) as active_people,
        count(*) as amplification_posts,
        sum(coalesce(reach, 0)) as amplified_reach,
        sum(coalesce(engagement, 0)) as amplified_engagement
    from events
    group by month, agency_code
),

posts_of_agencies as (
    select
        official_posts.month,
        accounts.agency_code,
        count(*) as official_posts
    from official_posts
    inner join accounts
        on official_posts.platform = accounts.platform
        and official_posts.account = accounts.account
    where official_posts.month is not null
    group by official_posts.month, accounts.agency_code
),

-- the agency's posts of the month that at least one civil servant (of any roster) shared
posts_shared as (
    select
        post_month as month,
        post_agency_code as agency_code,
        count(distinct post_platform || '/' || post_id) as official_posts_amplified,
        count(distinct author) as post_sharers
    from shares
    where post_month is not null and post_agency_code is not null
    group by post_month, post_agency_code
),

counted as (
    select
        roster_months.month,
        roster_months.agency_code,
        roster_months.roster_people,
        coalesce(activity.active_people, 0) as active_people,
        coalesce(activity.amplification_posts, 0) as amplification_posts,
        coalesce(activity.amplified_reach, 0) as amplified_reach,
        coalesce(activity.amplified_engagement, 0) as amplified_engagement,
        coalesce(posts_of_agencies.official_posts, 0) as official_posts,
        coalesce(posts_shared.official_posts_amplified, 0) as official_posts_amplified,
        coalesce(posts_shared.post_sharers, 0) as post_sharers
    from roster_months
    left join activity
        on roster_months.month = activity.month and roster_months.agency_code = activity.agency_code
    left join posts_of_agencies
        on roster_months.month = posts_of_agencies.month and roster_months.agency_code = posts_of_agencies.agency_code
    left join posts_shared
        on roster_months.month = posts_shared.month and roster_months.agency_code = posts_shared.agency_code
),

-- activity figures describe the active people and, beside the roster size, the inactive ones:
-- both groups need k people, or "all but 2 shared" would single out the 2
rules as (
    select
        *,
        roster_people < {{ k }} as roster_hidden,
        active_people < {{ k }} or roster_people - active_people < {{ k }} as activity_hidden,
        post_sharers < {{ k }} as sharing_hidden
    from counted
),

final as (
    select
        month,
        agency_code,
        case when not roster_hidden then roster_people end as roster_accounts,
        case when not activity_hidden then active_people end as active_amplifiers,
        case when not activity_hidden then active_people / roster_people end as active_share,
        case when not activity_hidden then amplification_posts end as amplification_posts,
        cast(case when not activity_hidden then amplified_reach end as bigint) as amplified_reach,
        cast(case when not activity_hidden then amplified_engagement end as bigint) as amplified_engagement,
        official_posts,
        case when not sharing_hidden then official_posts_amplified end as official_posts_amplified,
        roster_hidden or activity_hidden or sharing_hidden as suppressed,
        cast({{ k }} as integer) as suppression_k
    from rules
)

select * from final
