"""Load register files from ``landing/hoaxes/`` into ``raw.hoax_register``, one file per transaction.

The frame is every export's (``ingestion.frame.ingest_with``): a file's identity is the SHA-256
of its bytes (a re-drop or a renamed copy is a no-op), rows with a problem go to
``raw.ingest_rejects`` with file, row, column and reason while the rest of the file loads,
damaged lines are set aside, and a file that cannot be read moves to ``quarantine/hoaxes/``.

Each good row is appended with the hoax it names: its ``hoax_id`` (upper case), or without one
the hoax registered earlier with the same normalized claim (``hoaxes.claims``), or a new id
``HX-<hash of the claim>``. dbt takes each hoax's latest non-empty values (``dim_hoax``).
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from hoaxes.claims import CATEGORIES, claim_key, generated_id, keyword_list, standard_category
from ingestion.clock import WITA, today
from ingestion.frame import FileOutcome, IngestReport, Loaded, ingest_with
from ingestion.hoaxes.parse import DATE_FIELDS, build_cells, region_codes, type_dates
from ingestion.hoaxes.schema import HOAX_REGISTER_COLUMNS
from ingestion.landing import LandedFile
from ingestion.load import ensure_pseudonyms, ingest_folder
from ingestion.normalize import EARLIEST_DATE
from ingestion.parse import exact_source
from ingestion.profiles import Profile, load_profiles
from ingestion.readers import sniff
from ingestion.rejects import damage_note, insert_damaged_lines
from ingestion.sources import close_source
from issues.taxonomy import issue_codes, label_key

PROFILE_DIR = Path(__file__).parent / "profiles"
URL_PREFIXES = ("http://", "https://")


def register_profiles() -> tuple[Profile, ...]:
    """The register's layouts (English and Indonesian headers)."""
    return load_profiles(PROFILE_DIR)


def ingest_hoaxes(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new register file under ``landing`` (``landing/hoaxes/``)."""
    return ingest_folder(warehouse, landing, partial(ingest_register_file, quarantine=quarantine))


def _known_claims(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Normalized claim -> the hoax first registered with it."""
    rows = con.execute(
        """select claim_key, arg_min(hoax_id, (ingested_at, source_file_id, source_row)) from raw.hoax_register
           where claim_key is not null group by claim_key"""
    ).fetchall()
    return dict(rows)


def _check(row: dict, dates: dict[str, tuple], labels: dict[str, str], limit: datetime) -> list[tuple[str, str]]:
    """The row's problems (column label, reason); fills the typed values into ``row``."""
    problems = []
    for field in DATE_FIELDS:
        raw, at, reason = dates.get(field, (None, None, None))
        row[field] = at
        if raw is None:
            continue
        if at is None:
            problems.append((labels[field], f"{field} '{raw}' {reason}"))
        elif at >= limit:
            problems.append(
                (labels[field], f"{field} '{raw}' is in the future (after tomorrow in WITA); check the date")
            )
        elif at < EARLIEST_DATE:
            problems.append((labels[field], f"{field} '{raw}' is before 2000-01-01; check the date format"))
    if row["category"] is not None:
        category = standard_category(row["category"])
        if category is None:
            problems.append((labels["category"], f"category '{row['category']}' is not one of {', '.join(CATEGORIES)}"))
        row["category"] = category
    if row["issue"] is not None:
        issue = issue_codes().get(label_key(row["issue"]))
        if issue is None:
            problems.append(
                (labels["issue"], f"issue '{row['issue']}' is not in the taxonomy (dbt_project/seeds/issues.csv)")
            )
        row["issue"] = issue
    row["region_code"] = None
    if row["region"] is not None:
        row["region_code"] = region_codes().get(" ".join(row["region"].split()).lower())
        if row["region_code"] is None:
            problems.append(
                (
                    labels["region"],
                    f"region '{row['region']}' is not a kabupaten/kota of the seeds (e.g. Kota Banjarmasin, Tapin)",
                )
            )
    url = row["klarifikasi_url"]
    if url is not None and (not url.lower().startswith(URL_PREFIXES) or " " in url):
        problems.append((labels["klarifikasi_url"], f"klarifikasi_url '{url}' is not a link; expected https://..."))
    return problems


def _resolve(row: dict, labels: dict[str, str], claims: dict[str, str], known_ids: set[str]) -> list[tuple[str, str]]:
    """Which hoax the row names (module docstring); the problems of a row that names none."""
    given = (row["hoax_id"] or "").strip().upper() or None
    key = claim_key(row["claim"]) or None
    row["hoax_id_given"], row["claim_key"] = given, key
    hoax_id = given or (claims.get(key) if key else None) or (generated_id(key) if key else None)
    if hoax_id is None:
        return [(labels["claim"], "no hoax_id and no claim: name the hoax (hoax_id) or write its claim")]
    new = hoax_id not in known_ids
    problems = []
    if new and key is None:
        problems.append(
            (
                labels["claim"],
                f"hoax_id '{hoax_id}' is not registered yet: a new hoax needs its claim (if its first row is in "
                "another file, drop this file again once that one is loaded)",
            )
        )
    if new and row["first_seen"] is None:
        problems.append((labels["first_seen"], "first_seen is empty: a new hoax needs the day it was first seen"))
    row["hoax_id"] = hoax_id
    return problems


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Sniff, type, check, resolve and append one register CSV/XLSX."""
    layout = sniff(path, name, register_profiles())
    with TemporaryDirectory(prefix="citra-") as workdir:
        try:
            source = exact_source(con, path, layout, Path(workdir), acc.careful)
            labels = build_cells(con, layout.profile, source)
            order = type_dates(con, layout)
            damaged = insert_damaged_lines(con, layout.profile, source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    cells = con.execute("select * from _hoax_cells order by source_row").fetchall()
    names = [d[0] for d in con.execute("select * from _hoax_cells limit 0").description]
    dates: dict[int, dict[str, tuple]] = {}
    for source_row, field, raw, at, reason in con.execute(
        "select source_row, field, raw_date, instant, date_reason from _hoax_dates"
    ).fetchall():
        dates.setdefault(source_row, {})[field] = (raw, at, reason)
    limit = datetime.combine(today() + timedelta(days=2), time(), WITA)
    claims = _known_claims(con)
    known_ids = {r[0] for r in con.execute("select distinct hoax_id from raw.hoax_register").fetchall()}
    good, rejected = [], []
    for values in cells:
        row = dict(zip(names, values, strict=True))
        problems = _check(row, dates.get(row["source_row"], {}), labels, limit)
        if not problems:
            problems = _resolve(row, labels, claims, known_ids)
        if problems:
            rejected.append((row, problems))
            continue
        known_ids.add(row["hoax_id"])
        if row["claim_key"]:
            claims.setdefault(row["claim_key"], row["hoax_id"])
        good.append(row)
    _insert(con, good, file_id, layout.profile.name)
    for row, problems in rejected:
        original = {
            labels[f]: row[f] if f not in DATE_FIELDS else dates.get(row["source_row"], {}).get(f, (None,))[0]
            for f in labels
        }
        for column, reason in problems:
            con.execute(
                "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                [
                    file_id,
                    name,
                    row["source_row"],
                    column,
                    reason,
                    json.dumps(original, ensure_ascii=False, default=str),
                ],
            )
    if rejected:
        first = rejected[0]
        more = f" (and {len(rejected) - 1} more rows)" if len(rejected) > 1 else ""
        acc.notes.append(f"{name} row {first[0]['source_row']}: {first[1][0][1]}{more}")
    if damaged:
        acc.notes.append(damage_note(con, name, damaged))
    con.execute("drop table _hoax_cells; drop table _hoax_dates")
    acc.profiles.append(layout.profile.name)
    acc.vendors.append(layout.profile.vendor)
    acc.day_orders.append((name, order))
    seen = [r["first_seen"] for r in good if r["first_seen"] is not None]
    acc.add(len(good), len(rejected) + damaged, min(seen, default=None), max(seen, default=None))


def _insert(con: duckdb.DuckDBPyConnection, rows: list[dict], file_id: str, profile: str) -> None:
    if not rows:
        return
    columns = [c for c in HOAX_REGISTER_COLUMNS if c not in ("source_file_id", "profile", "ingested_at")]
    values = []
    for row in rows:
        row = dict(row, region_label=row["region"], keywords=keyword_list(row["keywords"]) or None)
        values.append([row[c] for c in columns])
    con.executemany(
        f"insert into raw.hoax_register ({', '.join(columns)}, source_file_id, profile, ingested_at) "
        f"values ({', '.join('?' for _ in columns)}, ?, ?, now())",
        [[*v, file_id, profile] for v in values],
    )


def ingest_register_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one register file (all members of a ZIP) in one transaction."""
    ensure_pseudonyms(con)
    return ingest_with(con, file, quarantine, _load_member)
