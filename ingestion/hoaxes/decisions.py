"""A person's decisions on the hoax review queue: CSV or XLSX files in ``landing/hoax_decisions/``
into ``raw.hoax_decisions``, through the frame every export shares (registry, one transaction
per file, rejects naming file, row and problem, quarantine).

A row names a mention (``mention_id``, as the review queue shows it), a hoax (``hoax_id``), the
decision - ``spread`` or ``debunk`` (the mention carries the hoax in that role) or ``reject``
(it does not carry that hoax) - who decided and why; Indonesian headers and words work too
(``keputusan``: sebar, bantah, tolak). An optional ``kind`` column must say ``hoax``: the layout
is that of review decisions in general (docs/hoaxes.md). Rows are only ever appended; the
newest decision on a mention wins in dbt (``int_hoax_mentions_decided``).
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from ingestion.clock import WITA
from ingestion.errors import UnreadableFileError
from ingestion.frame import FileOutcome, IngestReport, Loaded
from ingestion.landing import LandedFile
from ingestion.load import ingest_folder, ingest_with
from ingestion.normalize import quote_ident
from ingestion.parse import exact_source
from ingestion.profiles import Profile, normalize_header
from ingestion.readers import sniff
from ingestion.rejects import insert_damaged_lines
from ingestion.sources import close_source

HEADERS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "jenis"),
    "hoax_id": ("hoax_id", "hoax id", "id_hoaks", "id hoaks"),
    "mention_id": ("mention_id", "mention id", "id_mention", "id mention"),
    "decision": ("decision", "keputusan"),
    "decided_by": ("by", "who", "decided_by", "decided by", "oleh", "petugas", "analis"),
    "reason": ("why", "reason", "note", "alasan", "catatan", "keterangan"),
    "decided_at": ("at", "when", "decided_at", "decided at", "waktu", "tanggal"),
}
DECISIONS = {
    "spread": "spread",
    "sebar": "spread",
    "menyebarkan": "spread",
    "penyebaran": "spread",
    "debunk": "debunk",
    "bantah": "debunk",
    "membantah": "debunk",
    "klarifikasi": "debunk",
    "reject": "reject",
    "tolak": "reject",
    "bukan": "reject",
    "unrelated": "reject",
    "tidak terkait": "reject",
}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y")
PROFILE = Profile(
    name="hoax_decisions",
    vendor="analyst",
    description="Decisions on the hoax review queue: mention_id, hoax_id, decision, who, why",
    required=(),
    signature=tuple(h for names in HEADERS.values() for h in names),
    fields=dict(HEADERS),
    date_formats=TIME_FORMATS,
    timezone="Asia/Makassar",
    number_locale="id",
)


def landing_decisions(home: Path) -> Path:
    return home / "landing" / "hoax_decisions"


def _columns(header: list[str], name: str) -> dict[str, str]:
    """Canonical column -> the file's column name; an error naming what is missing."""
    present = {normalize_header(h): h.strip() or h for h in header}
    found = {
        canon: present[normalize_header(alias)]
        for canon, aliases in HEADERS.items()
        for alias in aliases
        if normalize_header(alias) in present
    }
    missing = [c for c in ("mention_id", "hoax_id", "decision", "decided_by") if c not in found]
    if missing:
        raise UnreadableFileError(
            f"{name}: a hoax decisions file needs the columns mention_id, hoax_id, decision and who (oleh); "
            f"missing {', '.join(missing)} in the header {', '.join(repr(h) for h in header)} (docs/hoaxes.md)"
        )
    return found


def _time(text: str) -> datetime | None:
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt).replace(tzinfo=WITA)
        except ValueError:
            continue
    return None


def _check(cells: dict[str, str], file_time: datetime, known: tuple[set[str], set[str]]) -> tuple[dict, list]:
    """The row's values and its problems (column, reason)."""
    mentions, hoaxes = known
    problems = []
    if cells.get("kind") and cells["kind"].strip().lower() not in ("hoax", "hoaks"):
        problems.append(("kind", f"kind '{cells['kind']}' is not hoax: this folder takes decisions on hoaxes only"))
    hoax_id = cells.get("hoax_id", "").strip().upper()
    if not hoax_id:
        problems.append(("hoax_id", "hoax_id is empty: name the hoax the decision is about"))
    elif hoax_id not in hoaxes:
        problems.append(("hoax_id", f"hoax_id '{hoax_id}' is not in the register (landing/hoaxes/)"))
    mention_id = cells.get("mention_id", "").strip()
    if not mention_id:
        problems.append(("mention_id", "mention_id is empty: copy it from marts.hoax_review_queue"))
    elif mention_id not in mentions:
        problems.append(("mention_id", f"no mention with id '{mention_id}' in the warehouse"))
    decision = DECISIONS.get(" ".join(cells.get("decision", "").lower().split()))
    if decision is None:
        problems.append(
            (
                "decision",
                f"decision '{cells.get('decision', '')}' is not spread, debunk or reject (sebar, bantah, tolak)",
            )
        )
    if not cells.get("decided_by"):
        problems.append(("decided_by", "who decided is missing: every decision keeps its author"))
    when = file_time
    if cells.get("decided_at"):
        parsed = _time(cells["decided_at"])
        if parsed is None:
            problems.append(("decided_at", f"time '{cells['decided_at']}' is not a time; expected YYYY-MM-DD HH:MM"))
        else:
            when = parsed
    values = {
        "mention_id": mention_id,
        "hoax_id": hoax_id,
        "decision": decision,
        "decided_by": cells.get("decided_by"),
        "reason": cells.get("reason") or None,
        "decided_at": when,
    }
    return values, problems


def _known(con: duckdb.DuckDBPyConnection, mention_ids: list[str]) -> tuple[set[str], set[str]]:
    mentions = {
        r[0]
        for r in con.execute(
            "select distinct mention_id from raw.media_mentions where list_contains(?, mention_id)", [mention_ids]
        ).fetchall()
    }
    hoaxes = {r[0] for r in con.execute("select distinct hoax_id from raw.hoax_register").fetchall()}
    return mentions, hoaxes


def _load_member(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    """Read, check and append the decisions of one CSV/XLSX."""
    layout = sniff(path, name, (PROFILE,))
    columns = _columns(layout.header, name)
    with TemporaryDirectory(prefix="citra-") as workdir:
        source = exact_source(con, path, layout, Path(workdir), acc.careful)
        try:
            picked = ", ".join(quote_ident(columns[c]) for c in columns)
            result = con.execute(f"select source_row, {picked} from {source.sql} order by source_row", source.params)
            names, raw_rows = [d[0] for d in result.description], result.fetchall()
            damaged = insert_damaged_lines(con, PROFILE, source, layout.delimiter, file_id, name)
        finally:
            close_source(con, layout)
    canon = {v: k for k, v in columns.items()}
    rows = []
    for values in raw_rows:
        cells = {canon[n]: ("" if v is None else str(v).strip()) for n, v in zip(names[1:], values[1:], strict=True)}
        if any(cells.values()):
            rows.append((int(values[0]), cells))
    known = _known(con, [c.get("mention_id", "") for _, c in rows])
    file_time = datetime.fromtimestamp(file.mtime, WITA)
    good, rejected = [], 0
    for number, cells in rows:
        values, problems = _check(cells, file_time, known)
        if problems:
            rejected += 1
            for column, reason in problems:
                con.execute(
                    "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                    [file_id, name, number, column, reason, json.dumps(cells, ensure_ascii=False)],
                )
            if rejected == 1:
                acc.notes.append(f"{name} row {number}: {problems[0][1]}")
            continue
        good.append([*values.values(), file_id, number])
    if good:
        con.executemany(
            "insert into raw.hoax_decisions values (?, ?, ?, ?, ?, ?, ?, ?, now())",
            good,
        )
    if damaged:
        acc.notes.append(f"{name}: {damaged} damaged lines set aside; see raw.ingest_rejects")
    acc.profiles.append(PROFILE.name)
    acc.vendors.append(PROFILE.vendor)
    times = [row[5] for row in good]
    acc.add(len(good), rejected + damaged, min(times, default=None), max(times, default=None))


def ingest_decision_file(con: duckdb.DuckDBPyConnection, file: LandedFile, quarantine: Path) -> FileOutcome:
    """Ingest one decisions file in one transaction."""
    return ingest_with(con, file, quarantine, _load_member)


def ingest_decisions(warehouse: Path, landing: Path, quarantine: Path) -> IngestReport:
    """Ingest every new decisions file under ``landing`` (``landing/hoax_decisions/``)."""
    return ingest_folder(warehouse, landing, partial(ingest_decision_file, quarantine=quarantine))
