"""Ingestion reports its progress file by file through one loop (``ingestion.load.ingest_folder``),
which the Dagster assets use with a callback instead of a loop of their own."""

from __future__ import annotations

import os
from pathlib import Path

from exports import GENERIC_HEADER, csv_text

from ingestion.load import ingest_file
from orchestration.defs.ingestion.runner import ingest_folder
from orchestration.progress import StepProgress, listening


def test_progress_after_each_file_counts_its_rows_and_bytes_even_for_a_quarantined_file(citra_home: Path) -> None:
    """Catches: a report made before the file's outcome is in (rows lag one file behind), no
    report for a quarantined file (the display stalls short of its total), bytes counted for
    files not yet done, and a loop that skips the report before the first file."""
    landing = citra_home / "landing" / "media"
    good = {"date": "2025-03-01 07:45", "outlet": "Antara Kalsel", "issue": "Banjir", "sentiment": "positif"}
    files = {
        "a.csv": csv_text(GENERIC_HEADER, [{**good, "title": f"a {i}"} for i in range(3)]).encode(),
        "b.csv": b"\x00\x01\x02 not an export",
        "c.csv": csv_text(GENERIC_HEADER, [{**good, "title": f"c {i}"} for i in range(2)]).encode(),
    }
    for t, (name, data) in enumerate(files.items()):
        (landing / name).write_bytes(data)
        os.utime(landing / name, (1_700_000_000 + t, 1_700_000_000 + t))  # ingested in this order
    sizes = [len(d) for d in files.values()]
    heard: list[StepProgress] = []
    with listening(heard.append):
        report, _ = ingest_folder(
            "raw_media",
            citra_home / "warehouse.duckdb",
            landing,
            lambda con, f: ingest_file(con, f, citra_home / "quarantine"),
        )
    assert [o.status for o in report.outcomes] == ["loaded", "quarantined", "loaded"]
    assert [(p.step, p.unit, p.done, p.total, p.rows) for p in heard] == [
        ("raw_media", "files", 0, 3, 0),
        ("raw_media", "files", 1, 3, 3),
        ("raw_media", "files", 2, 3, 3),
        ("raw_media", "files", 3, 3, 5),
    ]
    assert [(p.bytes_done, p.bytes_total) for p in heard] == [
        (0, sum(sizes)),
        (sizes[0], sum(sizes)),
        (sizes[0] + sizes[1], sum(sizes)),
        (sum(sizes), sum(sizes)),
    ]
