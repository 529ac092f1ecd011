"""`citra build` through Dagster on generated exports: the mart equals an independent count."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest
from independent import monthly_issue_mart

from orchestration.cli import main
from sample_data.generate import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("e2e") / "citra"
    generate(home, mentions=4000, seed=7, months=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        assert main(["build"]) == 0
        # a second build finds nothing new and changes nothing
        assert main(["build"]) == 0
    return home


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


def test_second_build_skips_every_file_already_ingested(built_home: Path) -> None:
    with duckdb.connect(str(built_home / "warehouse.duckdb"), read_only=True) as con:
        files, dup_rows = con.execute(
            """select (select count(*) from raw.ingest_files),
                      (select count(*) - count(distinct (source_file_id, source_row)) from raw.media_mentions)"""
        ).fetchall()[0]
    assert files == len(list((built_home / "landing" / "media").iterdir()))
    assert dup_rows == 0
