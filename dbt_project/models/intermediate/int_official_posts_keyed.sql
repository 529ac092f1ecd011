-- Every key by which a mention can point at an official post: the key of its link (post_ref)
-- and its post id (for Facebook also the post part of `<page id>_<post id>`). A key that two
-- posts of one platform share identifies neither, so it is left out.
with posts as (
    select * from {{ ref('int_platform_posts_latest') }}
),

accounts as (
    select * from {{ ref('accounts') }}
),

linked_posts as (
    select
        platform,
        post_id,
        {{ post_ref('url') }} as link
    from posts
),

post_keys as (
    select
        platform,
        post_id,
        unnest(list_distinct(list_filter(
            [post_id, case when link.platform = platform then link.post_key end]
            || case
                when platform = 'facebook'
                    then list_filter(string_split(post_id, '_'), lambda part: regexp_full_match(part, '[0-9]{8,}'))
                else []
            end,
            lambda candidate: candidate is not null and candidate <> ''
        ))) as post_key
    from linked_posts
),

unambiguous_keys as (
    select *
    from post_keys
    qualify count(*) over (partition by platform, post_key) = 1
),

final as (
    select
        unambiguous_keys.platform,
        unambiguous_keys.post_key,
        posts.post_id,
        posts.account,
        accounts.agency_code,
        posts.published_at,
        posts.month,
        posts.url
    from unambiguous_keys
    inner join posts
        on unambiguous_keys.platform = posts.platform
        and unambiguous_keys.post_id = posts.post_id
    left join accounts
        on posts.platform = accounts.platform
        and posts.account = accounts.account
)

select * from final
