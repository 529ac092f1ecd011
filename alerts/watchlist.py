"""Rule watchlist: the first mentions of a term the office watches (seed ``watchlist``).

Staff list terms in dbt_project/seeds/watchlist.csv: a hoax narrative being debunked, the name
of a programme or project. A term raises one alert, for the 6-hour WITA window of its first
mention (in title or text) published on or after the row's ``added_on`` day. Its id names the
term and the day it was added, so a later export with an earlier mention does not raise it twice.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb

from alerts.model import WITA, Alert, alert_id
from alerts.text import fold, install_macros, load_temp

# reads temp table _watch_terms (term, needle, words, issue_code, added_on, severity)
WATCHLIST_SQL = """
    with candidates as materialized (
      -- a cheap superset first (every word of the term somewhere in the text) ...
      select t.term, t.needle, t.added_on, t.issue_code, t.severity, f.published_at, f.issue, f.sentiment,
             f.title || ' ' || coalesce(f.snippet, '') as text
      from _watch_terms t join marts.fct_mentions f
        on (t.added_on is null or f.mention_date >= t.added_on)
       and list_bool_and(list_transform(
             t.words, lambda w: contains(strip_accents(lower(f.title || ' ' || coalesce(f.snippet, ''))), w)))
    ), hits as (
      -- ... then the whole-word match on the few rows left
      select * exclude (text, needle) from candidates where contains(citra_fold(text), needle)
    ), firsts as (
      select term, min(published_at) as first_at from hits group by all
    ), windows as (
      select term, first_at,
             time_bucket(interval 6 hour, timezone('Asia/Makassar', first_at)) as start_wita
      from firsts
    )
    select h.term, h.added_on, any_value(h.issue_code) as issue_code, any_value(h.severity) as severity,
           w.start_wita, count(*) as mentions, count(*) filter (where h.sentiment = 'negative') as negative,
           mode(h.issue) as usual_issue
    from hits h join windows w using (term)
    where timezone('Asia/Makassar', h.published_at) >= w.start_wita
      and timezone('Asia/Makassar', h.published_at) < w.start_wita + interval 6 hour
    group by all
    having count(*) >= $min_mentions
    order by w.start_wita, h.term
"""


def has_watchlist(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'reference' and table_name = 'watchlist'"
        ).fetchall()[0][0]
    )


def watchlist_alerts(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Alert]:
    """One alert per watched term that has been mentioned since it was added."""
    if not has_watchlist(con):
        return []
    install_macros(con)
    terms = []
    for term, issue_code, added_on, severity in con.execute(
        "select trim(term), nullif(trim(issue_code), ''), added_on, coalesce(nullif(trim(severity), ''), 'medium') "
        "from reference.watchlist where term is not null"
    ).fetchall():
        words = fold(term).split()
        if words:
            terms.append([term, fold(term), words, issue_code, added_on, severity])
    columns = {"term": "varchar", "needle": "varchar", "words": "varchar[]", "issue_code": "varchar"}
    load_temp(con, "_watch_terms", {**columns, "added_on": "date", "severity": "varchar"}, terms)
    rows = con.execute(WATCHLIST_SQL, {"min_mentions": cfg["min_mentions"]}).fetchall()
    alerts = []
    for term, added_on, issue_code, severity, start_wita, mentions, negative, usual_issue in rows:
        start = start_wita.replace(tzinfo=WITA)
        alerts.append(
            Alert(
                alert_id=alert_id("watchlist", term.lower(), None, added_on or ""),
                kind="watchlist",
                issue=issue_code or usual_issue,
                region_code=None,
                term=term,
                window_start=start,
                window_end=start + timedelta(hours=6),
                mentions=int(mentions),
                negative_mentions=int(negative),
                baseline=0.0,
                score=float(mentions),
                severity=severity if severity in ("medium", "high") else "medium",
            )
        )
    return alerts
