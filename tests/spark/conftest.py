"""One small sample built on DuckDB and on local Spark, shared by the Spark tests (one Spark
session for the whole run, stopped at the end; `make test-spark`).

The sample: 2,000 mentions over three months with the official-account exports, the analyst's
corrections, Citra's model labels and suggested issues, "today" pinned so the data never depends
on the day the tests run. Both builds run the same models (seeds and
models, not the tests of the SQL, which `make test` runs on DuckDB).
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ingestion.corrections import ingest_corrections, landing_corrections
from ingestion.load import connect, ingest_media
from ingestion.platforms.load import ingest_platforms
from issues.warehouse import suggest_for_warehouse
from lake.marts import copy_spark_marts
from lake.raw import export_new_files, export_snapshots
from sample_data.__main__ import main as write_sample
from sentiment.model import load_model
from sentiment.scoring import score_new_texts
from sentiment.settings import load_settings
from tests.dbt_runner import invoke_dbt, run_dbt

BUILD = ("build", "--exclude", "resource_type:test", "resource_type:unit_test")
OFFICE = "kalsel"


@dataclass(frozen=True)
class Builds:
    home: Path
    lake: Path
    duckdb_warehouse: Path  # raw + every model built by dbt-duckdb
    spark_warehouse: Path  # only what copy_spark_marts put there from Spark's tables


def write_corrections(warehouse: Path, landing: Path) -> None:
    """An analyst's corrections file for three labelled mentions (the small sample plants none):
    the opposite sentiment for each, and another issue for the first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        picked = con.execute(
            "select url, lower(sentiment) from raw.media_mentions"
            " where url is not null and lower(sentiment) in ('positive', 'negative') order by url limit 3"
        ).fetchall()
    landing.mkdir(parents=True, exist_ok=True)
    with (landing / "koreksi_uji_spark.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["url", "sentimen", "isu", "oleh", "alasan", "waktu"])
        for n, (url, sentiment) in enumerate(picked):
            corrected = "negative" if sentiment == "positive" else "positive"
            writer.writerow(
                [url, corrected, "lingkungan_tambang" if n == 0 else "", "analis", "uji", "2025-10-30 10:00"]
            )


def run_dbt_on_spark(home: Path, lake: Path, mp: pytest.MonkeyPatch, *args: str) -> None:
    """`dbt <args>` on the spark target, in this process: dbt-spark's session method starts Spark
    once (local[2]) and every later run of the test session reuses it."""
    mp.setenv("CITRA_ENGINE", "spark")
    mp.setenv("CITRA_LAKE", str(lake))
    mp.setenv("CITRA_HOME", str(home))
    mp.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    result = invoke_dbt(home, "target_spark", "logs_spark", *args)
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
        # the derived raw tables as a build makes them: model labels, an analyst's corrections,
        # suggested issues (so the labelling rules run on both engines, not only the vendor's)
        write_corrections(warehouse, landing_corrections(home))
        ingest_corrections(warehouse, landing_corrections(home), home / "quarantine" / "corrections")
        settings = load_settings(home=home)
        con = connect(warehouse)
        try:
            score_new_texts(con, load_model(settings.model), settings)
            suggest_for_warehouse(con)
        finally:
            con.close()
        run_dbt(home, mp, *BUILD)
        export_new_files(warehouse, lake, OFFICE)
        export_snapshots(warehouse, lake, OFFICE)
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
