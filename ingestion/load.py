"""Load landed media exports into ``raw.*``, one file per transaction.

A file's identity is the SHA-256 of its bytes: a file already in ``raw.ingest_files`` is a
no-op, also under a new name. Each file is read, normalized and inserted (good rows into
``raw.media_mentions``, bad rows into ``raw.ingest_rejects``, one registry row) inside one
transaction, so a crash leaves nothing of it and the next run starts it again. A file that
cannot be read at all is moved to ``quarantine/`` and the others still load.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingestion.landing import LandedFile, content_hash, export_date_of, list_landing_files
from ingestion.normalize import build_parsed_table, prepare_connection
from ingestion.readers import UnreadableFileError, load_source_table, sniff
from ingestion.schema import MEDIA_MENTION_COLUMNS, create_raw_schema

log = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    name: str
    file_id: str
    status: str  # loaded | skipped | quarantined
    profile: str | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str = ""


@dataclass
class IngestReport:
    outcomes: list[FileOutcome] = field(default_factory=list)

    def by_status(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def rows_loaded(self) -> int:
        return sum(o.rows_loaded for o in self.outcomes)

    @property
    def rows_rejected(self) -> int:
        return sum(o.rows_rejected for o in self.outcomes)


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """Open the warehouse for writing, with extension downloads off so a miss fails at once."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(warehouse), config={"autoinstall_known_extensions": False})
    create_raw_schema(con)
    return con


def known_file(con: duckdb.DuckDBPyConnection, file_id: str) -> tuple[str, str] | None:
    rows = con.execute(
        "select status, file_name from raw.ingest_files where file_id = ?", [file_id]
    ).fetchall()
    return rows[0] if rows else None


def ingest_media(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new export under ``landing``; return what happened to each file."""
    report = IngestReport()
    con = connect(warehouse)
    try:
        prepare_connection(con)
        for file in list_landing_files(landing):
            report.outcomes.append(ingest_file(con, file, quarantine))
    finally:
        con.close()
    return report


def ingest_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one file in one transaction (see module docstring)."""
    file_id = content_hash(file.path)
    seen = known_file(con, file_id)
    if seen is not None:
        status, first_name = seen
        same = "" if first_name == file.name else f" as '{first_name}'"
        log.info("%s: already ingested%s (%s); skipped", file.name, same, status)
        return FileOutcome(file.name, file_id, "skipped", message=f"already ingested{same}")
    export_date = export_date_of(file)
    try:
        layout = sniff(file.path)
    except UnreadableFileError as exc:
        return _quarantine(con, file, file_id, quarantine, str(exc))
    con.execute("begin transaction")
    try:
        rows_read = load_source_table(con, file.path, layout)
        build_parsed_table(con, layout.profile, file_id, export_date)
        columns = ", ".join(MEDIA_MENTION_COLUMNS)
        con.execute(f"insert into raw.media_mentions ({columns}) select {columns} from _parsed where len(problems) = 0")
        con.execute(
            """insert into raw.ingest_rejects
               select ?, ?, source_row, p.col, p.reason, raw_values::varchar, now()
               from (select source_row, unnest(problems) as p, raw_values from _parsed where len(problems) > 0)""",
            [file_id, file.name],
        )
        loaded, rejected, first, last = con.execute(
            """select count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
                      min(published_at), max(published_at) from _parsed"""
        ).fetchall()[0]
        con.execute(
            """insert into raw.ingest_files values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?, null, now(), now())""",
            [file_id, file.name, str(file.path), file.size_bytes, layout.profile.name,
             layout.profile.vendor, export_date, rows_read, loaded, rejected, first, last],
        )
        con.execute("drop table _parsed")
        con.execute("drop table _src")
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        return _quarantine(con, file, file_id, quarantine, f"{file.name}: cannot be parsed: {exc}")
    log.info("%s: %s rows loaded, %s rejected (profile %s)", file.name, loaded, rejected, layout.profile.name)
    return FileOutcome(file.name, file_id, "loaded", layout.profile.name, loaded, rejected)


def _quarantine(
    con: duckdb.DuckDBPyConnection, file: LandedFile, file_id: str, quarantine: Path, error: str
) -> FileOutcome:
    """Move an unreadable file aside and record why, so the team can fix and re-drop it."""
    target = quarantine / file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(file.path), str(target))
    con.execute(
        """insert into raw.ingest_files
           (file_id, file_name, file_path, size_bytes, status, error, first_seen_at)
           values (?, ?, ?, ?, 'quarantined', ?, now())""",
        [file_id, file.name, str(target), file.size_bytes, error],
    )
    log.warning("%s moved to quarantine: %s", file.name, error)
    return FileOutcome(file.name, file_id, "quarantined", message=error)
