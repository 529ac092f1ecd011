-- Which official posts each ASN mention shares or quotes: a link in its URL, title or snippet
-- (any of the platform's URL forms, tracking parameters ignored) whose (platform, post key)
-- is an official post's. One row per mention, agency and official post.
with asn_mentions as (
    select * from {{ ref('int_asn_mentions') }}
),

official_keys as (
    select * from {{ ref('int_official_posts_keyed') }}
),

links as (
    select
        mention_id,
        agency_code,
        author,
        unnest(list_distinct(
            [url] || {{ social_links("coalesce(title, '') || ' ' || coalesce(snippet, '') || ' ' || coalesce(expanded_url, '')") }}
        )) as link
    from asn_mentions
),

referenced_posts as (
    select
        mention_id,
        agency_code,
        author,
        {{ post_ref('link') }} as post
    from links
),

final as (
    select distinct
        referenced_posts.mention_id,
        referenced_posts.agency_code,
        referenced_posts.author,
        official_keys.platform as post_platform,
        official_keys.post_id,
        official_keys.account as post_account,
        official_keys.agency_code as post_agency_code,
        official_keys.month as post_month
    from referenced_posts
    inner join official_keys
        on referenced_posts.post.platform = official_keys.platform
        and referenced_posts.post.post_key = official_keys.post_key
)

select * from final
