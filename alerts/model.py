"""What an alert is: one row of ``marts.issue_alerts`` before its state (events, notifications,
response) is joined on, and the stable id that ties the two together across builds."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")
KINDS = ("negative_burst", "share_rise", "watchlist", "hoax")
SLOT_HOURS = 6  # windows of 6 hours: slot 1 = 00-06 WITA, ..., 4 = 18-24; slot 0 = the whole day


def alert_id(kind: str, subject: str, region_code: str | None, anchor: date | str) -> str:
    """Stable id: the same alert gets the same id on every rebuild, rerun and incremental month.

    ``subject`` is the issue (the term for a watchlist alert); ``anchor`` the WITA day of the
    window (the term's added_on for a watchlist alert), so data arriving later for the same day
    updates the alert instead of raising a second one. 12 hex digits: short enough to type.
    """
    key = "|".join([kind, subject, region_code or "", str(anchor)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def slot_bounds(day: date, first_slot: int, last_slot: int) -> tuple[datetime, datetime]:
    """Start and end (exclusive, WITA) of the 6-hour slots first..last (1-4) of ``day``."""
    midnight = datetime.combine(day, datetime.min.time(), WITA)
    return (
        midnight + timedelta(hours=SLOT_HOURS * (first_slot - 1)),
        midnight + timedelta(hours=SLOT_HOURS * last_slot),
    )


@dataclass(frozen=True)
class Headline:
    """A mention behind an alert: what the office reads first."""

    title: str
    outlet: str | None
    published_at: datetime
    reach: int | None
    url: str | None


@dataclass(frozen=True)
class Alert:
    """One detected alert; numbers are those of the current data."""

    alert_id: str
    kind: str
    issue: str
    region_code: str | None
    term: str | None
    window_start: datetime
    window_end: datetime
    mentions: int
    negative_mentions: int
    baseline: float
    score: float
    severity: str
    share: float | None = None  # share_rise: the issue's share of the day's mentions
    headlines: list[Headline] = field(default_factory=list)
    outlets: list[tuple[str, int]] = field(default_factory=list)

    @property
    def day(self) -> date:
        return self.window_start.astimezone(WITA).date()
