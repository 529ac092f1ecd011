-- Social mentions that carry a campaign's hashtag between its start and end date (WITA days,
-- end included), with who posted them: `asn` (a civil servant on a roster that day), `official`
-- (an official account of the accounts seed) or `public` (everyone else). One row per
-- mention and campaign; per person (author), so it stays in the warehouse, never a mart.
with mentions as (
    select
        mention_id,
        mention_date,
        platform,
        author,
        reach,
        engagement,
        coalesce(title, '') || ' ' || coalesce(snippet, '') as post_text
    from {{ ref('fct_mentions') }}
    where media_type = 'social' and contains(coalesce(title, '') || coalesce(snippet, ''), '#')
),

campaigns as (
    select * from {{ ref('campaigns') }}
),

campaign_tags as (
    select
        campaign_code,
        start_date,
        end_date,
        lower(ltrim(unnest(string_split_regex(trim(hashtags), '[\s,;]+')), '#')) as hashtag
    from campaigns
),

mention_tags as (
    select
        mention_id,
        unnest(list_distinct(regexp_extract_all(lower(post_text), '#([\p{L}\p{N}_]+)', 1))) as hashtag
    from mentions
),

asn_mentions as (
    select distinct mention_id from {{ ref('int_asn_mentions') }}
),

official_accounts as (
    select distinct account from {{ ref('accounts') }}
),

tagged as (
    select distinct
        mentions.mention_id,
        campaign_tags.campaign_code,
        mentions.mention_date,
        mentions.platform,
        mentions.author,
        mentions.reach,
        mentions.engagement
    from mentions
    inner join mention_tags
        on mentions.mention_id = mention_tags.mention_id
    inner join campaign_tags
        on mention_tags.hashtag = campaign_tags.hashtag
        and mentions.mention_date >= campaign_tags.start_date
        and (campaign_tags.end_date is null or mentions.mention_date <= campaign_tags.end_date)
),

final as (
    select
        tagged.*,
        cast(date_trunc('week', tagged.mention_date) as date) as week,
        case
            when asn_mentions.mention_id is not null then 'asn'
            when tagged.author not like 'anon-%' and lower(ltrim(trim(tagged.author), '@')) in (
                    select official_accounts.account from official_accounts
                ) then 'official'
            else 'public'
        end as author_group
    from tagged
    left join asn_mentions
        on tagged.mention_id = asn_mentions.mention_id
)

select * from final
