"""Issues that need a response: the province-wide negative-burst alerts of the month.

The bursts come from the alert rule `negative_burst` (alerts/bursts.py, thresholds in
alerts.yml), so the report, `marts.dq_gaps` and `marts.issue_alerts` always name the same
issues and days.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from alerts.bursts import negative_bursts as negative_burst_alerts
from alerts.config import load_config
from reporting.model import Burst, Headline

MAX_BURSTS = 8
HEADLINES_PER_BURST = 5
OUTLETS_PER_BURST = 5


def burst_rule() -> dict:
    """The thresholds (alerts.yml negative_burst), for the report's method section."""
    return load_config()["negative_burst"]


def _headlines(con: duckdb.DuckDBPyConnection, issue: str, start: datetime, end: datetime) -> list[Headline]:
    rows = con.execute(
        """select title, outlet, published_at, reach from marts.fct_mentions
           where issue = ? and published_at >= ? and published_at < ? and sentiment = 'negative'
           order by reach desc nulls last, published_at, mention_id limit ?""",
        [issue, start, end, HEADLINES_PER_BURST],
    ).fetchall()
    return [
        Headline(title or "(tanpa judul)", outlet, published_at, reach) for title, outlet, published_at, reach in rows
    ]


def _outlets(con: duckdb.DuckDBPyConnection, issue: str, start: datetime, end: datetime) -> list[tuple[str, int]]:
    return con.execute(
        """select coalesce(outlet, 'Tidak diketahui') as outlet_name, count(*) as negative
           from marts.fct_mentions
           where issue = ? and published_at >= ? and published_at < ? and sentiment = 'negative'
           group by all order by negative desc, outlet_name limit ?""",
        [issue, start, end, OUTLETS_PER_BURST],
    ).fetchall()


def negative_bursts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Burst]:
    """The month's burst days, largest first, each with the headlines and outlets behind it."""
    alerts = [
        a for a in negative_burst_alerts(con, load_config()["negative_burst"], per_region=False) if start <= a.day < end
    ]
    alerts.sort(key=lambda a: (-a.negative_mentions, a.day, a.issue))
    names = dict(con.execute("select issue, issue_name from marts.dim_issue").fetchall())
    return [
        Burst(
            a.issue,
            names.get(a.issue, a.issue),
            a.day,
            a.negative_mentions,
            a.baseline,
            _headlines(con, a.issue, a.window_start, a.window_end),
            _outlets(con, a.issue, a.window_start, a.window_end),
            a.window_start,
            a.window_end,
        )
        for a in alerts[:MAX_BURSTS]
    ]
