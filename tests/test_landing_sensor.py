"""The landing sensor waits until a file stops growing, then requests one run keyed by its hash."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ingestion.landing import content_hash
from ingestion.schema import create_raw_schema
from orchestration.defs.ingestion.sensors import landing_sensor
from orchestration.resources import CitraHome


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the date rules judge by (its exports are dated February 2026): pinned, so the tests pass on any day."""
    monkeypatch.setenv("CITRA_TODAY", "2026-03-01")


def tick(home: Path, cursor: str | None):
    context = dg.build_sensor_context(
        cursor=cursor,
        resources={"citra": CitraHome(home=str(home), warehouse_path=str(home / "warehouse.duckdb"))},
    )
    result = landing_sensor(context)
    return result, context.cursor


def test_new_file_is_requested_once_after_its_size_is_stable(citra_home: Path) -> None:
    export = citra_home / "landing" / "media" / "meltwater_2025-01.csv"
    export.write_text("Date,Headline\n", encoding="utf-8")
    first, cursor = tick(citra_home, None)
    assert isinstance(first, dg.SkipReason)  # seen for the first time: maybe still being written
    second, cursor = tick(citra_home, cursor)
    assert isinstance(second, dg.RunRequest)
    assert second.run_key == content_hash(export)
    assert second.tags["citra/new_files"] == "media/meltwater_2025-01.csv"
    third, cursor = tick(citra_home, cursor)
    assert isinstance(third, dg.SkipReason)


def test_file_still_growing_is_not_requested(citra_home: Path) -> None:
    export = citra_home / "landing" / "media" / "big.csv"
    export.write_text("Date,Headline\n", encoding="utf-8")
    _, cursor = tick(citra_home, None)
    with export.open("a", encoding="utf-8") as fh:
        fh.write("06-Feb-2026 03:03PM,more rows\n")
    result, cursor = tick(citra_home, cursor)
    assert isinstance(result, dg.SkipReason)
    result, _ = tick(citra_home, cursor)
    assert isinstance(result, dg.RunRequest) and result.run_key == content_hash(export)


def test_renamed_copy_of_a_requested_file_gets_the_same_run_key(citra_home: Path) -> None:
    landing = citra_home / "landing" / "media"
    (landing / "a.csv").write_text("Date,Headline\n", encoding="utf-8")
    _, cursor = tick(citra_home, None)
    first, cursor = tick(citra_home, cursor)
    os.rename(landing / "a.csv", landing / "a_renamed.csv")
    _, cursor = tick(citra_home, cursor)
    again, _ = tick(citra_home, cursor)
    assert isinstance(again, dg.RunRequest) and again.run_key == first.run_key  # Dagster skips a used run key


def _register(home: Path, path: Path, name: str) -> None:
    """Put a file's hash in the warehouse registry, as a finished ingestion does."""
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        create_raw_schema(con)
        con.execute(
            "insert into raw.ingest_files (file_id, file_name, file_path, size_bytes, status, first_seen_at) "
            "values (?, ?, ?, ?, 'loaded', now())",
            [content_hash(path), name, str(path), path.stat().st_size],
        )


def test_file_already_in_the_warehouse_starts_no_run_even_under_a_new_name(citra_home: Path) -> None:
    landing = citra_home / "landing" / "media"
    export = landing / "meltwater_2025-01.csv"
    export.write_text("Date,Headline\n", encoding="utf-8")
    _register(citra_home, export, "media/meltwater_2025-01.csv")
    os.rename(export, landing / "meltwater_januari_copy.csv")
    _, cursor = tick(citra_home, None)
    result, cursor = tick(citra_home, cursor)
    assert isinstance(result, dg.SkipReason) and "already in raw.ingest_files" in result.skip_message
    (landing / "new.csv").write_text("Date,Headline\nx,y\n", encoding="utf-8")
    _, cursor = tick(citra_home, cursor)
    result, _ = tick(citra_home, cursor)
    assert isinstance(result, dg.RunRequest) and result.tags["citra/new_files"] == "media/new.csv"


def test_while_a_build_holds_the_warehouse_the_file_waits_for_the_next_tick(citra_home: Path) -> None:
    export = citra_home / "landing" / "media" / "new.csv"
    export.write_text("Date,Headline\nx,y\n", encoding="utf-8")
    with duckdb.connect(str(citra_home / "warehouse.duckdb")) as con:
        create_raw_schema(con)
    _, cursor = tick(citra_home, None)
    script = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(30)"

    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(citra_home / "warehouse.duckdb")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        busy, cursor = tick(citra_home, cursor)
        assert isinstance(busy, dg.SkipReason) and "holds the warehouse" in busy.skip_message
    finally:
        holder.kill()
        holder.wait()
    result, _ = tick(citra_home, cursor)
    assert isinstance(result, dg.RunRequest) and result.run_key == content_hash(export)
