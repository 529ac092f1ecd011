"""Ingest the files of one landing folder one by one, reporting progress after each file.

The same frame as ``ingestion.load.ingest_media`` and ``ingestion.platforms.load.ingest_platforms``
(one connection, the normalizing macros installed once, one transaction per file), with a
progress report between files for the terminal display and the Dagster UI.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from ingestion.landing import LandedFile, list_landing_files
from ingestion.load import FileOutcome, IngestReport, connect
from ingestion.sqlfunctions import prepare_connection
from orchestration.progress import StepProgress, report

IngestOne = Callable[[duckdb.DuckDBPyConnection, LandedFile], FileOutcome]


def ingest_folder(step: str, warehouse: Path, landing: Path, ingest_one: IngestOne) -> tuple[IngestReport, float]:
    """Ingest every file under ``landing``; returns what happened and the seconds it took."""
    files = list_landing_files(landing)
    total_bytes = sum(f.size_bytes for f in files)
    ingest_report = IngestReport()
    started = time.perf_counter()
    done_bytes = 0
    report(StepProgress(step, "files", 0, len(files), bytes_total=total_bytes))
    con = connect(warehouse)
    try:
        prepare_connection(con)
        for index, file in enumerate(files, start=1):
            ingest_report.outcomes.append(ingest_one(con, file))
            done_bytes += file.size_bytes
            report(
                StepProgress(
                    step,
                    "files",
                    index,
                    len(files),
                    ingest_report.rows_loaded,
                    done_bytes,
                    total_bytes,
                    time.perf_counter() - started,
                )
            )
    finally:
        con.close()
    return ingest_report, time.perf_counter() - started
