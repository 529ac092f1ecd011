"""The schedule writes last month's report on the 1st at 07:00 WITA, and `citra build` leaves
the report asset to its own partitioned job."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest

from orchestration.definitions import load_defs
from orchestration.defs.reporting.assets import REPORT_KEY
from orchestration.defs.reporting.schedules import monthly_report_schedule
from orchestration.defs.scorecard.keys import RAPOR_KEY

WITA = ZoneInfo("Asia/Makassar")


def _evaluate(when: datetime) -> dg.RunRequest:
    context = dg.build_schedule_context(scheduled_execution_time=when, repository_def=load_defs().get_repository_def())
    result = monthly_report_schedule.evaluate_tick(context)
    assert result.run_requests and len(result.run_requests) == 1
    return result.run_requests[0]


def test_schedule_at_first_of_november_0700_wita_targets_october() -> None:
    request = _evaluate(datetime(2024, 11, 1, 7, 0, tzinfo=WITA))
    assert request.partition_key == "2024-10-01"
    assert request.run_config["ops"]["reports__monthly_report"]["config"] == {"email": True}
    assert request.run_config["ops"]["reports__rapor_kehumasan"]["config"] == {"send": True}


@pytest.mark.parametrize(
    "utc_time, month",
    [
        (datetime(2024, 11, 30, 23, 0, tzinfo=ZoneInfo("UTC")), "2024-11-01"),  # already 1 Dec 07:00 in WITA
        (datetime(2025, 1, 1, 7, 0, tzinfo=WITA), "2024-12-01"),
    ],
)
def test_previous_month_is_cut_in_wita_not_utc(utc_time: datetime, month: str) -> None:
    assert _evaluate(utc_time).partition_key == month


def test_schedule_runs_on_the_first_at_0700_in_makassar() -> None:
    assert monthly_report_schedule.cron_schedule == "0 7 1 * *"
    assert monthly_report_schedule.execution_timezone == "Asia/Makassar"


def test_build_job_leaves_out_the_partitioned_report() -> None:
    build_keys = load_defs().resolve_job_def("citra_build").asset_layer.executable_asset_keys
    assert REPORT_KEY not in build_keys
    assert dg.AssetKey(["marts", "fct_mentions"]) in build_keys
    # the rapor kehumasan of every unit is written (and sent) with the report
    assert load_defs().resolve_job_def("monthly_report").asset_layer.executable_asset_keys == {REPORT_KEY, RAPOR_KEY}


def test_report_partitions_start_at_the_office_first_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from orchestration.defs.reporting.assets import PARTITIONS_FROM, report_partitions

    config = tmp_path / "report.yml"
    config.write_text("first_month: 2021-03\n", encoding="utf-8")
    monkeypatch.setenv("CITRA_REPORT_CONFIG", str(config))
    report_partitions.cache_clear()
    try:
        assert report_partitions().get_first_partition_key() == "2021-03-01"
        config.write_text("first_month:\n", encoding="utf-8")
        report_partitions.cache_clear()
        assert report_partitions().get_first_partition_key() == PARTITIONS_FROM
    finally:
        report_partitions.cache_clear()
