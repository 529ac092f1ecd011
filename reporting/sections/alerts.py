"""Peringatan dini dan kecepatan respons: the month's early-warning alerts and how fast the
office answered them, from ``marts.issue_alerts`` (published by the alerts after every build;
docs/alerts.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import duckdb

from reporting.formatting import WITA
from reporting.sections.base import MonthContext

ANSWER_WITHIN_HOURS = 24


@dataclass(frozen=True)
class AlertRow:
    """One alert of the month, as the report lists it."""

    alert_id: str
    kind: str
    issue_name: str
    region_name: str | None
    term: str | None
    window_start: datetime
    window_end: datetime
    negative_mentions: int
    baseline: float
    severity: str
    status: str
    first_response_at: datetime | None
    response_hours: float | None
    response_account: str | None
    response_post_url: str | None
    other_posts_after: int


@dataclass(frozen=True)
class ResponseSummary:
    """The month's alerts and answers: the share answered within 24 hours is the headline."""

    alerts: int
    answered: int
    answered_within_24h: int
    median_response_hours: float | None

    @property
    def share_within_24h(self) -> float | None:
        return self.answered_within_24h / self.alerts if self.alerts else None


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(), WITA), datetime.combine(end, time(), WITA)


def month_alerts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[AlertRow]:
    """Alerts whose window started in the month (WITA, half-open), oldest first, with the first
    qualifying response and the count of other official posts on the issue that did not count."""
    rows = con.execute(
        """select alert_id, kind, issue_name, region_name, term, window_start, window_end, negative_mentions,
                  baseline, severity, status, first_response_at, response_hours, response_account,
                  response_post_url, coalesce(other_posts_after, 0)
           from marts.issue_alerts where window_start >= ? and window_start < ?
           order by window_start, kind, issue, region_code nulls first, term""",
        list(_bounds(start, end)),
    ).fetchall()
    return [AlertRow(*row) for row in rows]


def response_summary(con: duckdb.DuckDBPyConnection, start: date, end: date) -> ResponseSummary:
    """Counts and the median response time over the month's alerts (not a median of medians)."""
    alerts, answered, within, median = con.execute(
        """select count(*), count(first_response_at), count(*) filter (where response_hours <= ?),
                  median(response_hours)
           from marts.issue_alerts where window_start >= ? and window_start < ?""",
        [ANSWER_WITHIN_HOURS, *_bounds(start, end)],
    ).fetchall()[0]
    return ResponseSummary(alerts, answered, within, median)


@dataclass(frozen=True)
class AlertsSection:
    """What the section shows; ``alerts`` is None while the warehouse has no marts.issue_alerts."""

    alerts: list[AlertRow] | None
    responses: ResponseSummary | None


def build(ctx: MonthContext) -> AlertsSection:
    if not ctx.has_table("marts", "issue_alerts"):
        return AlertsSection(None, None)
    return AlertsSection(month_alerts(ctx.con, ctx.start, ctx.end), response_summary(ctx.con, ctx.start, ctx.end))
