"""`citra build` writes the latest complete month's report; `citra report --month` any other,
through Dagster, with the numbers of the warehouse it was built from."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration.cli import main
from orchestration.defs.reporting.assets import REPORT_KEY
from reporting import formatting as fmt
from sample_data.generate import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("report_cli") / "citra"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", "2025-02-10")  # January 2025 is the latest complete month
        generate(home, mentions=3000, seed=11, months=3)
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        assert main(["build"]) == 0
        assert main(["report", "--month", "2024-12"]) == 0
        assert main(["report", "--month", "2024-13"]) == 2
        assert main(["report", "--month", "2021-06"]) == 0  # before the partitions: written directly
    return home


def test_build_writes_the_report_of_the_latest_complete_month(built_home: Path) -> None:
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        mentions = con.execute(
            "select sum(mentions) from marts.mart_issue_sentiment_monthly where month = date '2025-01-01'"
        ).fetchall()[0][0]
    html = (built_home / "reports" / "2025-01" / "laporan_2025-01.html").read_text()
    assert (built_home / "reports" / "2025-01" / "laporan_2025-01.pdf").read_bytes().startswith(b"%PDF")
    assert "Januari 2025" in html and f'<p class="value">{fmt.number(mentions)}</p>' in html


def test_report_command_runs_the_partition_through_dagster(built_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (built_home / "reports" / "2024-12" / "laporan_2024-12.pdf").exists()
    monkeypatch.setenv("DAGSTER_HOME", str(built_home / "dagster"))
    with dg.DagsterInstance.get() as instance:
        runs = [r for r in instance.get_runs() if r.job_name == "monthly_report"]
        materialized = instance.get_materialized_partitions(REPORT_KEY)
    assert [r.tags.get("dagster/partition") for r in runs] == ["2024-12-01"] and runs[0].is_success
    assert materialized == {"2024-12-01", "2025-01-01"}


def test_a_month_before_the_partitions_without_data_gets_a_report_that_says_so(built_home: Path) -> None:
    html = (built_home / "reports" / "2021-06" / "laporan_2021-06.html").read_text()
    assert "Tidak ada data untuk Juni 2021" in html
    assert "Data yang tersedia: November 2024 sampai Januari 2025" in html
