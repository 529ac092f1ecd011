"""Derive ``marts.issue_alerts`` and ``marts.mart_response_monthly`` from the current detections
(temp table ``_detected``), the alerts' raw state tables and the official posts.

Both marts are replaced in the caller's transaction, typed and commented from alerts/columns.py,
so BI tools see the old tables or the new ones, never a mix.
"""

from __future__ import annotations

from typing import Any

import duckdb

from alerts.columns import ISSUE_ALERTS_COLUMNS, ISSUE_ALERTS_DOC, RESPONSE_MONTHLY_COLUMNS, RESPONSE_MONTHLY_DOC
from alerts.hoax import hoax_responses
from alerts.model import Alert
from alerts.outbox import LATEST_SQL
from alerts.responses import match_responses
from alerts.store import alert_rows
from alerts.text import load_temp

DETECTED_COLUMNS = [
    "alert_id",
    "kind",
    "issue",
    "region_code",
    "term",
    "window_start",
    "window_end",
    "mentions",
    "negative_mentions",
    "baseline",
    "score",
    "severity",
    "share_of_voice",
    "top_headlines",
    "top_outlets",
]

DERIVE_SQL = """
    with detected as (
      select *, true as still_detected from _detected
      union all
      select {columns}, false from raw.alert_detections where alert_id not in (select alert_id from _detected)
    ), events as (
      select alert_id,
             min(happened_at) filter (where action = 'ack') as acknowledged_at,
             arg_min(actor, happened_at) filter (where action = 'ack') as acknowledged_by,
             arg_max(action, happened_at) filter (where action in ('close', 'reopen')) as last_state,
             max(happened_at) filter (where action = 'close') as closed_at,
             arg_max(actor, happened_at) filter (where action = 'close') as closed_by,
             arg_max(note, happened_at) filter (where note is not null and note <> '') as last_note
      from raw.alert_events group by all
    ), outcomes as ({latest}
    ), sent as (
      select alert_id,
             min(event_at) filter (where purpose = 'notice') as notified_at,
             min(event_at) filter (where purpose = 'reminder') as reminded_at
      from raw.alert_notifications where event = 'sent' group by all
    ), notified as (
      select alert_id, any_value(s.notified_at) as notified_at, any_value(s.reminded_at) as reminded_at,
             string_agg(channel || case purpose when 'notice' then '' else ' ' || purpose end || ': '
                        || case outcome when 'claimed' then 'interrupted' else outcome end, ', '
                        order by purpose = 'notice' desc, purpose, channel) as notifications
      from outcomes left join sent s using (alert_id) group by all
    )
    select d.alert_id, d.kind, d.issue, coalesce(i.issue_name, d.issue), d.region_code, r.region_name, d.term,
           d.window_start, d.window_end, d.mentions, d.negative_mentions, d.baseline, d.score, d.severity,
           d.share_of_voice, d.top_headlines, d.top_outlets,
           case when e.last_state = 'close' then 'closed'
                when s.first_response_at is not null then 'answered'
                when e.acknowledged_at is not null then 'acknowledged'
                else 'open' end,
           d.still_detected, f.first_detected_at, n.notified_at, n.reminded_at, n.notifications,
           e.acknowledged_at, e.acknowledged_by,
           case when e.last_state = 'close' then e.closed_at end,
           case when e.last_state = 'close' then e.closed_by end,
           e.last_note, s.first_response_at, s.response_hours, s.response_post_url, s.response_account,
           coalesce(s.other_posts_after, 0)
    from detected d
    join raw.alert_detections f using (alert_id)
    left join events e using (alert_id)
    left join notified n using (alert_id)
    left join _responses s using (alert_id)
    left join {issues} i on i.issue = d.issue
    left join {regions} r on r.region_code = d.region_code
    order by d.window_start, d.kind, d.issue, d.region_code nulls first, d.term
"""

MONTHLY_SQL = """
    select date_trunc('month', timezone('Asia/Makassar', window_start))::date as month, issue,
           count(*) as alerts, count(first_response_at) as answered,
           count(*) filter (where response_hours <= 24) as answered_within_24h,
           median(response_hours) as median_response_hours
    from marts.issue_alerts group by all order by month, issue
"""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _replace_table(con: duckdb.DuckDBPyConnection, name: str, columns: dict, doc: str, select_sql: str) -> None:
    """``marts.<name>`` (a fixed name) with typed, commented columns, filled from ``select_sql``."""
    body = ", ".join(f"{column} {kind}" for column, (kind, _) in columns.items())
    con.execute(f"create or replace table marts.{name} ({body})")
    con.execute(f"insert into marts.{name} {select_sql}")
    con.execute(f"comment on table marts.{name} is {_literal(doc)}")
    for column, (_, text) in columns.items():
        con.execute(f"comment on column marts.{name}.{column} is {_literal(text)}")


def load_detected(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> None:
    """Temp table ``_detected``: the alerts of the current data, in DETECTED_COLUMNS."""
    columns = {c: ISSUE_ALERTS_COLUMNS[c][0] for c in DETECTED_COLUMNS}
    load_temp(con, "_detected", columns, [list(row) for row in alert_rows(alerts)])


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def derive_marts(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> None:
    """Replace marts.issue_alerts and marts.mart_response_monthly from ``_detected`` and the raw
    state tables (run inside the caller's transaction)."""
    con.execute(
        "create or replace temp table _alert_keys as select alert_id, issue, term, region_code, window_start "
        "from _detected union all select alert_id, issue, term, region_code, window_start from raw.alert_detections "
        "where alert_id not in (select alert_id from _detected)"
    )
    match_responses(con, cfg["response"])
    hoax_responses(con)  # a hoax alert is answered by a clarification or a debunk (alerts/hoax.py)
    issues = "marts.dim_issue" if _exists(con, "marts", "dim_issue") else "(select null as issue, null as issue_name)"
    regions = (
        "marts.dim_region"
        if _exists(con, "marts", "dim_region")
        else "(select null as region_code, null as region_name)"
    )
    con.execute("create schema if not exists marts")
    select = DERIVE_SQL.format(columns=", ".join(DETECTED_COLUMNS), issues=issues, regions=regions, latest=LATEST_SQL)
    _replace_table(con, "issue_alerts", ISSUE_ALERTS_COLUMNS, ISSUE_ALERTS_DOC, select)
    _replace_table(con, "mart_response_monthly", RESPONSE_MONTHLY_COLUMNS, RESPONSE_MONTHLY_DOC, MONTHLY_SQL)
