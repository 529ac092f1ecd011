-- How far civil servants carried each official post: the ASN mentions that shared or quoted
-- it, from any roster, at any time. Values that describe fewer than k people (the dbt var
-- k_anonymity), zero included, are null and the row says suppressed.
{%- set k = k_anonymity() %}

with posts as (
    select * from {{ ref('int_platform_posts_latest') }}
),

accounts as (
    select * from {{ ref('accounts') }}
),

shares as (
    select * from {{ ref('int_asn_post_shares') }}
),

asn_mentions as (
    select distinct mention_id, reach, engagement from {{ ref('int_asn_mentions') }}
),

-- a mention counts once per post, whichever roster agencies its author is on
post_mentions as (
    select distinct
        post_platform,
        post_id,
        mention_id,
        author
    from shares
),

shared as (
    select
        post_mentions.post_platform as platform,
        post_mentions.post_id,
        count(distinct post_mentions.author) as sharers,
        count(*) as asn_shares,
        sum(coalesce(asn_mentions.reach, 0)) as asn_reach,
        sum(coalesce(asn_mentions.engagement, 0)) as asn_engagement
    from post_mentions
    inner join asn_mentions on post_mentions.mention_id = asn_mentions.mention_id
    group by post_mentions.post_platform, post_mentions.post_id
),

counted as (
    select
        posts.platform,
        posts.account,
        accounts.agency_code,
        posts.post_id,
        posts.published_at,
        posts.month,
        posts.url,
        cast(posts.reach as bigint) as post_reach,
        cast(posts.views as bigint) as post_views,
        coalesce(shared.sharers, 0) as sharers,
        coalesce(shared.asn_shares, 0) as asn_shares,
        coalesce(shared.asn_reach, 0) as asn_reach,
        coalesce(shared.asn_engagement, 0) as asn_engagement
    from posts
    left join accounts
        on posts.platform = accounts.platform
        and posts.account = accounts.account
    left join shared
        on posts.platform = shared.platform
        and posts.post_id = shared.post_id
),

final as (
    select
        platform,
        account,
        agency_code,
        post_id,
        published_at,
        month,
        url,
        post_views,
        post_reach,
        case when sharers >= {{ k }} then sharers end as asn_sharers,
        case when sharers >= {{ k }} then asn_shares end as asn_shares,
        cast(case when sharers >= {{ k }} then asn_reach end as bigint) as asn_reach,
        cast(case when sharers >= {{ k }} then asn_engagement end as bigint) as asn_engagement,
        sharers < {{ k }} as suppressed,
        cast({{ k }} as integer) as suppression_k
    from counted
)

select * from final
