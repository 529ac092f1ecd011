-- The correction in force per mention: the newest sentiment correction and, separately, the
-- newest issue correction (a later file that corrects only the issue keeps an earlier sentiment
-- correction). Ties in time: the later loaded file, then the later row, wins.
with corrections as (
    select * from {{ ref('stg_analyst__label_corrections') }}
),

ranked_sentiment as (
    select
        mention_id,
        sentiment,
        corrected_by,
        corrected_at,
        row_number() over (
            partition by mention_id order by corrected_at desc, ingested_at desc, source_row desc
        ) as correction_rank
    from corrections
    where sentiment is not null
),

ranked_issue as (
    select
        mention_id,
        issue,
        row_number() over (
            partition by mention_id order by corrected_at desc, ingested_at desc, source_row desc
        ) as correction_rank
    from corrections
    where issue is not null
),

corrected_mentions as (
    select distinct mention_id from corrections
),

final as (
    select
        corrected_mentions.mention_id,
        ranked_sentiment.sentiment as sentiment_corrected,
        ranked_sentiment.corrected_by as sentiment_corrected_by,
        ranked_sentiment.corrected_at as sentiment_corrected_at,
        ranked_issue.issue as issue_corrected
    from corrected_mentions
    left join ranked_sentiment
        on corrected_mentions.mention_id = ranked_sentiment.mention_id
        and ranked_sentiment.correction_rank = 1
    left join ranked_issue
        on corrected_mentions.mention_id = ranked_issue.mention_id
        and ranked_issue.correction_rank = 1
)

select * from final
