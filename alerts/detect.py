"""All alert rules over the marts, in one call: negative bursts, share rises, watchlist terms,
each alert with the headlines and outlets behind it.

The rules read ``marts.fct_mentions`` (and the seed ``reference.watchlist``) on the caller's
connection; nothing is written to the warehouse but temp tables.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import duckdb

from alerts.bursts import negative_bursts
from alerts.hoax import hoax_alerts
from alerts.model import Alert, Headline
from alerts.share import share_rises
from alerts.text import install_macros, load_temp
from alerts.watchlist import watchlist_alerts

HEADLINES = 5
OUTLETS = 5

# the mentions behind each alert: its issue (or its term), its region, its window; negative
# mentions only for a negative burst
EVIDENCE_SQL = """
    create or replace temp table _evidence as
    select a.alert_id, f.mention_id, f.title, f.outlet, f.published_at, f.reach, f.url, f.sentiment
    from _alerts a join marts.fct_mentions f
      on f.issue = a.issue and f.published_at >= a.window_start and f.published_at < a.window_end
    where a.term is null and (a.region_code is null or f.region_code = a.region_code)
    union all
    select a.alert_id, f.mention_id, f.title, f.outlet, f.published_at, f.reach, f.url, f.sentiment
    from _alerts a join marts.fct_mentions f
      on f.published_at >= a.window_start and f.published_at < a.window_end
    where a.term is not null and contains(citra_fold(f.title || ' ' || coalesce(f.snippet, '')), citra_fold(a.term))
"""
HEADLINES_SQL = """
    select alert_id, title, outlet, published_at, reach, url from _evidence e
    where sentiment = 'negative' or alert_id in (select alert_id from _alerts where kind <> 'negative_burst')
    qualify row_number() over (partition by alert_id
                               order by sentiment = 'negative' desc, reach desc nulls last, published_at, mention_id)
            <= $n
    order by alert_id, sentiment = 'negative' desc, reach desc nulls last, published_at, mention_id
"""
OUTLETS_SQL = """
    with counted as (
      select e.alert_id, coalesce(e.outlet, 'Tidak diketahui') as outlet, count(*) as n
      from _evidence e join _alerts a using (alert_id)
      where a.kind <> 'negative_burst' or e.sentiment = 'negative'
      group by all
    )
    select alert_id, outlet, n from counted
    qualify row_number() over (partition by alert_id order by n desc, outlet) <= $n
    order by alert_id, n desc, outlet
"""


def _without_repeats(bursts: list[Alert], rises: list[Alert]) -> list[Alert]:
    """A share rise on a day the same issue has a province-wide negative burst says nothing new."""
    burst_days = {(a.issue, a.day) for a in bursts if a.region_code is None}
    return [a for a in rises if (a.issue, a.day) not in burst_days]


def with_evidence(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> list[Alert]:
    """Each alert with its mention count, top headlines and top outlets (one query for all)."""
    if not alerts:
        return []
    install_macros(con)
    columns = {
        "alert_id": "varchar",
        "kind": "varchar",
        "issue": "varchar",
        "region_code": "varchar",
        "term": "varchar",
        "window_start": "timestamptz",
        "window_end": "timestamptz",
    }
    load_temp(con, "_alerts", columns, [[getattr(a, c) for c in columns] for a in alerts])
    con.execute(EVIDENCE_SQL)
    counts = dict(con.execute("select alert_id, count(*) from _evidence group by all").fetchall())
    headlines: dict[str, list[Headline]] = {}
    for alert, title, outlet, published_at, reach, url in con.execute(HEADLINES_SQL, {"n": HEADLINES}).fetchall():
        headlines.setdefault(alert, []).append(Headline(title or "(tanpa judul)", outlet, published_at, reach, url))
    outlets: dict[str, list[tuple[str, int]]] = {}
    for alert, outlet, n in con.execute(OUTLETS_SQL, {"n": OUTLETS}).fetchall():
        outlets.setdefault(alert, []).append((outlet, int(n)))
    return [
        dataclasses.replace(
            a,
            mentions=a.mentions if a.kind == "share_rise" else int(counts.get(a.alert_id, 0)),
            headlines=headlines.get(a.alert_id, []),
            outlets=outlets.get(a.alert_id, []),
        )
        for a in alerts
    ]


def detect(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any], now: datetime | None = None) -> list[Alert]:
    """Every alert the current marts hold, oldest window first; hoax alerts (alerts/hoax.py, judged
    at ``now``) come with their own evidence, after the others."""
    bursts = negative_bursts(con, cfg["negative_burst"])
    rises = _without_repeats(bursts, share_rises(con, cfg["share_rise"]))
    found = bursts + rises + watchlist_alerts(con, cfg["watchlist"])
    found.sort(key=lambda a: (a.window_start, a.kind, a.issue or "", a.region_code or "", a.term or ""))
    return with_evidence(con, found) + hoax_alerts(con, now)
