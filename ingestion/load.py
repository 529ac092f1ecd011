"""Load landed media exports into ``raw.*``, one file per transaction.

A file's identity is the SHA-256 of its bytes: a file already in ``raw.ingest_files`` is a
no-op, also under a new name. Each file is read, normalized and inserted (good rows into
``raw.media_mentions``, bad rows into ``raw.ingest_rejects``, one registry row) inside one
transaction, so a crash leaves nothing of it and the next run starts it again. A file that
cannot be read at all is moved to ``quarantine/`` and the others still load.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.archives import extracted_members
from ingestion.dates import DayOrder
from ingestion.errors import UnreadableFileError, WarehouseBusyError
from ingestion.landing import LandedFile, content_hash, export_date_of, list_landing_files
from ingestion.normalize import build_parsed_table
from ingestion.parse import parse_file
from ingestion.pseudonyms import install_pseudonym_functions, pseudonym_key
from ingestion.readers import close_source, sniff
from ingestion.rejects import insert_rejects
from ingestion.schema import MEDIA_MENTION_COLUMNS, create_raw_schema
from ingestion.sqlfunctions import prepare_connection

log = logging.getLogger(__name__)

LOCK_HOLDER = re.compile(r"held in (?P<program>.+?) \(PID (?P<pid>[0-9]+)\)")


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
                    # beyond this DuckDB spills to warehouse.duckdb.tmp/: 10M-row files stay near 1 GB
                    "memory_limit": os.environ.get("CITRA_DUCKDB_MEMORY_LIMIT", "1GB"),
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


def known_file(con: duckdb.DuckDBPyConnection, file_id: str) -> tuple[str, str] | None:
    rows = con.execute("select status, file_name from raw.ingest_files where file_id = ?", [file_id]).fetchall()
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
class Loaded:
    """What the members of one file (one, or all of a ZIP) added up to."""

    profiles: list[str] = field(default_factory=list)
    vendors: list[str] = field(default_factory=list)
    loaded: int = 0
    rejected: int = 0
    first: object = None
    last: object = None
    notes: list[str] = field(default_factory=list)
    day_orders: list[tuple[str, DayOrder]] = field(default_factory=list)  # (member, decision)

    def add(self, loaded: int, rejected: int, first: object, last: object) -> None:
        self.loaded += loaded
        self.rejected += rejected
        self.first = first if self.first is None or (first is not None and first < self.first) else self.first
        self.last = last if self.last is None or (last is not None and last > self.last) else self.last

    def date_order(self) -> tuple[str | None, str | None]:
        """(order, note) for ``raw.ingest_files``: the members' day orders and why."""
        decided = [(name, d) for name, d in self.day_orders if d.order is not None]
        orders = ",".join(dict.fromkeys(d.order for _, d in decided if d.order)) or None
        if len(self.day_orders) == 1:
            return orders, decided[0][1].note if decided else None
        return orders, "; ".join(f"{name}: {d.note}" for name, d in decided) or None


# (connection, member path, member name, the landed file, its file id, accumulator)
MemberLoader = Callable[[duckdb.DuckDBPyConnection, Path, str, LandedFile, str, Loaded], None]


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Sniff, read, normalize and insert one CSV/XLSX (a file, or a member of a ZIP)."""
    layout = sniff(path, name)
    export_date = export_date_of(file)
    with TemporaryDirectory(prefix="citra-") as workdir:
        parsed = parse_file(
            con,
            path,
            layout,
            Path(workdir),
            lambda source, order: build_parsed_table(con, layout.profile, source, file_id, export_date, order),
        )
        source = parsed.source
        try:
            columns = ", ".join(MEDIA_MENTION_COLUMNS)
            con.execute(
                f"insert into raw.media_mentions ({columns}) select {columns} from _parsed where len(problems) = 0"
            )
            loaded, rejected, first, last = con.execute(
                """select count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
                          min(published_at) filter (where len(problems) = 0),
                          max(published_at) filter (where len(problems) = 0) from _parsed"""
            ).fetchall()[0]
            if rejected:
                insert_rejects(con, layout.profile, source, file_id, name)
        finally:
            close_source(con, layout)
    acc.profiles.append(layout.profile.name)
    acc.vendors.append(layout.profile.vendor)
    acc.day_orders.append((name, parsed.day_order))
    acc.add(loaded, rejected, first, last)
    con.execute("drop table _parsed")


def ensure_pseudonyms(con: duckdb.DuckDBPyConnection) -> None:
    """Install the pseudonym functions once per connection; the key lives in CITRA_HOME
    (else beside the warehouse), see ``ingestion.pseudonyms``."""
    installed = con.execute(
        "select count(*) from duckdb_tables() where temporary and table_name = '_official_accounts'"
    ).fetchall()[0][0]
    if installed:
        return
    path = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()[0][0]
    install_pseudonym_functions(con, pseudonym_key(Path(os.environ.get("CITRA_HOME") or Path(path).parent)))


def ingest_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one media export (all members of a ZIP) in one transaction."""
    ensure_pseudonyms(con)
    return ingest_with(con, file, quarantine, _load_member)


def ingest_with(
    con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path, load_member: MemberLoader
) -> FileOutcome:
    """The frame every kind of export shares (see module docstring): skip a file already in
    the registry, load its members in one transaction, register it, or quarantine it."""
    file_id = content_hash(file.path)
    seen = known_file(con, file_id)
    if seen is not None:
        status, first_name = seen
        same = "" if first_name == file.name else f" as '{first_name}'"
        log.info("%s: already ingested%s (%s); skipped", file.name, same, status)
        return FileOutcome(file.name, file_id, "skipped", message=f"already ingested{same}")
    acc = Loaded()
    errors: list[str] = []
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
                    load_member(con, path, name, file, file_id, acc)
                except UnreadableFileError as exc:
                    if len(members) == 1:
                        raise
                    errors.append(str(exc))
            if len(errors) == len(members):
                raise UnreadableFileError("; ".join(errors))
            con.execute(
                """insert into raw.ingest_files (file_id, file_name, file_path, size_bytes, profile, vendor,
                       export_date, status, rows_read, rows_loaded, rows_rejected, min_published_at,
                       max_published_at, error, first_seen_at, loaded_at, date_order, date_order_note)
                   values (?, ?, ?, ?, ?, ?, ?, 'loaded', ?, ?, ?, ?, ?, ?, now(), now(), ?, ?)""",
                [
                    file_id,
                    file.name,
                    str(file.path),
                    file.size_bytes,
                    ",".join(dict.fromkeys(acc.profiles)),
                    ",".join(dict.fromkeys(acc.vendors)),
                    export_date_of(file),
                    acc.loaded + acc.rejected,
                    acc.loaded,
                    acc.rejected,
                    acc.first,
                    acc.last,
                    "; ".join(errors) or None,
                    *acc.date_order(),
                ],
            )
            con.execute("commit")
    except (UnreadableFileError, duckdb.Error) as exc:
        if in_transaction:
            con.execute("rollback")
        message = (
            str(exc)
            if isinstance(exc, UnreadableFileError)
            else f"{file.name}: cannot be parsed: {str(exc).splitlines()[0]}"
        )
        return _quarantine(con, file, file_id, quarantine, message)
    for note in errors + acc.notes:
        log.warning("%s", note)
    log.info("%s: %s rows loaded, %s rejected (%s)", file.name, acc.loaded, acc.rejected, ",".join(acc.profiles))
    return FileOutcome(
        file.name,
        file_id,
        "loaded",
        ",".join(dict.fromkeys(acc.profiles)),
        acc.loaded,
        acc.rejected,
        "; ".join(errors + acc.notes),
    )


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
