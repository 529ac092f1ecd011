-- Amplification: a mention by a civil servant on an agency's roster that shares or quotes an
-- official post, mentions an official account (`@handle`, `RT @handle:`) on its platform, or
-- carries a campaign hashtag during the campaign. One row per mention and roster agency, with
-- the ways it amplifies; per person (author), so it stays in the warehouse, never a mart.
with asn_mentions as (
    select * from {{ ref('int_asn_mentions') }}
),

shares as (
    select distinct mention_id from {{ ref('int_asn_post_shares') }}
),

campaign_mentions as (
    select distinct mention_id from {{ ref('int_campaign_mentions') }}
    where author_group = 'asn'
),

accounts as (
    select distinct platform, account from {{ ref('accounts') }}
),

handles as (
    select
        mention_id,
        platform,
        unnest(list_distinct(list_transform(
            regexp_extract_all(
                lower(coalesce(title, '') || ' ' || coalesce(snippet, '')), '(?:^|[^a-z0-9_])@([a-z0-9_.]+)', 1
            ),
            lambda handle: rtrim(handle, '.')
        ))) as handle
    from (select distinct mention_id, platform, title, snippet from asn_mentions) as texts
),

account_mentions as (
    select distinct handles.mention_id
    from handles
    inner join accounts
        on handles.platform = accounts.platform
        and handles.handle = accounts.account
),

flagged as (
    select
        asn_mentions.mention_id,
        asn_mentions.agency_code,
        asn_mentions.author,
        asn_mentions.platform,
        asn_mentions.published_at,
        asn_mentions.mention_date,
        asn_mentions.month,
        asn_mentions.reach,
        asn_mentions.engagement,
        shares.mention_id is not null as shares_official_post,
        account_mentions.mention_id is not null as mentions_official_account,
        campaign_mentions.mention_id is not null as carries_campaign_hashtag
    from asn_mentions
    left join shares on asn_mentions.mention_id = shares.mention_id
    left join account_mentions on asn_mentions.mention_id = account_mentions.mention_id
    left join campaign_mentions on asn_mentions.mention_id = campaign_mentions.mention_id
),

final as (
    select * from flagged
    where shares_official_post or mentions_official_account or carries_campaign_hashtag
)

select * from final
