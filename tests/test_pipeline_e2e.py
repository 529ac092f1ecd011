"""`citra build` through Dagster on generated exports: the mart equals an independent count."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from independent import monthly_issue_mart

from orchestration.cli import main
from sample_data.generate import GenerationSummary, generate

pytestmark = pytest.mark.slow


@dataclass
class Built:
    home: Path
    sample: GenerationSummary
    output: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """24 months of sample exports (media and official accounts), built twice through Dagster."""
    home = tmp_path_factory.mktemp("e2e") / "citra"
    sample = generate(home, mentions=6000, seed=7, platforms=True)
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(output):
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        assert main(["build"]) == 0
        # a second build finds nothing new and changes nothing
        assert main(["build"]) == 0
    return Built(home, sample, output.getvalue())


@pytest.fixture(scope="module")
def built_home(built: Built) -> Path:
    return built.home


def test_monthly_mart_equals_an_independent_computation_from_the_files(built_home: Path) -> None:
    expected = monthly_issue_mart(built_home / "landing" / "media")
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        cur = con.execute("select * from marts.mart_issue_sentiment_monthly where mentions > 0")
        names = [d[0] for d in cur.description]
        actual = {(r["month"], r["issue"]): r for r in (dict(zip(names, row)) for row in cur.fetchall())}
    assert set(actual) == set(expected)
    for key, want in expected.items():
        got = actual[key]
        for column, value in want.items():
            assert got[column] == pytest.approx(value), (key, column)


def test_build_runs_through_dagster_and_is_recorded_in_dagster_home(
    built_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(built_home / "dagster"))
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
    assert len(runs) == 2 and all(r.job_name == "citra_build" for r in runs)
    assert all(r.is_success for r in runs)


def test_second_build_skips_every_file_already_ingested(built: Built) -> None:
    with duckdb.connect(str(built.home / "warehouse.duckdb"), read_only=True) as con:
        files, dup_rows = con.execute(
            """select (select count(*) from raw.ingest_files),
                      (select count(*) - count(distinct (source_file_id, source_row)) from raw.media_mentions)"""
        ).fetchall()[0]
    assert files == len(built.sample.files) + len(built.sample.platform_files)
    assert dup_rows == 0


def test_every_planted_hole_is_found_and_printed_in_the_build_summary(built: Built) -> None:
    gap, month, burst = built.sample.feed_gap, built.sample.missing_month, built.sample.burst
    account = built.sample.platform_missing_month
    with duckdb.connect(str(built.home / "warehouse.duckdb"), read_only=True) as con:
        found = {r[:4] for r in con.execute("select kind, subject, start_date, end_date from marts.dq_gaps").fetchall()}
    assert ("feed_missing_days", "meltwater", gap["first_missing_day"], gap["last_missing_day"]) in found
    assert ("feed_missing_month", "manual", month["month"], date(2025, 8, 31)) in found
    assert ("negative_burst", burst["issue_code"], burst["date"], burst["date"]) in found
    missing_accounts = {
        (k, s) for k, s, start, _ in found if k == "account_missing_month" and start == account["month"]
    }
    assert missing_accounts and all(s.endswith("/" + account["account"]) for _, s in missing_accounts)
    printed = built.output
    assert f"meltwater has no mentions for 9 day(s), {gap['first_missing_day']} to {gap['last_missing_day']}" in printed
    assert f"manual has no data at all for {month['month']:%Y-%m}" in printed
    assert f"negative mentions of {burst['issue_code']} on {burst['date']}" in printed
    assert f"/{account['account']} has no data at all for {account['month']:%Y-%m}" in printed
