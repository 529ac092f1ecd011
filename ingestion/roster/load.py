"""Load ASN roster files from ``landing/roster/`` into ``raw.asn_roster``, one file per transaction.

The frame is media ingestion's (``ingestion.load.ingest_with``): a file's identity is the
SHA-256 of its bytes (a re-drop or a renamed copy is a no-op), bad rows go to
``raw.ingest_rejects`` with file, row, column and reason, and a file that cannot be read moves
to ``quarantine/``. Each row keeps the date the roster holds from (``roster_date``): the date
in the file name (``roster_dinkes_2025-07-01.xlsx``), else the file's modification day in WITA.
A newer file replaces an agency's roster from that date on; dbt keeps the history
(``int_asn_roster_dated``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from pathlib import Path, PurePosixPath
from tempfile import TemporaryDirectory

import duckdb

from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile, export_date_of
from ingestion.load import FileOutcome, IngestReport, Loaded, ensure_pseudonyms, ingest_folder, ingest_with
from ingestion.parse import exact_source
from ingestion.platforms.accounts import DATE_IN_NAME
from ingestion.profiles import Profile, load_profiles
from ingestion.readers import sniff
from ingestion.rejects import damage_note
from ingestion.roster.parse import build_roster_table, insert_roster_damaged_lines, insert_roster_rejects
from ingestion.schema import ASN_ROSTER_COLUMNS
from ingestion.sources import close_source

PROFILE_DIR = Path(__file__).parent / "profiles"
MONTH_IN_NAME = re.compile(r"(?<![0-9])(20[0-9]{2})-(0[1-9]|1[0-2])(?![0-9])")


def roster_profiles() -> tuple[Profile, ...]:
    """The roster layouts (English and Indonesian headers)."""
    return load_profiles(PROFILE_DIR)


def roster_date(name: str, file: LandedFile) -> tuple[date, str]:
    """The day a roster holds from, and where it came from: the first date in the file name (a
    ZIP member's, then the ZIP's): ``2025-07-01``, ``20250701``, or ``2025-07`` for its first
    day; else the file's modification day in WITA."""
    for stem in dict.fromkeys([PurePosixPath(name).name, PurePosixPath(file.name).name]):
        for y, m, d in DATE_IN_NAME.findall(stem):
            try:
                return date(int(y), int(m), int(d)), "file name"
            except ValueError:
                continue
        month = MONTH_IN_NAME.search(stem)
        if month:
            return date(int(month[1]), int(month[2]), 1), "file name"
    return export_date_of(file), "file date"


def ingest_roster(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new roster file under ``landing`` (``landing/roster/``)."""
    return ingest_folder(warehouse, landing, partial(ingest_roster_file, quarantine=quarantine))


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Sniff, check, pseudonymize and insert one roster CSV/XLSX (a file, or a member of a ZIP)."""
    layout = sniff(path, name, roster_profiles())
    since, source_of_date = roster_date(name, file)
    with TemporaryDirectory(prefix="citra-") as workdir:
        try:
            source = exact_source(con, path, layout, Path(workdir), acc.careful)
            build_roster_table(con, layout.profile, source, file_id, since)
            columns = ", ".join(ASN_ROSTER_COLUMNS)
            con.execute(f"insert into raw.asn_roster ({columns}) select {columns} from _roster where len(problems) = 0")
            loaded, rejected = con.execute(
                "select count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0) from _roster"
            ).fetchall()[0]
            if rejected:
                insert_roster_rejects(con, file_id, name)
            damaged = insert_roster_damaged_lines(con, source, file_id, name)
            con.execute("drop table _roster")
        except duckdb.Error:
            # an engine message may quote a cell, and a cell may be a handle: say only what to do
            if not acc.careful:  # ingest_with reads the file again, line by line
                raise duckdb.Error(f"{name}: the fast read failed") from None
            raise UnreadableFileError(
                f"{name}: the roster cannot be read as a table; save it as CSV (UTF-8) or XLSX with the "
                "header platform, handle, agency_code (see docs/amplification.md)"
            ) from None
        finally:
            close_source(con, layout)
    acc.profiles.append(layout.profile.name)
    acc.vendors.append(layout.profile.vendor)
    if source_of_date == "file date":
        acc.notes.append(
            f"{name}: no date in the file name; its roster holds from the file's date, {since.isoformat()} "
            f"(name the file e.g. roster_{since.isoformat()}.xlsx to set the date)"
        )
    if damaged:
        acc.notes.append(damage_note(con, name, damaged))
    acc.add(loaded, rejected + damaged, None, None)


def ingest_roster_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one roster file (all members of a ZIP) in one transaction."""
    ensure_pseudonyms(con)
    return ingest_with(con, file, quarantine, _load_member)
