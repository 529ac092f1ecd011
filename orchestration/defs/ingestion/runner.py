"""Ingest one landing folder with live progress: ``ingestion``'s own loop (``ingest_folder``),
with a callback that reports files and bytes done after each file, for the terminal display
and the Dagster UI."""

from __future__ import annotations

import time
from pathlib import Path

from ingestion.landing import LandedFile
from ingestion.load import IngestOne, IngestReport
from ingestion.load import ingest_folder as ingest_landing_folder
from lake.raw import LakeExport, export_new_files
from orchestration.progress import StepProgress, report
from orchestration.resources import CitraHome


def ingest_folder(step: str, warehouse: Path, landing: Path, ingest_one: IngestOne) -> tuple[IngestReport, float]:
    """Ingest every file under ``landing``; returns what happened and the seconds it took."""
    started = time.perf_counter()

    def on_file(done: int, files: list[LandedFile], so_far: IngestReport) -> None:
        report(
            StepProgress(
                step,
                "files",
                done,
                len(files),
                so_far.rows_loaded,
                sum(f.size_bytes for f in files[:done]),
                sum(f.size_bytes for f in files),
                time.perf_counter() - started,
            )
        )

    ingest_report = ingest_landing_folder(warehouse, landing, ingest_one, on_file)
    return ingest_report, time.perf_counter() - started


def write_lake(citra: CitraHome) -> LakeExport | None:
    """On Spark, copy the files just loaded into the lake (each file once); on DuckDB, nothing."""
    if not citra.on_spark:
        return None
    return export_new_files(citra.warehouse, citra.lake, citra.office_code)
