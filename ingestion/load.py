"""Load landed media exports into ``raw.*``, one file per transaction.

Good rows go to ``raw.media_mentions``, bad rows and damaged lines to ``raw.ingest_rejects``,
and one registry row per file to ``raw.ingest_files``; ``ingestion.frame`` holds what every
kind of export shares (registry, transaction, quarantine). The writer connection is opened
here (``connect``), with a wait while another program holds the warehouse.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.errors import WarehouseBusyError
from ingestion.frame import FileOutcome, IngestReport, Loaded, ingest_with
from ingestion.landing import LandedFile, export_date_of, list_landing_files
from ingestion.memory import memory_limit
from ingestion.normalize import build_parsed_table
from ingestion.parse import parse_file
from ingestion.pseudonyms import ensure_pseudonyms
from ingestion.readers import sniff
from ingestion.rejects import damage_note, insert_damaged_lines, insert_rejects
from ingestion.schema import MEDIA_MENTION_COLUMNS, create_raw_schema
from ingestion.sources import close_source
from ingestion.sqlfunctions import prepare_connection

__all__ = [
    "FileDone",
    "FileOutcome",
    "IngestReport",
    "connect",
    "ensure_pseudonyms",
    "ingest_file",
    "ingest_folder",
    "ingest_media",
]

SUMMARY = """count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
    min(published_at) filter (where len(problems) = 0), max(published_at) filter (where len(problems) = 0)"""

log = logging.getLogger(__name__)

LOCK_HOLDER = re.compile(r"held in (?P<program>.+?) \(PID (?P<pid>[0-9]+)\)")


def lock_wait_seconds() -> float:
    """How long to wait for another writer (``CITRA_LOCK_WAIT_SECONDS``, default 30)."""
    return float(os.environ.get("CITRA_LOCK_WAIT_SECONDS", "30"))


def _busy_message(warehouse: Path, error: str) -> str:
    holder = LOCK_HOLDER.search(error)
    who = f" (PID {holder['pid']}: {holder['program']})" if holder else ""
    return (
        f"the warehouse {warehouse} is open in another program{who}; close DBeaver/Metabase "
        f"connections to it or point them at serving/citra.duckdb, then run again"
    )


def connect(warehouse: Path, wait_seconds: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, with extension downloads off so a miss fails at once.

    DuckDB allows one writing process: while another holds the file (a second run, a BI
    tool), retry for ``wait_seconds`` so runs queue up, then raise ``WarehouseBusyError``.
    """
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (lock_wait_seconds() if wait_seconds is None else wait_seconds)
    while True:
        try:
            con = duckdb.connect(
                str(warehouse),
                config={
                    "autoinstall_known_extensions": False,
                    # beyond this DuckDB spills to warehouse.duckdb.tmp/ (ingestion/memory.py)
                    "memory_limit": memory_limit(),
                },
            )
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(_busy_message(warehouse, str(exc))) from None
            time.sleep(0.2)
    create_raw_schema(con)
    return con


IngestOne = Callable[[duckdb.DuckDBPyConnection, LandedFile], FileOutcome]
# after each file (and once before the first): files done, all files, what happened so far
FileDone = Callable[[int, list[LandedFile], IngestReport], None]


def ingest_folder(
    warehouse: Path, landing: Path, ingest_one: IngestOne, on_file: FileDone | None = None
) -> IngestReport:
    """Ingest every file under ``landing`` with ``ingest_one`` on one connection (the
    normalizing macros installed once, one transaction per file); ``on_file`` hears after each
    file, so a caller can show progress without a loop of its own."""
    files = list_landing_files(landing)
    report = IngestReport()
    if on_file:
        on_file(0, files, report)
    con = connect(warehouse)
    try:
        prepare_connection(con)
        for index, file in enumerate(files, start=1):
            report.outcomes.append(ingest_one(con, file))
            if on_file:
                on_file(index, files, report)
    finally:
        con.close()
    return report


def ingest_media(warehouse: Path, landing: Path, quarantine: Path, on_file: FileDone | None = None) -> IngestReport:
    """Ingest every new export under ``landing``; return what happened to each file."""
    return ingest_folder(warehouse, landing, partial(ingest_file, quarantine=quarantine), on_file)


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Sniff, read, normalize and insert one CSV/XLSX (a file, or a member of a ZIP)."""
    layout = sniff(path, name)
    export_date = export_date_of(file)
    with TemporaryDirectory(prefix="citra-") as workdir:
        try:
            parsed = parse_file(
                con,
                path,
                layout,
                Path(workdir),
                lambda source, order, forms: build_parsed_table(
                    con, layout.profile, source, file_id, export_date, order, forms
                ),
                name,
                SUMMARY,
                {},
                acc.careful,
            )
            source = parsed.source
            columns = ", ".join(MEDIA_MENTION_COLUMNS)
            con.execute(
                f"insert into raw.media_mentions ({columns}) select {columns} from _parsed where len(problems) = 0"
            )
            loaded, rejected, first, last = parsed.summary
            if rejected:
                insert_rejects(con, layout.profile, source, file_id, name)
            damaged = insert_damaged_lines(con, layout.profile, source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    acc.profiles.append(layout.profile.name)
    acc.vendors.append(layout.profile.vendor)
    acc.day_orders.append((name, parsed.day_order))
    acc.add(loaded, rejected + damaged, first, last)
    if damaged:
        acc.notes.append(damage_note(con, name, damaged))
    con.execute("drop table _parsed")


def ingest_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one media export (all members of a ZIP) in one transaction."""
    ensure_pseudonyms(con)
    return ingest_with(con, file, quarantine, _load_member)
