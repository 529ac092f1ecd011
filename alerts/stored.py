"""Alerts as ``marts.issue_alerts`` holds them: read back for notifications and the CLI."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from alerts.messages import Names
from alerts.model import Alert, Headline
from alerts.notice import Notice, Response
from alerts.outbox import Claim

ALERT_COLUMNS = (
    "alert_id, kind, issue, region_code, term, window_start, window_end, mentions, negative_mentions, "
    "baseline, score, severity, share_of_voice, top_headlines, top_outlets"
)


def _alert(row: tuple) -> Alert:
    *fields, share, headlines, outlets = row
    return Alert(
        *fields,
        share=share,
        headlines=[
            Headline(
                h["title"], h.get("outlet"), datetime.fromisoformat(h["published_at"]), h.get("reach"), h.get("url")
            )
            for h in json.loads(headlines or "[]")
        ],
        outlets=[(o["outlet"], o["mentions"]) for o in json.loads(outlets or "[]")],
    )


def read_alerts(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> list[Alert]:
    """Alerts of the mart (all, or those with ``ids``), oldest window first."""
    rows = con.execute(
        f"select {ALERT_COLUMNS} from marts.issue_alerts "
        "where ? is null or list_contains(?, alert_id) order by window_start, alert_id",
        [ids, ids],
    ).fetchall()
    return [_alert(row) for row in rows]


def notices(con: duckdb.DuckDBPyConnection, claims: list[Claim]) -> dict[Claim, Notice]:
    """The message of each claim: its alert as the mart holds it now (with the response), and
    for a reminder when the notice went out on that channel."""
    if not claims:
        return {}
    ids = sorted({c.alert_id for c in claims})
    alerts = {a.alert_id: a for a in read_alerts(con, ids)}
    standing = {
        row[0]: row[1:]
        for row in con.execute(
            """select alert_id, response_account, first_response_at, response_hours, response_post_url,
                      coalesce(other_posts_after, 0)
               from marts.issue_alerts where list_contains(?, alert_id)""",
            [ids],
        ).fetchall()
    }
    sent = {
        (a, c): at
        for a, c, at in con.execute(
            """select alert_id, channel, min(event_at) from raw.alert_notifications
               where purpose = 'notice' and event = 'sent' and list_contains(?, alert_id) group by all""",
            [ids],
        ).fetchall()
    }
    out = {}
    for c in claims:
        account, published, hours, url, others = standing[c.alert_id]
        response = Response(account, published, hours, url) if published is not None else None
        sent_at = sent.get((c.alert_id, c.channel)) if c.purpose == "reminder" else None
        out[c] = Notice(alerts[c.alert_id], c.purpose, response, int(others), sent_at)
    return out


def names(con: duckdb.DuckDBPyConnection) -> Names:
    """Issue, region and hoax names from the dimensions (codes stand in while they are missing)."""
    tables = {
        r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
    }
    issues = (
        dict(con.execute("select issue, issue_name from marts.dim_issue").fetchall()) if "dim_issue" in tables else {}
    )
    regions = (
        dict(con.execute("select region_code, region_name from marts.dim_region").fetchall())
        if "dim_region" in tables
        else {}
    )
    accounts = (
        dict(
            con.execute(
                "select platform || '/' || account, coalesce(agency_name, account_name) from marts.dim_account "
                "where coalesce(agency_name, account_name) is not null"
            ).fetchall()
        )
        if "dim_account" in tables
        else {}
    )
    hoaxes = (
        {
            h: (claim, link)
            for h, claim, link in con.execute("select hoax_id, claim, klarifikasi_url from marts.dim_hoax").fetchall()
        }
        if "dim_hoax" in tables
        else {}
    )
    return Names(issues, regions, accounts=accounts, hoaxes=hoaxes)
