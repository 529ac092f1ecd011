"""Queries that several pages share, for a scope (the province or one kabupaten/kota).

The province's monthly numbers are the report's own (``reporting.data``: sums of
``mart_issue_sentiment_monthly``, so the Ringkasan shows the report's *Porsi negatif*); a region's
come from ``fct_mentions`` of that region (the issue mart has no region). Months are first days
of WITA months; every value is a parameter.
"""

from __future__ import annotations

from datetime import date

import duckdb

from dashboard.scope import Scope
from reporting.data import month_history, totals
from reporting.model import MonthTotals, Totals
from reporting.periods import months_back

COUNTS = """count(*) as mentions, count(*) filter (where sentiment = 'positive') as positive,
            count(*) filter (where sentiment = 'neutral') as neutral,
            count(*) filter (where sentiment = 'negative') as negative,
            count(*) filter (where sentiment is null) as unlabeled"""
HISTORY_MONTHS = 12


def region_months(con: duckdb.DuckDBPyConnection, region: str, first: date, last: date) -> dict[date, tuple]:
    """A region's mention counts (mentions, positive, neutral, negative, unlabeled) per month."""
    rows = con.execute(
        f"""select month, {COUNTS} from marts.fct_mentions
            where region_code = ? and month >= ? and month <= ? group by month""",
        [region, first, last],
    ).fetchall()
    return {m: tuple(int(v) for v in values) for m, *values in rows}


def scoped_totals(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> Totals | None:
    """The month's counts in the scope; None when the province's mart has no row for the month."""
    if not scope.is_region:
        return totals(con, month)
    counts = region_months(con, scope.code, month, month)
    return Totals(*counts.get(month, (0, 0, 0, 0, 0)))


def scoped_history(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> list[MonthTotals]:
    """The scope's 12 months ending with ``month``, oldest first (months without data as zero)."""
    if not scope.is_region:
        return month_history(con, month, HISTORY_MONTHS)
    window = months_back(month, HISTORY_MONTHS)
    counts = region_months(con, scope.code, window[0], month)
    return [MonthTotals(m, *counts.get(m, (0, 0, 0, 0, 0))) for m in window]


def newest_mention_date(con: duckdb.DuckDBPyConnection, scope: Scope) -> date | None:
    """The newest WITA day with a mention in the scope."""
    return con.execute(
        "select max(mention_date) from marts.fct_mentions where ($region is null or region_code = $region)",
        scope.params,
    ).fetchall()[0][0]


def data_months(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last month with any mention (the whole province)."""
    return con.execute(
        "select min(month), max(month) from marts.mart_issue_sentiment_monthly where mentions > 0"
    ).fetchall()[0]


def shown_month(con: duckdb.DuckDBPyConnection, last_complete: date) -> date | None:
    """The month the dashboard shows: the latest complete month (as the report's), or the last
    month with data when the data stops earlier; None while there is no mention at all."""
    _, last = data_months(con)
    if last is None:
        return None
    return min(last_complete, last)
