"""Today's date, the one every date rule of Citra uses: `CITRA_TODAY` or the date in WITA.

Freshness rules, the rejection of dates in the future, "the latest complete month" and the
sample generator's default period all ask this module, so a test (or an office replaying an
archive) can pin the day with ``CITRA_TODAY=2026-01-15`` and get the same answers on any date.
Timestamps of events (`ingested_at`, log names) stay the real clock.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo

TODAY_ENV = "CITRA_TODAY"
WITA = ZoneInfo("Asia/Makassar")


def today() -> date:
    """`CITRA_TODAY` (an ISO date, e.g. 2026-01-15) when set, else today's date in WITA."""
    text = os.environ.get(TODAY_ENV, "").strip()
    if not text:
        return datetime.now(WITA).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={text!r} is not a date; expected YYYY-MM-DD, e.g. 2026-01-15") from None


def last_complete_month(day: date | None = None) -> date:
    """First day of the last calendar month that ended before ``day`` (default: `today()`)."""
    day = day or today()
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)
