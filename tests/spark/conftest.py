"""One small sample built on DuckDB and on local Spark, shared by the Spark tests (one Spark
session for the whole run, stopped at the end; `make test-spark`).

The sample: 2,000 mentions over three months with the official-account exports, "today" pinned
so the data never depends on the day the tests run. Both builds run the same models (seeds and
models, not the tests of the SQL, which `make test` runs on DuckDB).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

from ingestion.load import ingest_media
from ingestion.platforms.load import ingest_platforms
from lake.marts import copy_spark_marts
from lake.raw import export_new_files
from sample_data.__main__ import main as write_sample
from tests.dbt_runner import REPO, run_dbt

BUILD = ("build", "--exclude", "resource_type:test", "resource_type:unit_test")
OFFICE = "kalsel"


@dataclass(frozen=True)
class Builds:
    home: Path
    lake: Path
    duckdb_warehouse: Path  # raw + every model built by dbt-duckdb
    spark_warehouse: Path  # only what copy_spark_marts put there from Spark's tables


def run_dbt_on_spark(home: Path, lake: Path, mp: pytest.MonkeyPatch, *args: str) -> None:
    """`dbt <args>` on the spark target, in this process: dbt-spark's session method starts Spark
    once (local[2]) and every later run of the test session reuses it."""
    mp.setenv("CITRA_ENGINE", "spark")
    mp.setenv("CITRA_LAKE", str(lake))
    mp.setenv("CITRA_HOME", str(home))
    mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    result = dbtRunner().invoke(
        [
            *args,
            "--project-dir",
            str(REPO),
            "--profiles-dir",
            str(REPO),
            "--target-path",
            str(home / "target_spark"),
            "--log-path",
            str(home / "logs_spark"),
            "--quiet",
        ]
    )
    assert result.success, result.exception


def copy_from_spark(builds: Builds) -> None:
    copy_spark_marts(builds.lake, builds.spark_warehouse, builds.home / "target_spark" / "manifest.json")


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    home = tmp_path_factory.mktemp("spark") / "citra"
    lake = home / "lake"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", "2025-11-20")
        mp.setenv("CITRA_HOME", str(home))
        assert write_sample(["--home", str(home), "--mentions", "2000", "--months", "3"]) == 0
        warehouse = home / "warehouse.duckdb"
        ingest_media(warehouse, home / "landing" / "media", home / "quarantine")
        ingest_platforms(warehouse, home / "landing" / "platform", home / "quarantine")
        run_dbt(home, mp, *BUILD)
        export_new_files(warehouse, lake, OFFICE)
        run_dbt_on_spark(home, lake, mp, *BUILD)
        builds = Builds(home, lake, warehouse, home / "spark.duckdb")
        copy_from_spark(builds)
        try:
            yield builds
        finally:
            from pyspark.sql import SparkSession

            session = SparkSession.getActiveSession() or SparkSession._instantiatedSession
            if session is not None:
                session.stop()
            shutil.rmtree(home / "target_spark", ignore_errors=True)
