"""Suggested issues for mentions outside the taxonomy: keywords per issue (seed
`issue_keywords`) and, when the office has labelled enough mentions, a classifier trained on
them. The suggestion is kept apart from the vendor's issue (`fct_mentions.issue_suggested`).

No Dagster here: `orchestration/defs/sentiment` runs `suggest_for_warehouse` after ingestion;
`citra issues evaluate` prints the accuracy on a time split (docs/sentiment.md).
"""
