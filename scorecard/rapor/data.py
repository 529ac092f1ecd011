"""Read one month of the rapor for every unit (or a few) from the warehouse, a handful of
queries for all units together (never a query per unit), into ``Rapor`` objects."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, datetime

import duckdb

from reporting.formatting import WITA
from reporting.periods import months_back
from scorecard.rapor.model import AccountMonth, OpenAlert, Post, Rapor, TrendPoint
from scorecard.rapor.recommend import recommend

TREND_MONTHS = 6
POSTS_SHOWN = 3
# the components the "province" column shows: the median over the agencies that month
TYPICAL = (
    "posts_per_week",
    "median_engagement_rate",
    "answered_within_24h_share",
    "median_response_hours",
    "official_posts_amplified_share",
    "net_sentiment",
    "composite_score",
)

POSTS_SQL = """
    select u.unit, p.platform, p.account, p.published_at, p.post_text, p.url, p.views, p.engagements,
           p.engagements / p.views as rate
    from marts.mart_platform_posts p
    join intermediate.int_scorecard_unit_accounts u on u.platform = p.platform and u.account = p.account
    where p.month = ? and p.views > 0 and list_contains(?, u.unit)
    order by u.unit, rate desc, p.engagements desc, p.platform, p.post_id
"""
ALERTS_SQL = """
    select u.unit, u.alert_id, u.kind, coalesce(i.issue_name, u.issue), r.region_name, u.window_start,
           u.negative_mentions, u.status
    from intermediate.int_scorecard_unit_alerts u
    left join marts.dim_issue i on i.issue = u.issue
    left join marts.dim_region r on r.region_code = u.region_code
    where u.month = ? and not u.answered and list_contains(?, u.unit)
    order by u.unit, u.window_start, u.alert_id
"""
ACCOUNTS_SQL = """
    select u.unit, a.platform, a.account, a.has_data, a.posts, a.posts_per_week_target
    from intermediate.int_scorecard_unit_accounts u
    join intermediate.int_scorecard_account_months a on a.platform = u.platform and a.account = u.account
    where a.month = ? and list_contains(?, u.unit)
    order by u.unit, a.platform, a.account
"""
TREND_SQL = """
    select unit, month, composite_score, rank, units_ranked,
           median(composite_score) over (partition by month, unit_type) as median_composite
    from marts.mart_humas_scorecard
    where month >= ? and month <= ?
    order by unit, month
"""


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _best_and_weak(posts: list[Post]) -> tuple[list[Post], list[Post]]:
    """Up to three best and three weakest posts (by rate), never the same post twice."""
    best = posts[:POSTS_SHOWN]
    rest = posts[len(best) :]
    return best, rest[::-1][:POSTS_SHOWN]


def month_rows(con: duckdb.DuckDBPyConnection, month: date) -> list[dict]:
    """Every unit's scorecard row of the month, with its full name and contact address."""
    return _dicts(
        con,
        """select s.*, u.unit_full_name, u.contact_email
           from marts.mart_humas_scorecard s join intermediate.int_scorecard_units u using (unit)
           where s.month = ? order by s.unit_type, s.unit""",
        [month],
    )


def read_rapors(
    con: duckdb.DuckDBPyConnection,
    month: date,
    units: list[str] | None = None,
    generated_at: datetime | None = None,
    office: tuple[str, str] = ("", ""),
) -> list[Rapor]:
    """The rapor of every unit of ``month`` (or of ``units``), from the read-only connection."""
    rows = month_rows(con, month)
    agencies = [r for r in rows if r["unit_type"] == "agency"]
    typical = {key: _median([r[key] for r in agencies]) for key in TYPICAL}
    wanted = [r for r in rows if units is None or r["unit"] in units]
    codes = [r["unit"] for r in wanted]
    targets = _dicts(con, "select * from intermediate.int_scorecard_month_weights where month = ?", [month])
    posts: dict[str, list[Post]] = defaultdict(list)
    for unit, *values in con.execute(POSTS_SQL, [month, codes]).fetchall():
        posts[unit].append(Post(*values))
    alerts: dict[str, list[OpenAlert]] = defaultdict(list)
    for unit, *values in con.execute(ALERTS_SQL, [month, codes]).fetchall():
        alerts[unit].append(OpenAlert(*values))
    accounts: dict[str, list[AccountMonth]] = defaultdict(list)
    for unit, *values in con.execute(ACCOUNTS_SQL, [month, codes]).fetchall():
        accounts[unit].append(AccountMonth(*values))
    trend: dict[str, dict[date, TrendPoint]] = defaultdict(dict)
    window = months_back(month, TREND_MONTHS)
    for unit, m, *values in con.execute(TREND_SQL, [window[0], month]).fetchall():
        trend[unit][m] = TrendPoint(m, *values)
    rapors = []
    for row in wanted:
        best, weak = _best_and_weak(posts[row["unit"]])
        rapor = Rapor(
            month=month,
            generated_at=generated_at or datetime.now(WITA),
            unit=row["unit"],
            unit_type=row["unit_type"],
            unit_name=row["unit_name"],
            unit_full_name=row["unit_full_name"],
            contact_email=row["contact_email"],
            row=row,
            typical=typical,
            targets=targets[0] if targets else {},
            accounts=accounts[row["unit"]],
            trend=[trend[row["unit"]].get(m, TrendPoint(m, None, None, 0, None)) for m in window],
            best_posts=best,
            weak_posts=weak,
            open_alerts=alerts[row["unit"]],
            office=office[0],
            office_region=office[1],
        )
        rapor.recommendations = recommend(rapor)
        rapors.append(rapor)
    return rapors
