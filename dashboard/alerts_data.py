"""Alerts for the Ringkasan, from ``marts.issue_alerts``, per scope.

The province's site lists every open alert with its headlines (as the alert carries them). A
regional site lists only its own region's alerts in detail, with headlines read from that
region's mentions (never another region's text), and every other alert (province-wide ones and
other regions') only as counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time

import duckdb

from dashboard.scope import Scope
from reporting.formatting import WITA

HEADLINES = 3
ALERT_FIELDS = """alert_id, kind, issue, issue_name, region_code, region_name, term, window_start, window_end,
                  mentions, negative_mentions, baseline, share_of_voice, severity, status, notifications, acknowledged_by,
                  first_response_at, response_hours, response_account, top_headlines"""


@dataclass(frozen=True)
class AlertHeadline:
    title: str
    outlet: str | None
    url: str | None


@dataclass(frozen=True)
class AlertItem:
    """One alert as the dashboard lists it."""

    alert_id: str
    kind: str
    issue: str
    issue_name: str
    region_code: str | None
    region_name: str | None
    term: str | None
    window_start: datetime
    window_end: datetime
    mentions: int
    negative_mentions: int
    baseline: float | None
    share_of_voice: float | None
    severity: str
    status: str
    notifications: str | None
    acknowledged_by: str | None
    first_response_at: datetime | None
    response_hours: float | None
    response_account: str | None
    headlines: tuple[AlertHeadline, ...]


@dataclass(frozen=True)
class AlertCounts:
    """Alerts outside the scope, as numbers only: province-wide ones and other regions'."""

    province_wide: int
    other_regions: int


def _from_json(text: str | None) -> tuple[AlertHeadline, ...]:
    items = json.loads(text) if text else []
    return tuple(AlertHeadline(h.get("title") or "(tanpa judul)", h.get("outlet"), h.get("url")) for h in items)


def _region_headlines(con: duckdb.DuckDBPyConnection, row: tuple, region: str) -> tuple[AlertHeadline, ...]:
    """The alert's headlines from the region's own mentions: the issue's in the window, negative
    first, widest reach first (the order the alert rules use)."""
    issue, window_start, window_end = row[2], row[7], row[8]  # ALERT_FIELDS' order
    found = con.execute(
        """select coalesce(title, '(tanpa judul)'), outlet, url from marts.fct_mentions
           where region_code = ? and issue = ? and published_at >= ? and published_at < ?
           order by sentiment = 'negative' desc, reach desc nulls last, published_at, mention_id limit ?""",
        [region, issue, window_start, window_end, HEADLINES],
    ).fetchall()
    return tuple(AlertHeadline(*h) for h in found)


def _items(con: duckdb.DuckDBPyConnection, scope: Scope, where: str, params: list) -> list[AlertItem]:
    region_filter = "region_code = ?" if scope.is_region else "true"
    rows = con.execute(
        f"select {ALERT_FIELDS} from marts.issue_alerts where {region_filter} and {where} "
        "order by window_start desc, kind, issue, region_code nulls first, term",
        ([scope.code] if scope.is_region else []) + params,
    ).fetchall()
    items = []
    for row in rows:
        headlines = _region_headlines(con, row, scope.code) if scope.is_region else _from_json(row[-1])
        items.append(AlertItem(*row[:-1], headlines[:HEADLINES]))
    return items


def open_alerts(con: duckdb.DuckDBPyConnection, scope: Scope) -> list[AlertItem]:
    """Alerts whose status is ``open`` (as `citra alerts list` and the open_alerts check count them), newest first."""
    return _items(con, scope, "status = 'open'", [])


def month_alerts(con: duckdb.DuckDBPyConnection, scope: Scope, month: date, end: date) -> list[AlertItem]:
    """Alerts whose window started in the month (WITA, half-open), newest first, every status."""
    bounds = [datetime.combine(month, time(), WITA), datetime.combine(end, time(), WITA)]
    return _items(con, scope, "window_start >= ? and window_start < ?", bounds)


def open_elsewhere(con: duckdb.DuckDBPyConnection, scope: Scope) -> AlertCounts | None:
    """For a regional site: open alerts that are province-wide, and open alerts of other regions."""
    if not scope.is_region:
        return None
    province_wide, others = con.execute(
        """select count(*) filter (where region_code is null), count(*) filter (where region_code <> ?)
           from marts.issue_alerts where status = 'open'""",
        [scope.code],
    ).fetchall()[0]
    return AlertCounts(int(province_wide), int(others))
