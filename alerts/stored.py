"""Alerts as ``marts.issue_alerts`` holds them: read back for notifications and the CLI."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb

from alerts.messages import Names
from alerts.model import Alert, Headline

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
    hoaxes = (
        {
            h: (claim, link)
            for h, claim, link in con.execute("select hoax_id, claim, klarifikasi_url from marts.dim_hoax").fetchall()
        }
        if "dim_hoax" in tables
        else {}
    )
    return Names(issues, regions, hoaxes)
