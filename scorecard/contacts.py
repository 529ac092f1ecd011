"""Contact addresses for the rapor: CSV or XLSX files in ``landing/contacts/`` into
``raw.agency_contacts``, through the frame every export shares (``ingest_with``: the file
registry, one transaction per file, rejects naming file, row and problem, quarantine).

A row names a unit (an agency code of the seed ``agencies``, a region code of ``regions``, or
their names) and one or more email addresses (separated by commas or semicolons), with an
optional contact name; English or Indonesian headers. Rows are only appended: the newest row of
a unit wins in dbt (``int_scorecard_contacts``) over the seed's ``contact_email``. A row with an
unknown unit or an address that is not one is set aside in ``raw.ingest_rejects``; the rest of
the file still loads.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache, partial
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.errors import UnreadableFileError
from ingestion.frame import FileOutcome
from ingestion.landing import LandedFile
from ingestion.load import IngestReport, Loaded, ingest_folder, ingest_with
from ingestion.normalize import quote_ident
from ingestion.parse import exact_source
from ingestion.profiles import Profile, normalize_header
from ingestion.readers import sniff
from ingestion.rejects import insert_damaged_lines
from ingestion.sources import close_source

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
HEADERS: dict[str, tuple[str, ...]] = {
    "unit": (
        "unit",
        "agency_code",
        "region_code",
        "kode_instansi",
        "kode instansi",
        "instansi",
        "kode_unit",
        "unit_kerja",
    ),
    "contact_email": ("contact_email", "email", "e-mail", "surel", "alamat_surel", "alamat surel", "email_kontak"),
    "contact_name": ("contact_name", "name", "nama", "nama_kontak", "nama kontak", "kontak", "penerima"),
}
PROFILE = Profile(
    name="agency_contacts",
    vendor="office",
    description="Rapor contacts: unit (agency or region code), contact_email, contact_name",
    required=(),
    signature=tuple(h for names in HEADERS.values() for h in names),
    fields=dict(HEADERS),
    date_formats=(),
    timezone="Asia/Makassar",
    number_locale="id",
)
ADDRESS = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def landing_contacts(home: Path) -> Path:
    return home / "landing" / "contacts"


@cache
def unit_codes(seeds: Path = SEEDS) -> dict[str, str]:
    """Every way to name a unit (agency code, name and short name; region code and name),
    lower case -> the unit's code."""
    keys: dict[str, str] = {}
    with (seeds / "regions.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for key in (row["region_code"], row["region_name"]):
                keys[key.strip().lower()] = row["region_code"].strip()
    with (seeds / "agencies.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for key in (row["agency_code"], row["agency_name"], row["agency_short"]):
                if key and key.strip():
                    keys[key.strip().lower()] = row["agency_code"].strip()
    return keys


def addresses(text: str) -> list[str] | None:
    """The addresses of a cell (comma or semicolon between them), or None when one is not an address."""
    parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    if not parts or not all(ADDRESS.fullmatch(p) for p in parts):
        return None
    return parts


def _columns(header: list[str], name: str) -> dict[str, str]:
    """Canonical column -> the file's column; an error naming what is missing."""
    present = {normalize_header(h): h.strip() or h for h in header}
    found = {
        canon: present[normalize_header(alias)]
        for canon, aliases in HEADERS.items()
        for alias in aliases
        if normalize_header(alias) in present
    }
    missing = [c for c in ("unit", "contact_email") if c not in found]
    if missing:
        raise UnreadableFileError(
            f"{name}: a contacts file needs the columns unit (kode_instansi) and contact_email (email); it lacks "
            f"{', '.join(missing)}; the header has {', '.join(repr(h) for h in header)} (see docs/scorecard.md)"
        )
    return found


def check_row(cells: dict[str, str], units: dict[str, str]) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    """The row's values, or None with its problems as (column, reason)."""
    problems = []
    unit = units.get(cells.get("unit", "").strip().lower())
    if unit is None:
        problems.append(
            (
                "unit",
                f"unit {cells.get('unit', '')!r} is not an agency code of agencies.csv nor a region code of regions.csv",
            )
        )
    found = addresses(cells.get("contact_email", ""))
    if found is None:
        problems.append(
            (
                "contact_email",
                f"{cells.get('contact_email', '')!r} is not an email address (e.g. humas@dinkes.kalselprov.go.id)",
            )
        )
    if problems:
        return None, problems
    return {"unit": unit, "contact_email": ", ".join(found), "contact_name": cells.get("contact_name") or None}, []


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Read, check and append the contacts of one CSV/XLSX."""
    layout = sniff(path, name, (PROFILE,))
    columns = _columns(layout.header, name)
    with TemporaryDirectory(prefix="citra-") as workdir:
        source = exact_source(con, path, layout, Path(workdir), acc.careful)
        try:
            picked = ", ".join(quote_ident(columns[c]) for c in columns)
            records = con.execute(f"select source_row, {picked} from {source.sql} order by source_row", source.params)
            names = [d[0] for d in records.description]
            raw_rows = records.fetchall()
            damaged = insert_damaged_lines(con, PROFILE, source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    canon = {v: k for k, v in columns.items()}
    units = unit_codes()
    loaded = rejected = 0
    first_problem = None
    for values in raw_rows:
        cells = {canon[n]: ("" if v is None else str(v).strip()) for n, v in zip(names[1:], values[1:])}
        if not any(cells.values()):
            continue
        row = int(values[0])
        checked, problems = check_row(cells, units)
        if checked is None:
            for column, reason in problems:
                con.execute(
                    "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                    [file_id, name, row, column, f"{name} row {row}: {reason}", json.dumps(cells, ensure_ascii=False)],
                )
            first_problem = first_problem or f"{name} row {row}: {problems[0][1]}"
            rejected += 1
            continue
        con.execute(
            "insert into raw.agency_contacts values ($unit, $contact_email, $contact_name, $file_id, $row, now())",
            {**checked, "file_id": file_id, "row": row},
        )
        loaded += 1
    if first_problem:
        more = f" (and {rejected - 1} more rows)" if rejected > 1 else ""
        acc.notes.append(first_problem + more)
    if damaged:
        acc.notes.append(f"{name}: {damaged} damaged lines set aside; see raw.ingest_rejects")
    acc.profiles.append(PROFILE.name)
    acc.vendors.append(PROFILE.vendor)
    acc.add(loaded, rejected + damaged, None, None)


def ingest_contact_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one contacts file (all members of a ZIP) in one transaction."""
    return ingest_with(con, file, quarantine, _load_member)


def ingest_contacts(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new contacts file under ``landing`` (``landing/contacts/``)."""
    return ingest_folder(warehouse, landing, partial(ingest_contact_file, quarantine=quarantine))
