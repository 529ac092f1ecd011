"""Load release files from ``landing/releases/`` into ``raw.releases``, one file per transaction.

The frame is media ingestion's (``ingestion.load.ingest_folder``, ``ingestion.frame.ingest_with``):
a file already in the registry (by content) is skipped, bad rows go to ``raw.ingest_rejects``
with file, row, column and reason, damaged CSV lines are set aside, a file that cannot be read
moves to ``quarantine/``. Templates (CSV/XLSX) are typed in DuckDB (``template``), feeds
(``.xml``) in Python (``feeds``). A release without an issue gets the one the issue suggester
finds in its title and lead (``issues``: the seed ``issue_keywords``), kept apart from a given
issue. Every row is appended: dbt keeps one row per ``release_id``.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache, partial
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from ingestion.dates import future_params
from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile, export_date_of
from ingestion.load import FileOutcome, IngestReport, Loaded, ingest_folder, ingest_with
from ingestion.parse import parse_file
from ingestion.profiles import Profile, load_profiles
from ingestion.readers import sniff
from ingestion.rejects import damage_note, insert_damaged_lines, insert_rejects
from ingestion.releases.feeds import parse_feed
from ingestion.releases.keys import folder_agency, release_id
from ingestion.releases.template import build_template_table
from ingestion.schema import RELEASE_COLUMNS
from ingestion.sources import close_source
from issues.keywords import KeywordMatcher
from issues.suggest import Suggester
from issues.taxonomy import issue_codes, issue_keywords, label_key
from matching.documents import lead_of
from matching.urls import url_key

PROFILE_DIR = Path(__file__).parent / "profiles"
WITA = ZoneInfo("Asia/Makassar")
SUMMARY = """count(*) filter (where len(problems) = 0), count(*) filter (where len(problems) > 0),
    min(published_at) filter (where len(problems) = 0), max(published_at) filter (where len(problems) = 0)"""


def release_profiles() -> tuple[Profile, ...]:
    """The template layouts (English and Indonesian headers)."""
    return load_profiles(PROFILE_DIR)


@cache
def _suggester() -> Suggester:
    return Suggester(KeywordMatcher(issue_keywords()))


def suggest_issues(texts: list[str]) -> list[tuple[str | None, float | None]]:
    """(issue, confidence) per text from the issue suggester's keywords; (None, None) without a hit."""
    return [(s.issue, s.confidence) if s else (None, None) for s in _suggester().suggest(texts)]


def ingest_releases(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new file under ``landing`` (``landing/releases/``)."""
    return ingest_folder(warehouse, landing, partial(ingest_release_file, quarantine=quarantine))


def ingest_release_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one release file (a template, or a feed) in one transaction."""
    return ingest_with(con, file, quarantine, _load_member)


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    if path.suffix.lower() == ".xml":
        _load_feed(con, path, name, file, file_id, acc)
    else:
        _load_template(con, path, name, file, file_id, acc)


def _load_template(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    layout = sniff(path, name, release_profiles())
    agency = folder_agency(file.name)
    with TemporaryDirectory(prefix="citra-") as workdir:
        try:
            parsed = parse_file(
                con,
                path,
                layout,
                Path(workdir),
                lambda source, order, forms: build_template_table(
                    con, layout.profile, source, file_id, export_date_of(file), agency, order, forms
                ),
                name,
                SUMMARY,
                {},
                acc.careful,
            )
            todo = con.execute(
                "select source_row, title || ' ' || coalesce(lead, body, '') from _parsed"
                " where len(problems) = 0 and issue is null order by source_row"
            ).fetchall()
            suggested = suggest_issues([t for _, t in todo])
            con.register(
                "_suggested",
                pa.table(
                    {
                        "row": [r for r, _ in todo],
                        "issue": pa.array([s for s, _ in suggested], pa.string()),
                        "confidence": pa.array([c for _, c in suggested], pa.float64()),
                    }
                ),
            )
            con.execute(
                """update _parsed set issue_suggested = s.issue, issue_suggested_confidence = s.confidence
                   from _suggested s where _parsed.source_row = s.row"""
            )
            con.unregister("_suggested")
            columns = ", ".join(RELEASE_COLUMNS)
            con.execute(f"insert into raw.releases ({columns}) select {columns} from _parsed where len(problems) = 0")
            loaded, rejected, first, last = parsed.summary
            if rejected:
                insert_rejects(con, layout.profile, parsed.source, file_id, name)
            damaged = insert_damaged_lines(con, layout.profile, parsed.source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    acc.profiles.append(layout.profile.name)
    acc.vendors.append(layout.profile.vendor)
    acc.day_orders.append((name, parsed.day_order))
    acc.add(loaded, rejected + damaged, first, last)
    if damaged:
        acc.notes.append(damage_note(con, name, damaged))
    con.execute("drop table _parsed")


def _issue_of(categories: list[str]) -> str | None:
    """The first feed category that names an issue of the taxonomy (WordPress categories)."""
    codes = issue_codes()
    return next((codes[label_key(c)] for c in categories if label_key(c) in codes), None)


def _load_feed(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    agency = folder_agency(file.name)
    if agency is None:
        raise UnreadableFileError(
            f"{name}: a feed names no agency; put it in landing/releases/<agency_code>/ (an agency_code of "
            "dbt_project/seeds/agencies.csv, e.g. landing/releases/dinkes_kalsel/feed.xml)"
        )
    feed = parse_feed(path.read_bytes(), name)
    limit = future_params()["future_limit"]
    for item in feed.items:
        if item.published_at is not None and item.published_at >= limit:
            item.problems.append(("pubDate", f"date {item.raw_date!r} is in the future; check the feed"))
    good = [i for i in feed.items if not i.problems]
    suggested = suggest_issues([f"{i.title} {i.summary or lead_of(i.body)}" for i in good])
    export_date, now = export_date_of(file), datetime.now().astimezone()
    rows = []
    for item, (suggestion, confidence) in zip(good, suggested):
        key = url_key(item.link)
        wita_day = item.published_at.astimezone(WITA).date()
        issue = _issue_of(item.categories)
        rows.append(
            {
                "release_id": release_id(key, agency, wita_day, item.title),
                "url": item.link,
                "url_key": key,
                "published_at": item.published_at,
                "title": item.title,
                "lead": item.summary or lead_of(item.body) or None,
                "body": item.body or None,
                "agency_code": agency,
                "agency_source": "folder",
                "issue": issue,
                "issue_label": next((c for c in item.categories if _issue_of([c])), None),
                "campaign": None,
                "issue_suggested": None if issue else suggestion,
                "issue_suggested_confidence": None if issue else confidence,
                "source_kind": feed.kind,
                "export_date": export_date,
                "source_file_id": file_id,
                "source_row": item.number,
                "profile": feed.kind,
                "ingested_at": now,
            }
        )
    if rows:
        con.register("_feed_rows", pa.Table.from_pylist(rows))
        columns = ", ".join(RELEASE_COLUMNS)
        con.execute(f"insert into raw.releases ({columns}) select {columns} from _feed_rows")
        con.unregister("_feed_rows")
    bad = [i for i in feed.items if i.problems]
    for item in bad:
        raw = json.dumps({"title": item.title, "link": item.link, "date": item.raw_date}, ensure_ascii=False)
        for column, reason in item.problems:
            con.execute(
                "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                [file_id, name, item.number, column, reason, raw],
            )
    if bad:
        more = f" (and {len(bad) - 1} more items)" if len(bad) > 1 else ""
        acc.notes.append(f"{name} item {bad[0].number}: {bad[0].problems[0][1]}{more}")
    acc.profiles.append(feed.kind)
    acc.vendors.append("releases")
    times = [r["published_at"] for r in rows]
    acc.add(len(rows), len(bad), min(times, default=None), max(times, default=None))
