with posts as (
    select * from {{ ref('int_platform_posts_latest') }}
),

ranked as (
    select
        platform,
        account,
        post_id,
        published_at,
        month,
        post_type,
        post_text,
        url,
        views,
        reach,
        likes,
        comments,
        shares,
        saves,
        engagements,
        case
            when month is not null
                then cast(row_number() over (
                        partition by platform, account, month
                        order by engagements desc, coalesce(views, 0) desc, post_id
                    ) as bigint)
        end as rank_in_month
    from posts
)

select * from ranked
