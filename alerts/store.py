"""The alerts' own state, in append-only ``raw`` tables that rebuilding the marts never touches.

- ``raw.alert_detections``: each alert as it was first detected (one row per alert_id), so an
  alert keeps its first_detected_at, and stays listed if later data no longer shows it.
- ``raw.alert_events``: every acknowledgement, closing and reopening, with time and author.
- ``raw.alert_notifications``: the notification outbox, one row per (alert, channel, purpose,
  attempt, event); the purpose is ``notice`` (the first message) or ``reminder``; the primary
  key makes a claim exclusive (see alerts/outbox.py).

``marts.issue_alerts`` is derived from the current detections and these tables on every build.
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from alerts.model import Alert

TABLES: dict[str, str] = {
    "alert_detections": """(
        alert_id varchar primary key, kind varchar not null, issue varchar, region_code varchar, term varchar,
        window_start timestamptz not null, window_end timestamptz not null, mentions bigint,
        negative_mentions bigint, baseline double, score double, severity varchar, share_of_voice double,
        top_headlines varchar, top_outlets varchar, first_detected_at timestamptz not null, run_id varchar)""",
    "alert_events": """(
        event_id varchar primary key, alert_id varchar not null, action varchar not null, actor varchar not null,
        note varchar, happened_at timestamptz not null, source varchar not null, recorded_at timestamptz not null)""",
    "alert_notifications": """(
        alert_id varchar not null, channel varchar not null, purpose varchar not null, attempt integer not null,
        event varchar not null, event_at timestamptz not null, detail varchar, run_id varchar,
        primary key (alert_id, channel, purpose, attempt, event))""",
}
NOTIFICATION_COLUMNS = "alert_id, channel, purpose, attempt, event, event_at, detail, run_id"


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select column_name from duckdb_columns() where schema_name = 'raw' and table_name = ?", [table]
        ).fetchall()
    }


def _add_purpose(con: duckdb.DuckDBPyConnection) -> None:
    """A warehouse from before reminders: its outbox rows were all first notices. The primary key
    gains the purpose, which DuckDB cannot alter: copy into the new table and swap, in one
    transaction."""
    con.execute("begin transaction")
    try:
        con.execute(f"create table raw.alert_notifications_v2 {TABLES['alert_notifications']}")
        con.execute(
            f"insert into raw.alert_notifications_v2 ({NOTIFICATION_COLUMNS}) "
            "select alert_id, channel, 'notice', attempt, event, event_at, detail, run_id from raw.alert_notifications"
        )
        con.execute("drop table raw.alert_notifications")
        con.execute("alter table raw.alert_notifications_v2 rename to alert_notifications")
        con.execute("commit")
    except duckdb.Error:
        con.execute("rollback")
        raise


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw alert tables if they do not exist (never loses a row: an outbox from before
    reminders is copied into the new layout)."""
    con.execute("create schema if not exists raw")
    for name, body in TABLES.items():
        con.execute(f"create table if not exists raw.{name} {body}")
    if "purpose" not in _columns(con, "alert_notifications"):
        _add_purpose(con)


def headlines_json(alert: Alert) -> str:
    """The top headlines as JSON: what the webhook, the report and BI tools show."""
    return json.dumps(
        [
            {
                "title": h.title,
                "outlet": h.outlet,
                "published_at": h.published_at.isoformat(),
                "reach": h.reach,
                "url": h.url,
            }
            for h in alert.headlines
        ],
        ensure_ascii=False,
    )


def outlets_json(alert: Alert) -> str:
    return json.dumps([{"outlet": o, "mentions": n} for o, n in alert.outlets], ensure_ascii=False)


def alert_rows(alerts: list[Alert]) -> list[tuple]:
    """The detection columns of each alert, in the order of raw.alert_detections (and _detected)."""
    return [
        (
            a.alert_id,
            a.kind,
            a.issue,
            a.region_code,
            a.term,
            a.window_start,
            a.window_end,
            a.mentions,
            a.negative_mentions,
            a.baseline,
            a.score,
            a.severity,
            a.share,
            headlines_json(a),
            outlets_json(a),
        )
        for a in alerts
    ]


def record_detections(
    con: duckdb.DuckDBPyConnection, alerts: list[Alert], now: datetime, run_id: str | None
) -> list[str]:
    """Insert the alerts seen for the first time; return their ids (the new alerts)."""
    if not alerts:
        return []
    known = {
        row[0]
        for row in con.execute(
            "select alert_id from raw.alert_detections where list_contains(?, alert_id)", [[a.alert_id for a in alerts]]
        ).fetchall()
    }
    new = [a for a in alerts if a.alert_id not in known]
    if not new:
        return []
    con.executemany(
        "insert into raw.alert_detections values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "on conflict do nothing",
        [(*row, now, run_id) for row in alert_rows(new)],
    )
    return [a.alert_id for a in new]
