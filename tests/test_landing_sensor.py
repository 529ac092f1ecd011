"""The landing sensor waits until a file stops growing, then requests one run keyed by its hash."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from ingestion.landing import content_hash
from orchestration.resources import CitraHome
from orchestration.sensors import landing_sensor


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
