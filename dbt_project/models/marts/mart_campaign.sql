-- Each hashtag campaign week by week (Monday-based WITA weeks, within the campaign's dates and
-- the data's span): its mentions and reach, and how much came from civil servants on a roster
-- (asn), the official accounts and the public. The ASN and public figures are shown together or
-- not at all: either one, with the total and the official figures, gives the other back. Values
-- that describe fewer than k people (the dbt var k_anonymity), zero included, are null.
{%- set k = k_anonymity() %}

with campaign_mentions as (
    select * from {{ ref('int_campaign_mentions') }}
),

campaigns as (
    select * from {{ ref('campaigns') }}
),

data_span as (
    select
        min(mention_date) as first_day,
        max(mention_date) as last_day
    from {{ ref('fct_mentions') }}
),

campaign_weeks as (
    select
        campaigns.campaign_code,
        campaigns.campaign_name,
        campaigns.agency_code,
        cast(unnest(generate_series(
            cast(date_trunc('week', greatest(campaigns.start_date, data_span.first_day)) as timestamp),
            cast(date_trunc('week', least(coalesce(campaigns.end_date, data_span.last_day), data_span.last_day)) as timestamp),
            interval 7 day
        )) as date) as week
    from campaigns
    cross join data_span
    where
        campaigns.start_date <= data_span.last_day
        and (campaigns.end_date is null or campaigns.end_date >= data_span.first_day)
),

weekly as (
    select
        campaign_code,
        week,
        count(*) as mentions,
        sum(coalesce(reach, 0)) as reach,
        count(*) filter (where author_group = 'official') as official_mentions,
        sum(coalesce(reach, 0)) filter (where author_group = 'official') as official_reach,
        count(*) filter (where author_group = 'asn') as asn_mentions,
        sum(coalesce(reach, 0)) filter (where author_group = 'asn') as asn_reach,
        count(distinct author) filter (where author_group = 'asn') as asn_people,
        count(*) filter (where author_group = 'public') as public_mentions,
        sum(coalesce(reach, 0)) filter (where author_group = 'public') as public_reach,
        count(distinct author) filter (where author_group = 'public') as public_people
    from campaign_mentions
    group by campaign_code, week
),

counted as (
    select
        campaign_weeks.*,
        coalesce(weekly.mentions, 0) as mentions,
        coalesce(weekly.reach, 0) as reach,
        coalesce(weekly.official_mentions, 0) as official_mentions,
        coalesce(weekly.official_reach, 0) as official_reach,
        coalesce(weekly.asn_mentions, 0) as asn_mentions,
        coalesce(weekly.asn_reach, 0) as asn_reach,
        coalesce(weekly.asn_people, 0) as asn_people,
        coalesce(weekly.public_mentions, 0) as public_mentions,
        coalesce(weekly.public_reach, 0) as public_reach,
        coalesce(weekly.public_people, 0) as public_people
    from campaign_weeks
    left join weekly
        on campaign_weeks.campaign_code = weekly.campaign_code
        and campaign_weeks.week = weekly.week
),

rules as (
    select
        *,
        asn_people + public_people < {{ k }} as total_hidden,
        asn_people < {{ k }} or public_people < {{ k }} as split_hidden
    from counted
),

final as (
    select
        campaign_code,
        campaign_name,
        agency_code,
        week,
        case when not total_hidden then mentions end as mentions,
        cast(case when not total_hidden then reach end as bigint) as reach,
        official_mentions,
        cast(official_reach as bigint) as official_reach,
        case when not split_hidden then asn_mentions end as asn_mentions,
        cast(case when not split_hidden then asn_reach end as bigint) as asn_reach,
        case when not split_hidden then asn_mentions / mentions end as asn_share,
        case when not split_hidden then public_mentions end as public_mentions,
        cast(case when not split_hidden then public_reach end as bigint) as public_reach,
        case when not split_hidden then public_mentions / mentions end as public_share,
        split_hidden as suppressed,
        cast({{ k }} as integer) as suppression_k
    from rules
)

select * from final
