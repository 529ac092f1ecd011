"""When did the office answer an alert? The first post of a registered official account
(``marts.dim_account``) published at or after the alert's window_start whose text holds one of
the issue's keywords (seed ``issue_keywords``; a watchlist alert also its term), within
``response.max_hours`` of window_start (alerts.yml)."""

from __future__ import annotations

from typing import Any

import duckdb

from alerts.text import install_macros

# reads temp table _alert_keys (alert_id, issue, term, window_start); writes temp table _responses
RESPONSES_SQL = """
    create or replace temp table _responses as
    with needles as (
      select a.alert_id, citra_fold(k.keyword) as needle
      from _alert_keys a join reference.issue_keywords k on k.issue_code = a.issue
      union
      select alert_id, citra_fold(term) from _alert_keys where term is not null
    ), posts as (
      select p.platform, p.account, p.post_id, p.published_at, p.url, citra_fold(p.post_text) as folded
      from marts.mart_platform_posts p
      join marts.dim_account r on r.platform = p.platform and r.account = p.account
      where p.published_at is not null and p.post_text is not null
    ), matches as (
      select a.alert_id, a.window_start, p.platform, p.account, p.post_id, p.published_at, p.url
      from _alert_keys a
      join needles n using (alert_id)
      join posts p on p.published_at >= a.window_start
                  and ($max_hours is null or p.published_at < a.window_start + to_seconds(cast($max_hours * 3600 as bigint)))
                  and contains(p.folded, n.needle)
    )
    select alert_id, published_at as first_response_at,
           epoch(published_at - window_start) / 3600.0 as response_hours,
           url as response_post_url, platform || '/' || account as response_account
    from matches
    qualify row_number() over (partition by alert_id order by published_at, platform, post_id) = 1
"""


def _has(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def match_responses(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> None:
    """Fill temp table ``_responses`` (alert_id, first_response_at, response_hours,
    response_post_url, response_account) for the alerts in temp table ``_alert_keys``; empty
    while the warehouse has no official posts, accounts or keywords yet."""
    needed = [("marts", "mart_platform_posts"), ("marts", "dim_account"), ("reference", "issue_keywords")]
    if not all(_has(con, schema, table) for schema, table in needed):
        con.execute(
            """create or replace temp table _responses (alert_id varchar, first_response_at timestamptz,
               response_hours double, response_post_url varchar, response_account varchar)"""
        )
        return
    install_macros(con)
    con.execute(RESPONSES_SQL, {"max_hours": cfg["max_hours"]})
