"""The gap rules, one function each: a DuckDB query over the warehouse -> findings.

Every rule reads the daily series in ``_series`` (one row per feed or account and WITA day
with data; see ``prepare_series``), so media feeds and official accounts share one logic.
Thresholds come from ``quality.yml``; values are query parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str
    start_date: date
    end_date: date
    severity: str
    detail: str


def month_end(month_start: date) -> date:
    """Last day of the month that starts on ``month_start``."""
    return (month_start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        f"{s}.{t}" for s, t in con.execute("select table_schema, table_name from information_schema.tables").fetchall()
    }


def prepare_series(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table ``_series(family, subject, day, n)``: mentions per feed, insight rows per account."""
    parts = [
        "select 'feed' as family, vendor as subject, mention_date as day, count(*) as n "
        "from marts.fct_mentions group by all"
    ]
    if "raw.platform_account_daily" in _tables(con):
        parts.append(
            "select 'account', platform || '/' || account, date, count(*) from raw.platform_account_daily group by all"
        )
    con.execute(f"create or replace temp table _series as {' union all '.join(parts)}")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def missing_days(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Runs of days without data inside a feed's covered period (gaps and islands)."""
    rows = _rows(
        con,
        """
        with bounds as (
          select family, subject, min(day) as first_day, max(day) as last_day, median(n) as typical
          from _series group by all
        ), spine as (
          select b.family, b.subject, b.typical, d::date as day
          from bounds b, generate_series(b.first_day, b.last_day, interval 1 day) as g(d)
        ), empty as (
          select sp.* from spine sp
          left join _series s using (family, subject, day)
          where s.n is null
        ), runs as (
          select family, subject, typical, day,
                 day - (row_number() over (partition by family, subject order by day))::int as grp
          from empty
        )
        select family, subject, min(day), max(day), count(*) as days, any_value(typical)
        from runs group by family, subject, grp
        having (case when family = 'feed' then any_value(typical) else 1 end) * count(*) >= $min_expected
        order by subject, min(day)
    """,
        {"min_expected": cfg["min_expected_mentions"]},
    )
    findings = []
    for family, subject, first, last, days, typical in rows:
        what = "mentions" if family == "feed" else "daily insight rows"
        usual = f"; it usually has {typical:g} per day" if family == "feed" else ""
        findings.append(
            Finding(
                f"{family}_missing_days",
                subject,
                first,
                last,
                "error" if days >= cfg["error_from_days"] else "warn",
                f"{subject} has no {what} for {days} day(s), {first} to {last}{usual}",
            )
        )
    return findings


def missing_months(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Whole calendar months without data between a subject's first and last month."""
    rows = _rows(
        con,
        """
        with months as (
          select family, subject, date_trunc('month', day)::date as month_start
          from _series group by all
        ), bounds as (
          select family, subject, min(month_start) as first_month, max(month_start) as last_month
          from months group by all
        ), spine as (
          select b.family, b.subject, m::date as month_start
          from bounds b, generate_series(b.first_month, b.last_month, interval 1 month) as g(m)
        )
        select sp.family, sp.subject, sp.month_start
        from spine sp left join months m using (family, subject, month_start)
        where m.month_start is null
        order by sp.subject, sp.month_start
    """,
        {},
    )
    return [
        Finding(
            f"{family}_missing_month",
            subject,
            month_start,
            month_end(month_start),
            cfg["severity"],
            f"{subject} has no data at all for {month_start:%Y-%m}, though it has data before and after",
        )
        for family, subject, month_start in rows
    ]


def file_coverage(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Days between a media vendor's export files that no file covers (official-account
    files are checked by their daily series instead: a post file has no row on a quiet day)."""
    rows = _rows(
        con,
        """
        with files as (
          select vendor, file_name,
                 timezone('Asia/Makassar', min_published_at)::date as first_day,
                 timezone('Asia/Makassar', max_published_at)::date as last_day
          from raw.ingest_files
          where status = 'loaded' and min_published_at is not null
            and vendor in (select distinct vendor from raw.media_mentions)
        ), ordered as (
          select *, max(last_day) over (partition by vendor order by first_day, last_day
                                        rows between unbounded preceding and 1 preceding) as covered_until
          from files
        )
        select vendor, covered_until + 1 as gap_start, first_day - 1 as gap_end, file_name
        from ordered
        where first_day - covered_until - 1 >= $min_gap
        order by vendor, gap_start
    """,
        {"min_gap": cfg["min_gap_days"]},
    )
    return [
        Finding(
            "file_coverage_gap",
            vendor,
            start,
            end,
            "warn",
            f"no {vendor} export covers {start} to {end}; the next file is {name}",
        )
        for vendor, start, end, name in rows
    ]


def freshness(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any], as_of: date) -> list[Finding]:
    """Feeds and accounts whose newest data is older than ``max_age_days``."""
    rows = _rows(
        con,
        """
        select family, subject, max(day) as newest, $as_of::date - max(day) as age
        from _series group by all
        having $as_of::date - max(day) > $max_age
        order by subject
    """,
        {"as_of": as_of, "max_age": cfg["max_age_days"]},
    )
    return [
        Finding(
            "stale_data",
            subject,
            newest,
            as_of,
            "warn",
            f"newest data of {subject} is from {newest}, {age} days before {as_of}",
        )
        for _, subject, newest, age in rows
    ]


def unknown_accounts(con: duckdb.DuckDBPyConnection) -> list[Finding]:
    """Official-account data for accounts that the registry (seed `accounts`) does not know:
    loaded and counted, but without agency or region until someone registers them."""
    tables = _tables(con)
    if "reference.accounts" not in tables:
        return []
    sources = [
        f"select platform, account, {col} as day from raw.{table}"
        for table, col in (
            ("platform_posts", "timezone('Asia/Makassar', published_at)::date"),
            ("platform_account_daily", "date"),
        )
        if f"raw.{table}" in tables
    ]
    if not sources:
        return []
    rows = con.execute(f"""
        select d.platform || '/' || d.account, min(d.day), max(d.day), count(*)
        from ({" union all ".join(sources)}) d
        anti join reference.accounts r on r.platform = d.platform and r.account = d.account
        where d.day is not null
        group by all order by 1
    """).fetchall()
    return [
        Finding(
            "unknown_account",
            subject,
            first,
            last,
            "warn",
            f"{subject} is not in dbt_project/seeds/accounts.csv ({rows_} rows, {first} to {last}); "
            "add it with its agency and region",
        )
        for subject, first, last, rows_ in rows
    ]
