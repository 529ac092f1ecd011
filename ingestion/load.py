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
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.landing import LandedFile, content_hash, export_date_of, list_landing_files
from ingestion.normalize import build_parsed_table, insert_rejects
from ingestion.sqlfunctions import prepare_connection
from ingestion.archives import extracted_members
from ingestion.errors import UnreadableFileError
from ingestion.profiles import vendor_of
from ingestion.readers import close_source, open_source, sniff
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


@dataclass
class _Loaded:
    profiles: list[str] = field(default_factory=list)
    rows_read: int = 0
    loaded: int = 0
    rejected: int = 0
    first: object = None
    last: object = None
    member_errors: list[str] = field(default_factory=list)


def _load_member(con: duckdb.DuckDBPyConnection, path: Path, name: str, file_id: str,
                 export_date: date, acc: _Loaded) -> None:
    """Sniff, read, normalize and insert one CSV/XLSX (a file, or a member of a ZIP)."""
    layout = sniff(path, name)
    with TemporaryDirectory(prefix="citra-") as workdir:
        source = open_source(con, path, layout, Path(workdir))
        try:
            build_parsed_table(con, layout.profile, source, file_id, export_date)
            columns = ", ".join(MEDIA_MENTION_COLUMNS)
            con.execute(f"insert into raw.media_mentions ({columns}) select {columns} from _parsed where len(problems) = 0")
            loaded, rejected, first, last = con.execute(
                """select count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
                          min(published_at), max(published_at) from _parsed"""
            ).fetchall()[0]
            if rejected:
                insert_rejects(con, layout.profile, source, file_id, name)
        finally:
            close_source(con, layout)
    acc.rows_read += loaded + rejected
    acc.profiles.append(layout.profile.name)
    acc.loaded += loaded
    acc.rejected += rejected
    acc.first = first if acc.first is None or (first is not None and first < acc.first) else acc.first
    acc.last = last if acc.last is None or (last is not None and last > acc.last) else acc.last
    con.execute("drop table _parsed")


def ingest_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one file (all members of a ZIP) in one transaction (see module docstring)."""
    file_id = content_hash(file.path)
    seen = known_file(con, file_id)
    if seen is not None:
        status, first_name = seen
        same = "" if first_name == file.name else f" as '{first_name}'"
        log.info("%s: already ingested%s (%s); skipped", file.name, same, status)
        return FileOutcome(file.name, file_id, "skipped", message=f"already ingested{same}")
    export_date = export_date_of(file)
    acc = _Loaded()
    in_transaction = False
    try:
        with ExitStack() as stack:
            if file.path.suffix.lower() == ".zip":
                members = stack.enter_context(extracted_members(file.path, file.name))
                if not members:
                    raise UnreadableFileError(f"{file.name}: the ZIP holds no CSV or XLSX file")
            else:
                members = [(file.name, file.path)]
            con.execute("begin transaction")
            in_transaction = True
            for name, path in members:
                try:
                    _load_member(con, path, name, file_id, export_date, acc)
                except UnreadableFileError as exc:
                    if len(members) == 1:
                        raise
                    acc.member_errors.append(str(exc))
            if len(acc.member_errors) == len(members):
                raise UnreadableFileError("; ".join(acc.member_errors))
            con.execute(
                """insert into raw.ingest_files values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?, ?, now(), now())""",
                [file_id, file.name, str(file.path), file.size_bytes, ",".join(dict.fromkeys(acc.profiles)),
                 ",".join(dict.fromkeys(vendor_of(p) for p in acc.profiles)), export_date, acc.rows_read,
                 acc.loaded, acc.rejected, acc.first, acc.last, "; ".join(acc.member_errors) or None],
            )
            con.execute("commit")
    except (UnreadableFileError, duckdb.Error) as exc:
        if in_transaction:
            con.execute("rollback")
        message = str(exc) if isinstance(exc, UnreadableFileError) else f"{file.name}: cannot be parsed: {exc}"
        return _quarantine(con, file, file_id, quarantine, message)
    for error in acc.member_errors:
        log.warning("%s", error)
    log.info("%s: %s rows loaded, %s rejected (%s)", file.name, acc.loaded, acc.rejected, ",".join(acc.profiles))
    return FileOutcome(file.name, file_id, "loaded", ",".join(dict.fromkeys(acc.profiles)),
                       acc.loaded, acc.rejected, "; ".join(acc.member_errors))


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
