"""Month windows for the incremental mention models: which WITA months a dbt run rebuilds.

Plain logic over the warehouse (no Dagster import) so that it is easy to test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


@dataclass(frozen=True)
class MonthWindow:
    """Half-open window of WITA months: first days, `start <= month < end`."""

    start: date
    end: date

    def dbt_vars(self) -> dict[str, str]:
        return {"month_start": self.start.isoformat(), "month_end": self.end.isoformat()}

    def label(self) -> str:
        last = date(self.end.year - (self.end.month == 1), (self.end.month - 2) % 12 + 1, 1)
        return f"{self.start:%Y-%m}" if last == self.start else f"{self.start:%Y-%m} to {last:%Y-%m}"


def parse_months(months: list[str]) -> MonthWindow:
    """The window covering the given YYYY-MM months (and any month between them)."""
    firsts = []
    for text in months:
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
            raise ValueError(f"month '{text}' is not YYYY-MM; e.g. 2025-10")
        firsts.append(date.fromisoformat(f"{text.strip()}-01"))
    return MonthWindow(min(firsts), next_month(max(firsts)))


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return (
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
        > 0
    )


def _labelling_changed(con: duckdb.DuckDBPyConnection, built_at: float) -> bool:
    """True when every month needs new labels: the sentiment settings (policy, model, review
    threshold) changed since `built_at` (recorded by sentiment/scoring.py)."""
    if not _has_table(con, "raw", "sentiment_settings"):
        return False
    return bool(
        con.execute(
            "select count(*) from raw.sentiment_settings where effective_at > to_timestamp(?)", [built_at]
        ).fetchall()[0][0]
    )


def changed_months(con: duckdb.DuckDBPyConnection, built_at: float | None) -> MonthWindow | None:
    """Months holding mentions ingested or corrected by an analyst after `built_at` (epoch seconds
    of the last build of the mention models), or None (build every month) when there was no build
    or no mart yet, or the labelling settings changed. With nothing new, the latest month: cheap,
    and the run still tests and refreshes the other marts."""
    if built_at is None or not _has_table(con, "marts", "fct_mentions") or not _has_table(con, "raw", "media_mentions"):
        return None
    if _labelling_changed(con, built_at):
        return None
    corrected = ""
    if _has_table(con, "raw", "label_corrections"):
        corrected = """ or mention_id in (select mention_id from raw.label_corrections
                                       where ingested_at > to_timestamp($built_at))"""
    first, last = con.execute(
        f"""select min(date_trunc('month', timezone('Asia/Makassar', published_at)))::date,
                   max(date_trunc('month', timezone('Asia/Makassar', published_at)))::date
            from raw.media_mentions where ingested_at > to_timestamp($built_at){corrected}""",
        {"built_at": built_at},
    ).fetchall()[0]
    if first is None:
        latest = con.execute("select max(month) from marts.fct_mentions").fetchall()[0][0]
        if latest is None:
            return None
        first = last = latest
    return MonthWindow(first, next_month(last))
