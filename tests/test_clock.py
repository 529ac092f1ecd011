"""`CITRA_TODAY` pins the day every date rule uses: freshness, the latest complete month of the
report and of the build summary (the sample generator's period: tests/test_sample_data.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from quality_data import build_warehouse

from ingestion.clock import last_complete_month, today
from orchestration.summary import headline
from quality.config import load_config
from quality.gaps import find_gaps
from reporting.monthly import latest_complete_month


def test_citra_today_pins_the_day(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2028-06-30")
    assert today() == date(2028, 6, 30)


def test_a_citra_today_that_is_not_a_date_names_the_variable_and_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_TODAY", "30/06/2028")
    with pytest.raises(ValueError, match=r"CITRA_TODAY='30/06/2028' is not a date; expected YYYY-MM-DD"):
        today()


@pytest.mark.parametrize(
    ("day", "month"),
    [
        (date(2026, 1, 15), date(2025, 12, 1)),
        (date(2026, 3, 1), date(2026, 2, 1)),
        (date(2026, 12, 31), date(2026, 11, 1)),
    ],
)
def test_last_complete_month_is_the_month_before_across_new_year(day: date, month: date) -> None:
    assert last_complete_month(day) == month


def _warehouse_with_mentions_until(path: Path, last_day: date) -> Path:
    """A minimal warehouse: fct_mentions and the issue mart, mentions on two days of its last month."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            """create table marts.fct_mentions as
               select 'm' || i as mention_id, 'meltwater' as vendor, d as mention_date,
                      date_trunc('month', d)::date as month, 'banjir' as issue, 'negative' as sentiment
               from (values (1, ?::date), (2, ?::date)) t(i, d)""",
            [last_day.replace(day=1), last_day],
        )
        con.execute(
            """create table marts.mart_issue_sentiment_monthly as
               select month, issue, count(*) as mentions, 0 as positive, 0 as neutral,
                      count(*) as negative, 0 as unlabeled, 1.0 as negative_share
               from marts.fct_mentions group by all"""
        )
    return path


def test_the_report_and_the_summary_take_the_latest_complete_month_from_citra_today(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = _warehouse_with_mentions_until(tmp_path / "w.duckdb", date(2026, 1, 31))
    monkeypatch.setenv("CITRA_TODAY", "2026-02-01")
    assert latest_complete_month(warehouse) == date(2026, 1, 1)
    assert "  2. 2026-01 (latest complete month): 2 mentions, positive 0.0%, negative 100.0%" in headline(warehouse)
    # a month later the report is due for February, whose data has not come: it says so
    monkeypatch.setenv("CITRA_TODAY", "2026-03-02")
    assert latest_complete_month(warehouse) == date(2026, 2, 1)
    assert "  2. 2026-02 (latest complete month): no mentions yet; drop its exports into landing/media/" in (
        headline(warehouse)
    )


def test_freshness_is_judged_on_citra_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = build_warehouse(tmp_path / "w.duckdb")  # both feeds have data until 2025-06-29
    monkeypatch.setenv("CITRA_TODAY", "2025-08-03")  # 35 days later: still fresh
    with duckdb.connect(str(warehouse)) as con:
        assert [f for f in find_gaps(con, config=load_config()) if f.kind == "stale_data"] == []
    monkeypatch.setenv("CITRA_TODAY", "2025-08-04")
    with duckdb.connect(str(warehouse)) as con:
        stale = [f for f in find_gaps(con, config=load_config()) if f.kind == "stale_data"]
    assert [(f.subject, f.start_date, f.end_date, f.detail) for f in stale] == [
        (
            feed,
            date(2025, 6, 29),
            date(2025, 8, 4),
            f"newest data of {feed} is from 2025-06-29, 36 days before 2025-08-04",
        )
        for feed in ("manual", "meltwater")
    ]
