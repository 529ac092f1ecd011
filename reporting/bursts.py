"""Issues that need a response: days on which the negative coverage of an issue burst.

The days come from the data-quality rule `negative_burst` (quality/bands.py, thresholds in
quality.yml), so the report and `marts.dq_gaps` always name the same days.
"""

from __future__ import annotations

from datetime import date

import duckdb

from quality.bands import negative_burst_days
from quality.config import load_config
from reporting.model import Burst, Headline

MAX_BURSTS = 8
HEADLINES_PER_BURST = 5
OUTLETS_PER_BURST = 5


def burst_rule() -> dict:
    """The thresholds, for the report's method section."""
    return load_config()["volume_band"]


def _headlines(con: duckdb.DuckDBPyConnection, issue: str, day: date) -> list[Headline]:
    rows = con.execute(
        """select title, outlet, published_at, reach from marts.fct_mentions
           where issue = ? and mention_date = ? and sentiment = 'negative'
           order by reach desc nulls last, published_at, mention_id limit ?""",
        [issue, day, HEADLINES_PER_BURST],
    ).fetchall()
    return [
        Headline(title or "(tanpa judul)", outlet, published_at, reach) for title, outlet, published_at, reach in rows
    ]


def _outlets(con: duckdb.DuckDBPyConnection, issue: str, day: date) -> list[tuple[str, int]]:
    return con.execute(
        """select coalesce(outlet, 'Tidak diketahui') as outlet_name, count(*) as negative
           from marts.fct_mentions
           where issue = ? and mention_date = ? and sentiment = 'negative'
           group by all order by negative desc, outlet_name limit ?""",
        [issue, day, OUTLETS_PER_BURST],
    ).fetchall()


def negative_bursts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Burst]:
    """The month's burst days, largest first, each with the headlines and outlets behind it."""
    days = [d for d in negative_burst_days(con, burst_rule()) if start <= d[1] < end]
    days.sort(key=lambda d: (-d[2], d[1], d[0]))
    names = dict(con.execute("select issue, issue_name from marts.dim_issue").fetchall())
    return [
        Burst(
            issue,
            names.get(issue, issue),
            day,
            int(n),
            float(med),
            _headlines(con, issue, day),
            _outlets(con, issue, day),
        )
        for issue, day, n, med in days[:MAX_BURSTS]
    ]
