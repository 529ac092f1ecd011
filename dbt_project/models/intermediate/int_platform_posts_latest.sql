with posts as (
    select * from {{ ref('stg_platform__posts') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by platform, post_id
            order by export_date desc, ingested_at desc, source_row desc, source_file_id desc
        ) as recency,
        count(*) over (partition by platform, post_id) as export_rows,
        max(published_at) over (partition by platform, post_id) as any_published_at
    from posts
),

latest as (
    select
        platform,
        account,
        post_id,
        coalesce(published_at, any_published_at) as published_at,
        {{ month_of(to_wita('coalesce(published_at, any_published_at)')) }} as month,
        post_type,
        post_text,
        url,
        views,
        reach,
        likes,
        comments,
        shares,
        saves,
        clicks,
        coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) as engagements,
        export_date,
        source_file_id,
        export_rows
    from ranked
    where recency = 1
)

select * from latest
