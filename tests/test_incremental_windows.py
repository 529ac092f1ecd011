"""Which months a run rebuilds: the launchpad's months, or the months of newly ingested exports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from orchestration.defs.dbt.months import MonthWindow, changed_months, parse_months


def warehouse_with(
    tmp_path: Path, rows: list[tuple[str, str]], latest_built: str = "2025-09-01"
) -> duckdb.DuckDBPyConnection:
    """raw mentions as (published_at UTC, ingested_at UTC), and a built fct_mentions whose latest
    month is ``latest_built``."""
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema raw; create schema marts")
    con.execute("create table raw.media_mentions (published_at timestamptz, ingested_at timestamptz)")
    con.executemany("insert into raw.media_mentions values (?::timestamptz, ?::timestamptz)", rows)
    con.execute("create table marts.fct_mentions as select ?::date as month", [latest_built])
    return con


def epoch(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()


def test_launchpad_months_become_one_half_open_window() -> None:
    window = parse_months(["2025-12", "2025-10"])
    assert window == MonthWindow(date(2025, 10, 1), date(2026, 1, 1))
    assert window.dbt_vars() == {"month_start": "2025-10-01", "month_end": "2026-01-01"}
    assert window.label() == "2025-10 to 2025-12"


def test_a_month_that_is_not_yyyy_mm_is_refused_with_an_example() -> None:
    with pytest.raises(ValueError, match="'Oct 2025' is not YYYY-MM; e.g. 2025-10"):
        parse_months(["Oct 2025"])


def test_only_months_of_exports_ingested_after_the_last_build_are_rebuilt(tmp_path: Path) -> None:
    con = warehouse_with(
        tmp_path,
        [
            ("2025-09-10 03:00:00+00", "2025-10-01 00:00:00+00"),
            # 16:30 UTC on 31 October is 00:30 WITA on 1 November
            ("2025-10-31 16:30:00+00", "2025-11-02 00:00:00+00"),
        ],
    )
    assert changed_months(con, epoch("2025-10-15 00:00:00")) == MonthWindow(date(2025, 11, 1), date(2025, 12, 1))


def test_first_build_and_a_build_with_nothing_new(tmp_path: Path) -> None:
    con = warehouse_with(tmp_path, [("2025-09-10 03:00:00+00", "2025-10-01 00:00:00+00")])
    assert changed_months(con, None) is None
    assert changed_months(con, epoch("2025-12-01 00:00:00")) == MonthWindow(date(2025, 9, 1), date(2025, 10, 1))


def test_a_correction_after_the_last_build_rebuilds_the_month_of_its_mention(tmp_path: Path) -> None:
    # bug caught: a correction of an old mention ignored until someone runs a full refresh. The
    # corrected mention is from September, the latest month built is November: without the
    # correction the window would be November's (the fallback), never September's
    con = warehouse_with(
        tmp_path,
        [("2025-09-10 03:00:00+00", "2025-10-01 00:00:00+00"), ("2025-11-20 03:00:00+00", "2025-12-01 00:00:00+00")],
        latest_built="2025-11-01",
    )
    con.execute("alter table raw.media_mentions add column mention_id varchar")
    con.execute("update raw.media_mentions set mention_id = if(month(published_at) = 9, 'm_sep', 'm_nov')")
    con.execute("create table raw.label_corrections (mention_id varchar, ingested_at timestamptz)")
    con.execute("insert into raw.label_corrections values ('m_sep', '2025-12-05 00:00:00+00')")
    assert changed_months(con, epoch("2025-12-02 00:00:00")) == MonthWindow(date(2025, 9, 1), date(2025, 10, 1))
    # corrected before the build: nothing to redo, the latest month as usual
    assert changed_months(con, epoch("2025-12-06 00:00:00")) == MonthWindow(date(2025, 11, 1), date(2025, 12, 1))
    # a correction and a new export together: every month from the corrected one to the new one
    con.execute("insert into raw.media_mentions values ('2025-11-25 03:00:00+00', '2025-12-07 00:00:00+00', 'm_new')")
    con.execute("insert into raw.label_corrections values ('m_sep', '2025-12-08 00:00:00+00')")
    assert changed_months(con, epoch("2025-12-06 00:00:00")) == MonthWindow(date(2025, 9, 1), date(2025, 12, 1))


def test_new_labelling_settings_rebuild_every_month(tmp_path: Path) -> None:
    # bug caught: a new model or policy applied only to the months that happen to get new exports
    con = warehouse_with(tmp_path, [("2025-09-10 03:00:00+00", "2025-10-01 00:00:00+00")])
    con.execute("create table raw.sentiment_settings (effective_at timestamptz)")
    con.execute("insert into raw.sentiment_settings values ('2025-11-01 00:00:00+00')")
    assert changed_months(con, epoch("2025-10-15 00:00:00")) is None
    # settings unchanged since the build: only the months of new exports (here none: the latest)
    assert changed_months(con, epoch("2025-11-15 00:00:00")) == MonthWindow(date(2025, 9, 1), date(2025, 10, 1))
