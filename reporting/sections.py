"""Sections read from marts that may not exist in every warehouse: official accounts
(`mart_platform_monthly`, `mart_platform_posts`) and data-quality findings (`dq_gaps`).

The caller checks `table_exists` first and shows "data not available" otherwise.
"""

from __future__ import annotations

from datetime import date

import duckdb

from reporting.model import AccountRow, Gap, TopPost

TOP_POSTS = 5


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when ``marts.<table>`` is in the warehouse."""
    return bool(
        con.execute(
            """select count(*) from information_schema.tables
           where table_schema = 'marts' and table_name = ?""",
            [table],
        ).fetchall()[0][0]
    )


def account_rows(con: duckdb.DuckDBPyConnection, month: date) -> list[AccountRow]:
    """Every official account with a row for the month, by platform then engagements."""
    rows = con.execute(
        """select platform, account, agency, posts, views, reach, engagements, engagement_rate,
                  followers_end, follower_growth
           from marts.mart_platform_monthly where month = ?
           order by platform, engagements desc, account""",
        [month],
    ).fetchall()
    return [AccountRow(*row) for row in rows]


def top_posts(con: duckdb.DuckDBPyConnection, month: date) -> list[TopPost]:
    """The month's most engaging official posts across accounts."""
    rows = con.execute(
        """select platform, account, published_at, post_type, url, views, engagements
           from marts.mart_platform_posts where month = ?
           order by engagements desc, views desc nulls last, post_id limit ?""",
        [month, TOP_POSTS],
    ).fetchall()
    return [TopPost(*row) for row in rows]


def month_gaps(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[Gap]:
    """Findings whose days overlap the month (`start_date < end and end_date >= start`), errors first."""
    rows = con.execute(
        """select kind, subject, start_date, end_date, severity, detail from marts.dq_gaps
           where start_date < ? and end_date >= ?
           order by severity = 'error' desc, start_date, kind, subject""",
        [end, start],
    ).fetchall()
    return [Gap(*row) for row in rows]
