"""The frame every kind of export shares: registry, one transaction per file, quarantine.

A file's identity is the SHA-256 of its bytes: a file already in ``raw.ingest_files`` is a
no-op, also under a new name. Each file (all members of a ZIP) is read, normalized and
inserted inside one transaction, so a crash leaves nothing of it and the next run starts it
again. A file that cannot be read at all is moved to ``quarantine/`` and the others still
load. When the fast read of a file fails outright, the file is read again line by line
(``ingestion.repair``) before anything is given up.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingestion.archives import extracted_members
from ingestion.day_order import DayOrder
from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile, content_hash, export_date_of

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


def known_file(con: duckdb.DuckDBPyConnection, file_id: str) -> tuple[str, str] | None:
    rows = con.execute("select status, file_name from raw.ingest_files where file_id = ?", [file_id]).fetchall()
    return rows[0] if rows else None


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
    careful: bool = False  # read CSVs line by line at once (a retry after the fast read failed)
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
    for careful in (False, True):
        acc, errors = Loaded(careful=careful), []
        try:
            _load_in_transaction(con, file, file_id, load_member, acc, errors)
            break
        except UnreadableFileError as exc:
            return _quarantine(con, file, file_id, quarantine, str(exc))
        except duckdb.Error as exc:  # the fast read can fail outright (e.g. a lone CR): read line by line
            log.info("%s: %s", file.name, "read failed again" if careful else "fast read failed; reading line by line")
            log.debug("%s: %s", file.name, exc)
            if careful:
                return _quarantine(
                    con,
                    file,
                    file_id,
                    quarantine,
                    f"{file.name}: cannot be read, not even line by line; check that it is a CSV or XLSX export "
                    "and export it again",
                )
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


def _load_in_transaction(
    con: duckdb.DuckDBPyConnection,
    file: LandedFile,
    file_id: str,
    load_member: MemberLoader,
    acc: Loaded,
    errors: list[str],
) -> None:
    """Load every member and register the file in one transaction (rolled back on any error)."""
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
    except BaseException:
        if in_transaction:
            con.execute("rollback")
        raise


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
