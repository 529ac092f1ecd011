"""Report months: WITA calendar months as half-open windows, and which months hold data.

Any month with mentions can be reported; the first one comes from the office's
configuration (``first_month`` in report.yml) or, when that is empty, from the data itself,
so an office that loads its 2022 archive can report 2022.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from reporting.config import ReportSettings


def month_bounds(month: date) -> tuple[date, date]:
    """First day of the month and first day of the next one."""
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, end


def previous_month(month: date) -> date:
    """First day of the previous calendar month."""
    start = month.replace(day=1)
    return date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1)


def months_back(month: date, count: int) -> list[date]:
    """``count`` months ending with ``month``, oldest first."""
    months = [month.replace(day=1)]
    while len(months) < count:
        months.insert(0, previous_month(months[0]))
    return months


def previous_day(value: date) -> date:
    """The day before ``value``."""
    return date.fromordinal(value.toordinal() - 1)


def parse_month(text: str) -> date:
    """`2024-10` -> date(2024, 10, 1), with an error that says the expected form."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"month {text!r} is not a month; expected YYYY-MM, e.g. 2024-10") from None


@dataclass(frozen=True)
class Coverage:
    """The months the warehouse holds mentions for (None, None when it holds none)."""

    first: date | None
    last: date | None

    def holds(self, month: date) -> bool:
        return self.first is not None and self.first <= month <= self.last


def coverage(con: duckdb.DuckDBPyConnection) -> Coverage:
    """First and last WITA month with at least one mention."""
    first, last = con.execute(
        "select min(month), max(month) from marts.mart_issue_sentiment_monthly where mentions > 0"
    ).fetchall()[0]
    return Coverage(first, last)


def first_report_month(con: duckdb.DuckDBPyConnection, settings: ReportSettings) -> date | None:
    """The first month the office reports: from its configuration, else the first month with data."""
    return settings.first_month or coverage(con).first
