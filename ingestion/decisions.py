"""Staff decisions on the pairs of every Citra review queue: ``landing/decisions/`` (CSV or
XLSX, English or Indonesian headers) into ``raw.review_decisions``, through the frame every
export shares (registry, one transaction per file, rejects naming file, row and problem,
quarantine).

A decisions file is its own kind of file, not the label-corrections layout: each row says
which queue (``kind``), which subject (a release: its ``release_id`` or URL; a hoax: its
``hoax_id``), which mention (``mention_id`` or URL), the decision (confirm or reject: *ya*/*benar*,
*tidak*/*bukan*), who and why. A queue that asks for a role takes it in the decision itself or
in the ``label`` (*peran*) column: on the hoax queue ``spread``/*sebar* and ``debunk``/*bantah*
confirm the pair in that role (stored as decision confirm, label spread or debunk), ``reject``/
*tolak* says the mention does not carry that hoax. Rows are appended with their time and author;
dbt takes the newest decision per kind, subject and mention (``int_review_decisions_latest``).
A row naming an unknown kind, subject or mention, or a confirm without the role its queue needs,
is set aside in ``raw.ingest_rejects``; the other rows of the file load.

New queues register a kind in ``KINDS`` (the table and columns that resolve its subject, and
the roles it asks for). ``landing/hoax_decisions/``, the hoax desk's folder before it shared
this one, is still read (``LEGACY_FOLDERS``): its files have no kind column and are hoax
decisions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory
from zoneinfo import ZoneInfo

import duckdb

from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile
from ingestion.load import FileOutcome, IngestReport, Loaded, ingest_folder, ingest_with
from ingestion.normalize import quote_ident
from ingestion.parse import exact_source
from ingestion.profiles import Profile, normalize_header
from ingestion.readers import sniff
from ingestion.rejects import insert_damaged_lines
from ingestion.sources import close_source
from matching.urls import url_key

WITA = ZoneInfo("Asia/Makassar")


@dataclass(frozen=True)
class Kind:
    """A review queue: its subjects live in ``raw.<table>``, named by ``id_column`` or by a URL
    whose key (``matching.urls``) is in ``url_column``."""

    table: str
    id_column: str
    url_column: str | None
    what: str
    upper_id: bool = False  # ids are upper case (hoax ids): a subject written in lower case matches
    roles: dict[str, str] | None = None  # word -> role, when the queue asks for one (a confirm needs it)


# the hoax queue's roles: the mention spreads the claim or debunks it (docs/hoaxes.md)
HOAX_ROLES = {"spread": "spread", "sebar": "spread", "menyebarkan": "spread", "penyebaran": "spread",
              "debunk": "debunk", "bantah": "debunk", "membantah": "debunk", "bantahan": "debunk",
              "klarifikasi": "debunk"}  # fmt: skip
KINDS: dict[str, Kind] = {
    "release_pickup": Kind("releases", "release_id", "url_key", "release"),
    "hoax": Kind("hoax_register", "hoax_id", None, "hoax", upper_id=True, roles=HOAX_ROLES),
}
KIND_ALIASES = {"release_pickup": "release_pickup", "pickup": "release_pickup", "rilis": "release_pickup",
                "siaran_pers": "release_pickup", "siaran pers": "release_pickup",
                "hoax": "hoax", "hoaks": "hoax", "hoax_desk": "hoax"}  # fmt: skip
CONFIRM = {"confirm", "confirmed", "yes", "y", "true", "ya", "benar", "betul", "terima", "setuju", "cocok"}
REJECT = {"reject", "rejected", "no", "n", "false", "tidak", "bukan", "salah", "tolak", "tidak cocok",
          "unrelated", "tidak terkait"}  # fmt: skip
HEADERS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "jenis", "antrean"),
    "subject": (
        "subject",
        "subject_id",
        "release_id",
        "release",
        "release_url",
        "id_rilis",
        "rilis",
        "subjek",
        "hoax_id",
        "hoax id",
        "id_hoaks",
        "id hoaks",
        "hoaks",
    ),  # fmt: skip
    "mention_id": ("mention_id", "mention id", "id_mention", "id mention"),
    "mention_url": ("mention_url", "url", "tautan", "link"),
    "decision": ("decision", "keputusan", "putusan"),
    "label": ("label", "peran", "role"),
    "decided_by": ("who", "by", "decided_by", "decided by", "oleh", "analis", "petugas", "diputuskan_oleh"),
    "reason": ("why", "reason", "note", "alasan", "catatan", "keterangan"),
    "decided_at": ("time", "at", "decided_at", "decided at", "when", "waktu", "tanggal"),
}
# Folders of an older Citra still read, with the kind their files (no kind column) decide on
LEGACY_FOLDERS: dict[str, str] = {"hoax_decisions": "hoax"}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")
PROFILE = Profile(
    name="review_decisions",
    vendor="staff",
    description="Review decisions: kind, subject (release_id or URL, hoax_id), mention_id or URL, decision, who, why",
    required=(),
    signature=tuple(h for names in HEADERS.values() for h in names),
    fields=dict(HEADERS),
    date_formats=TIME_FORMATS,
    timezone="Asia/Makassar",
    number_locale="id",
)


def _columns(header: list[str], name: str, default_kind: str | None) -> dict[str, str]:
    present = {normalize_header(h): h for h in header}
    found = {
        c: present[normalize_header(a)] for c, names in HEADERS.items() for a in names if normalize_header(a) in present
    }
    missing = [
        label
        for label, ok in (
            ("kind (jenis)", "kind" in found or default_kind is not None),
            ("subject (release_id or its URL, hoax_id)", "subject" in found),
            ("mention_id (or url)", "mention_id" in found or "mention_url" in found),
            ("decision (keputusan)", "decision" in found),
            ("who (oleh)", "decided_by" in found),
        )
        if not ok
    ]
    if missing:
        raise UnreadableFileError(
            f"{name}: a decisions file needs the columns {', '.join(missing)}; the header has "
            f"{', '.join(repr(h) for h in header)} (see docs/agenda.md, Review decisions)"
        )
    return found


def _time(text: str, fallback: datetime) -> datetime | None:
    if not text:
        return fallback
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=WITA)
        except ValueError:
            continue
    return None


def _resolve(con: duckdb.DuckDBPyConnection, kind: Kind, value: str) -> str | None:
    """The subject's id from its id or URL (table and columns come from ``KINDS``)."""
    value = value.upper() if kind.upper_id else value
    found = con.execute(
        f"select {kind.id_column} from raw.{kind.table} where {kind.id_column} = ? limit 1", [value]
    ).fetchall()
    if not found and kind.url_column and url_key(value):
        found = con.execute(
            f"select {kind.id_column} from raw.{kind.table} where {kind.url_column} = ? limit 1", [url_key(value)]
        ).fetchall()
    return found[0][0] if found else None


def _mention(con: duckdb.DuckDBPyConnection, mention_id: str, url: str) -> list[str]:
    if mention_id:
        rows = con.execute("select distinct mention_id from raw.media_mentions where mention_id = ?", [mention_id])
    else:
        rows = con.execute("select distinct mention_id from raw.media_mentions where url = ? order by 1", [url])
    return [r[0] for r in rows.fetchall()]


def _decision(kind: Kind | None, cells: dict[str, str]) -> tuple[str | None, str | None, list[tuple[str, str]]]:
    """(decision confirm or reject, label, problems) of one row: a role of the queue written as
    the decision confirms the pair in that role; a queue with roles needs one on a confirm."""
    said = " ".join(cells.get("decision", "").lower().split())
    label = cells.get("label") or None
    roles = kind.roles if kind else None
    if roles and said in roles:
        return "confirm", roles[said], []
    decision = "confirm" if said in CONFIRM else "reject" if said in REJECT else None
    if decision is None:
        expected = "spread (sebar), debunk (bantah) or reject (tolak)" if roles else "confirm (ya) nor reject (tidak)"
        either = "not" if roles else "neither"
        return None, None, [("decision", f"decision {cells.get('decision', '')!r} is {either} {expected}")]
    if not roles:
        return decision, label, []
    if decision == "reject":
        return decision, None, []
    role = roles.get(" ".join((label or "").lower().split()))
    if role is None:
        what = f"role {label!r} is not" if label else "it needs its role:"
        return None, None, [("label", f"a confirmed {kind.what} decision: {what} spread (sebar) or debunk (bantah)")]
    return decision, role, []


def _check(
    con: duckdb.DuckDBPyConnection, cells: dict[str, str], file_time: datetime, default_kind: str | None
) -> tuple[list, list]:
    """(rows to insert, problems) of one line of the file."""
    problems: list[tuple[str, str]] = []
    given = cells.get("kind", "").lower() or (default_kind or "")
    kind_code = KIND_ALIASES.get(given, given)
    kind = KINDS.get(kind_code)
    if kind is None:
        problems.append(("kind", f"kind {cells.get('kind', '')!r} is not a review queue; expected {', '.join(KINDS)}"))
    elif default_kind and kind_code != default_kind:
        problems.append(
            (
                "kind",
                f"kind {cells.get('kind', '')!r} is not {default_kind}: this folder takes {default_kind} decisions only",
            )
        )
    decision, label, wrong = _decision(kind, cells)
    problems += wrong
    if not cells.get("decided_by"):
        problems.append(("decided_by", "who decided is missing: every decision keeps its author"))
    when = _time(cells.get("decided_at", ""), file_time)
    if when is None:
        problems.append(("decided_at", f"time {cells['decided_at']!r} is not a time; expected YYYY-MM-DD HH:MM"))
    subject = _resolve(con, kind, cells.get("subject", "")) if kind and cells.get("subject") else None
    if kind and subject is None:
        problems.append(("subject", f"no {kind.what} {cells.get('subject', '')!r} in the warehouse"))
    mentions = _mention(con, cells.get("mention_id", ""), cells.get("mention_url", ""))
    if not mentions:
        named = cells.get("mention_id") or cells.get("mention_url") or ""
        problems.append(("mention_id", f"no mention {named!r} in the warehouse"))
    if problems:
        return [], problems
    extra = [label, cells["decided_by"], cells.get("reason") or None, when]
    return [[kind_code, subject, mention, decision, *extra] for mention in mentions], []


def _load_member(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    name: str,
    file: LandedFile,
    file_id: str,
    acc: Loaded,
    default_kind: str | None = None,
) -> None:
    layout = sniff(path, name, (PROFILE,))
    columns = _columns(layout.header, name, default_kind)
    with TemporaryDirectory(prefix="citra-") as workdir:
        source = exact_source(con, path, layout, Path(workdir), acc.careful)
        try:
            picked = ", ".join(quote_ident(columns[c]) for c in columns)
            cursor = con.execute(f"select source_row, {picked} from {source.sql} order by source_row", source.params)
            lines = cursor.fetchall()
            damaged = insert_damaged_lines(con, PROFILE, source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    file_time = datetime.fromtimestamp(file.mtime, WITA)
    loaded, rejected, first_problem = 0, 0, None
    for line in lines:
        cells = {c: ("" if v is None else str(v).strip()) for c, v in zip(columns, line[1:])}
        if not any(cells.values()):
            continue
        rows, problems = _check(con, cells, file_time, default_kind)
        for row in rows:
            con.execute(
                "insert into raw.review_decisions values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
                [*row, file_id, line[0]],
            )
        for column, reason in problems:
            con.execute(
                "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                [file_id, name, line[0], column, reason, json.dumps(cells, ensure_ascii=False)],
            )
        loaded, rejected = loaded + bool(rows), rejected + bool(problems)
        first_problem = first_problem or (f"{name} row {line[0]}: {problems[0][1]}" if problems else None)
    if first_problem:
        acc.notes.append(first_problem + (f" (and {rejected - 1} more rows)" if rejected > 1 else ""))
    if damaged:
        acc.notes.append(f"{name}: {damaged} damaged lines set aside; see raw.ingest_rejects")
    acc.profiles.append(PROFILE.name)
    acc.vendors.append(PROFILE.vendor)
    acc.add(loaded, rejected + damaged, None, None)


def ingest_decision_file(
    con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path, default_kind: str | None = None
) -> FileOutcome:
    """Ingest one decisions file in one transaction; ``default_kind`` is the kind of a file of a
    legacy folder (``LEGACY_FOLDERS``), whose rows need no kind and may name no other."""
    return ingest_with(con, file, quarantine, partial(_load_member, default_kind=default_kind))


def ingest_decisions(warehouse: Path, landing: Path, quarantine: Path, default_kind: str | None = None) -> IngestReport:
    """Ingest every new decisions file under ``landing`` (``landing/decisions/``, or a legacy
    folder with the kind its files decide on)."""
    return ingest_folder(
        warehouse, landing, partial(ingest_decision_file, quarantine=quarantine, default_kind=default_kind)
    )
