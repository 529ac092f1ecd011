"""Load landed platform exports into ``raw.platform_posts`` and ``raw.platform_account_daily``.

The rules are those of media ingestion (``ingestion/load.py``), whose registry, rejects and
quarantine this module shares: a file's identity is the SHA-256 of its bytes (a re-drop or a
renamed copy is a no-op), each file (all members of a ZIP) loads in one transaction, bad rows
go to ``raw.ingest_rejects`` and an unreadable file moves to ``quarantine/``.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.errors import UnreadableFileError
from ingestion.frame import FileOutcome, IngestReport, Loaded, ingest_with
from ingestion.landing import LandedFile, export_date_of
from ingestion.load import FileDone, ingest_folder
from ingestion.parse import parse_file
from ingestion.platforms.accounts import ACCOUNT_SEED, account_hint, fallback_warning, platform_of, range_end
from ingestion.platforms.normalize import FileContext, build_parsed_table, effective_profile
from ingestion.platforms.profiles import PlatformProfile, load_platform_profiles
from ingestion.pseudonyms import ensure_pseudonyms
from ingestion.readers import Layout, sniff
from ingestion.rejects import damage_note, insert_damaged_lines, insert_rejects
from ingestion.schema import PLATFORM_ACCOUNT_DAILY_COLUMNS, PLATFORM_POST_COLUMNS
from ingestion.sources import close_source

log = logging.getLogger(__name__)

TARGETS = {
    "posts": ("raw.platform_posts", PLATFORM_POST_COLUMNS, "published_at"),
    "account_daily": (
        "raw.platform_account_daily",
        PLATFORM_ACCOUNT_DAILY_COLUMNS,
        "timezone('Asia/Makassar', date::timestamp)",
    ),
}


def ingest_platforms(
    warehouse: Path,
    landing: Path,
    quarantine: Path,
    accounts: Path = ACCOUNT_SEED,
    on_file: FileDone | None = None,
) -> IngestReport:
    """Ingest every new export under ``landing`` (``landing/platform/[<account>/]``)."""
    return ingest_folder(
        warehouse, landing, partial(ingest_platform_file, quarantine=quarantine, accounts=accounts), on_file
    )


def _metric_of(layout: Layout, profile: PlatformProfile, name: str) -> str | None:
    """The field a one-metric file fills, from the title above its header (Meta page files)."""
    if not profile.metrics:
        return None
    titles = [c.strip() for row in layout.preamble for c in row if c.strip()]
    title = titles[-1] if titles else ""
    if title.lower() not in profile.metrics:
        known = ", ".join(sorted({t.title() for t in profile.metrics})[:8])
        raise UnreadableFileError(
            f"{name}: metric '{title}' above the header is not known; expected one of "
            f"{known}, ... (add it under metrics: in {profile.name}.yml)"
        )
    return profile.metrics[title.lower()]


def _load_member(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    file: LandedFile,
    file_id: str,
    acc: Loaded,
    accounts: Path = ACCOUNT_SEED,
) -> None:
    """Sniff, read, normalize and insert one CSV/XLSX (a file, or a member of a ZIP)."""
    layout = sniff(path, name, load_platform_profiles())
    profile = layout.profile
    acc.profiles.append(profile.name)
    acc.vendors.append(profile.vendor)
    if not isinstance(profile, PlatformProfile) or profile.table == "skip":
        acc.notes.append(f"{name}: {profile.description}")
        return
    profile = effective_profile(profile, _metric_of(layout, profile, name))
    platform = platform_of(name, profile)
    hint = account_hint(name, profile, platform, accounts)
    export_date = export_date_of(file)
    ctx = FileContext(file_id, export_date, platform, hint, range_end(name, export_date))
    table, columns, when = TARGETS[profile.table]
    with TemporaryDirectory(prefix="citra-") as workdir:
        try:
            parsed = parse_file(
                con,
                path,
                layout,
                Path(workdir),
                lambda source, order, forms: build_parsed_table(con, profile, source, ctx, order, forms),
                name,
                f"""count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
                    min({when}), max({when}), count(*) filter (where account = $fallback),
                    min_by(source_row::varchar || ': ' || problems[1].reason, source_row)
                        filter (where len(problems) > 0)""",
                {"fallback": hint.fallback},
                acc.careful,
            )
            source = parsed.source
            names = ", ".join(columns)
            con.execute(f"insert into {table} ({names}) select {names} from _parsed where len(problems) = 0")
            loaded, rejected, first, last, unnamed, problem = parsed.summary
            if rejected:
                insert_rejects(con, profile, source, file_id, name)
            damaged = insert_damaged_lines(con, profile, source, layout.delimiter, file_id, name, hint.account)
            if damaged:
                acc.notes.append(damage_note(con, name, damaged))
            con.execute("drop table _parsed")
        finally:
            close_source(con, layout)
    if unnamed and hint.account is None:
        acc.notes.append(fallback_warning(name, hint.fallback))
    if rejected:
        acc.notes.append(f"{name} row {problem}" + (f" (and {rejected - 1} more rows)" if rejected > 1 else ""))
    acc.day_orders.append((name, parsed.day_order))
    acc.add(loaded, rejected + damaged, first, last)


def ingest_platform_file(
    con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path, accounts: Path = ACCOUNT_SEED
) -> FileOutcome:
    """Ingest one file (all members of a ZIP) in one transaction, as media files are."""
    ensure_pseudonyms(con)
    return ingest_with(con, file, quarantine, partial(_load_member, accounts=accounts))
