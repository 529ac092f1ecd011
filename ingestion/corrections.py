"""Analysts' label corrections: CSV or XLSX files in ``landing/corrections/`` into
``raw.label_corrections``, through the frame every export shares (``ingest_with``: the file
registry, one transaction per file, rejects naming file, row and problem, quarantine).

A row names a mention (its ``mention_id`` as in ``fct_mentions``, or its URL), a corrected
sentiment and/or issue, who corrected it and why; English or Indonesian headers. A URL or
reason that names a private person (``x.com/<handle>/status/1``, an @mention) is kept with the
handle replaced by its pseudonym, and a URL is matched in that form: the form in which
``raw.media_mentions`` keeps it, so a link copied from the platform still finds its mention. Rows are
only ever appended, with their time and author: the newest correction of a mention wins in
dbt, and the earlier ones stay as its history. A row whose mention is not in the warehouse,
or whose label or issue is unknown, is set aside in ``raw.ingest_rejects``; the rest of the
file still loads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

import duckdb

from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile, list_landing_files
from ingestion.load import IngestReport, Loaded, connect, ingest_with
from ingestion.normalize import quote_ident
from ingestion.parse import exact_source
from ingestion.profiles import Profile, normalize_header
from ingestion.pseudonyms import hidden_texts
from ingestion.readers import sniff
from ingestion.rejects import insert_damaged_lines
from ingestion.sources import close_source
from issues.taxonomy import issue_codes, label_key
from sentiment.labelled import LABELS, standard_label

WITA = ZoneInfo("Asia/Makassar")

# canonical column -> accepted header names (compared case-insensitively)
HEADERS: dict[str, tuple[str, ...]] = {
    "mention_id": ("mention_id", "mention id", "id_mention", "id mention"),
    "url": ("url", "tautan", "link"),
    "sentiment": ("sentiment", "sentimen", "corrected_sentiment", "sentimen_koreksi", "sentimen koreksi"),
    "issue": ("issue", "isu", "corrected_issue", "isu_koreksi", "isu koreksi"),
    "corrected_by": ("who", "corrected_by", "corrected by", "analyst", "oleh", "dikoreksi_oleh", "analis", "petugas"),
    "reason": ("why", "reason", "note", "alasan", "catatan", "keterangan"),
    "corrected_at": ("time", "corrected_at", "corrected at", "when", "waktu", "tanggal_koreksi", "tanggal koreksi"),
}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")

PROFILE = Profile(
    name="label_corrections",
    vendor="analyst",
    description="Analysts' label corrections: mention_id or url, sentiment and/or issue, who, why",
    required=(),
    signature=tuple(h for names in HEADERS.values() for h in names),
    fields={k: v for k, v in HEADERS.items()},
    date_formats=TIME_FORMATS,
    timezone="Asia/Makassar",
    number_locale="id",
)


def landing_corrections(home: Path) -> Path:
    return home / "landing" / "corrections"


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    problems: list[tuple[str, str]]


def _columns(header: list[str], name: str) -> dict[str, str]:
    """Canonical column -> the file's column name; an error naming what is missing."""
    present = {normalize_header(h): h.strip() or h for h in header}
    found = {
        canon: present[normalize_header(alias)]
        for canon, aliases in HEADERS.items()
        for alias in aliases
        if normalize_header(alias) in present
    }
    missing = []
    if "mention_id" not in found and "url" not in found:
        missing.append("mention_id (or url)")
    if "sentiment" not in found and "issue" not in found:
        missing.append("sentiment (or issue)")
    if "corrected_by" not in found:
        missing.append("who (oleh)")
    if missing:
        raise UnreadableFileError(
            f"{name}: a corrections file needs the columns {', '.join(missing)}; the header has "
            f"{', '.join(repr(h) for h in header)} (see docs/sentiment.md, Corrections)"
        )
    return found


KEPT_AS_TYPED = ("corrected_by", "corrected_at")  # the analyst's own name (accountability), times


def _parse_time(text: str) -> datetime | None:
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=WITA)
        except ValueError:
            continue
    return None


def _check(row: _Row, file_time: datetime) -> dict[str, object] | None:
    """The row's values, or None with its problems listed."""
    c = row.cells
    mention_id, url = c.get("mention_id", ""), c.get("url", "")
    if not mention_id and not url:
        row.problems.append(("mention_id", "no mention_id and no url: name the mention to correct"))
    sentiment = None
    if c.get("sentiment"):
        sentiment = standard_label(c["sentiment"])
        if sentiment is None:
            row.problems.append(
                (
                    "sentiment",
                    f"sentiment {c['sentiment']!r} is not one of {', '.join(LABELS)} (or positif, netral, negatif)",
                )
            )
    issue = None
    if c.get("issue"):
        issue = issue_codes().get(label_key(c["issue"]))
        if issue is None:
            row.problems.append(
                ("issue", f"issue {c['issue']!r} is not in the taxonomy (dbt_project/seeds/issues.csv)")
            )
    if not c.get("sentiment") and not c.get("issue"):
        row.problems.append(("sentiment", "neither a sentiment nor an issue: nothing to correct"))
    if not c.get("corrected_by"):
        row.problems.append(("corrected_by", "who corrected it is missing: every correction keeps its author"))
    when = file_time
    if c.get("corrected_at"):
        parsed = _parse_time(c["corrected_at"])
        if parsed is None:
            row.problems.append(
                ("corrected_at", f"time {c['corrected_at']!r} is not a time; expected YYYY-MM-DD HH:MM")
            )
        else:
            when = parsed
    if row.problems:
        return None
    return {
        "mention_id": mention_id,
        "url": url or None,
        "sentiment": sentiment,
        "issue": issue,
        "corrected_by": c["corrected_by"],
        "reason": c.get("reason") or None,
        "corrected_at": when,
    }


def _mentions(con: duckdb.DuckDBPyConnection, column: str, values: list[str]) -> dict[str, list[str]]:
    """value -> the mention ids with that mention_id or url (column from a fixed list)."""
    if column not in ("mention_id", "url") or not values:
        return {}
    rows = con.execute(
        f"select distinct {column}, mention_id from raw.media_mentions where list_contains(?, {column}) order by 2",
        [sorted(set(values))],
    ).fetchall()
    found: dict[str, list[str]] = {}
    for value, mention in rows:
        found.setdefault(value, []).append(mention)
    return found


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Read, check and append the corrections of one CSV/XLSX."""
    layout = sniff(path, name, (PROFILE,))
    columns = _columns(layout.header, name)
    with TemporaryDirectory(prefix="citra-") as workdir:
        # damaged lines (a stray quote, a NUL) are set aside by row; the rest of the file loads
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
    file_time = datetime.fromtimestamp(file.mtime, WITA)
    rows = []
    for values in raw_rows:
        cells = {canon[n]: ("" if v is None else str(v).strip()) for n, v in zip(names[1:], values[1:])}
        if any(cells.values()):
            rows.append(_Row(int(values[0]), cells, []))
    # a URL or reason may name a private person: checked, matched, stored and quoted hidden
    hidden = hidden_texts(con, {v for row in rows for c, v in row.cells.items() if c not in KEPT_AS_TYPED})
    for row in rows:
        row.cells = {c: v if c in KEPT_AS_TYPED else hidden.get(v, v) for c, v in row.cells.items()}
    checked = [(row, _check(row, file_time)) for row in rows]
    by_id = _mentions(con, "mention_id", [v["mention_id"] for _, v in checked if v and v["mention_id"]])
    by_url = _mentions(con, "url", [v["url"] for _, v in checked if v and not v["mention_id"]])
    inserts = []
    for row, values in checked:
        if values is None:
            continue
        if values["mention_id"]:
            matched, ids = "mention_id", by_id.get(values["mention_id"], [])
            if not ids:
                row.problems.append(("mention_id", f"no mention with id {values['mention_id']!r} in the warehouse"))
        else:
            matched, ids = "url", by_url.get(values["url"], [])
            if not ids:
                row.problems.append(("url", f"no mention with url {values['url']!r} in the warehouse"))
        inserts += [{**values, "mention_id": mention, "matched_on": matched, "row": row.number} for mention in ids]
    for item in inserts:
        con.execute(
            """insert into raw.label_corrections
               values ($mention_id, $matched_on, $url, $sentiment, $issue, $corrected_by, $reason, $corrected_at,
                       $file_id, $row, now())""",
            {**{k: v for k, v in item.items()}, "file_id": file_id},
        )
    rejected = [row for row in rows if row.problems]
    for row in rejected:
        for column, reason in row.problems:
            con.execute(
                "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                [file_id, name, row.number, column, reason, json.dumps(row.cells, ensure_ascii=False)],
            )
    if rejected:
        first = rejected[0]
        more = f" (and {len(rejected) - 1} more rows)" if len(rejected) > 1 else ""
        acc.notes.append(f"{name} row {first.number}: {first.problems[0][1]}{more}")
    acc.profiles.append(PROFILE.name)
    acc.vendors.append(PROFILE.vendor)
    times = [i["corrected_at"] for i in inserts]
    if damaged:
        acc.notes.append(f"{name}: {damaged} damaged lines set aside; see raw.ingest_rejects")
    acc.add(len(rows) - len(rejected), len(rejected) + damaged, min(times, default=None), max(times, default=None))


def ingest_corrections(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new corrections file under ``landing`` (``landing/corrections/``)."""
    report = IngestReport()
    con = connect(warehouse)
    try:
        for file in list_landing_files(landing):
            report.outcomes.append(ingest_with(con, file, quarantine, _load_member))
    finally:
        con.close()
    return report
