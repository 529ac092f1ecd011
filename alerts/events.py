"""Acknowledge, close and reopen alerts: from `citra alerts ...` or from a CSV in landing/alerts/.

Every change is one row of ``raw.alert_events`` (append-only) with its time, its author and
where it came from, so an alert's history can always be read back. A CSV file has one change per
row (``alert_id, action, by, note, at``; Indonesian headers ``id_peringatan, tindakan, oleh,
catatan, waktu`` work too); a bad row is set aside in ``raw.ingest_rejects`` with its reason,
and the other rows still count.
"""

from __future__ import annotations

import csv
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from alerts.model import WITA
from ingestion.errors import UnreadableFileError

ACTIONS = {
    "ack": "ack",
    "acknowledge": "ack",
    "acknowledged": "ack",
    "terima": "ack",
    "diterima": "ack",
    "close": "close",
    "closed": "close",
    "tutup": "close",
    "selesai": "close",
    "reopen": "reopen",
    "buka": "reopen",
    "buka kembali": "reopen",
}
HEADERS = {
    "alert_id": "alert_id",
    "id": "alert_id",
    "id_peringatan": "alert_id",
    "action": "action",
    "tindakan": "action",
    "by": "by",
    "oleh": "by",
    "note": "note",
    "catatan": "note",
    "at": "at",
    "waktu": "at",
}


class AlertNotFoundError(ValueError):
    """The id names no alert, or more than one."""


@dataclass(frozen=True)
class Event:
    alert_id: str
    action: str  # ack | close | reopen
    actor: str
    note: str | None
    at: datetime
    source: str


def resolve_alert(con: duckdb.DuckDBPyConnection, text: str) -> str:
    """The full id of the alert ``text`` names (its id, or a unique start of it, 6+ characters)."""
    prefix = text.strip().lower()
    if len(prefix) < 6:
        raise AlertNotFoundError(
            f"alert id '{text}' is too short; give at least 6 characters (see `citra alerts list`)"
        )
    ids = [
        r[0]
        for r in con.execute(
            "select alert_id from raw.alert_detections where starts_with(alert_id, ?) order by 1", [prefix]
        ).fetchall()
    ]
    if not ids:
        raise AlertNotFoundError(f"no alert has the id '{text}' (see `citra alerts list`)")
    if len(ids) > 1:
        raise AlertNotFoundError(f"'{text}' starts {len(ids)} alert ids ({', '.join(ids[:5])}); give more of it")
    return ids[0]


def parse_time(text: str) -> datetime:
    """An ISO date or date-time; without an offset it is WITA."""
    value = datetime.fromisoformat(text.strip().replace(" ", "T", 1))
    return value if value.tzinfo else value.replace(tzinfo=WITA)


def record(con: duckdb.DuckDBPyConnection, event: Event, event_id: str | None = None) -> None:
    """Append one change to raw.alert_events."""
    con.execute(
        "insert into raw.alert_events values (?, ?, ?, ?, ?, ?, ?, now())",
        [
            event_id or uuid.uuid4().hex,
            event.alert_id,
            event.action,
            event.actor,
            event.note,
            event.at,
            event.source,
        ],
    )


def _row_event(con: duckdb.DuckDBPyConnection, row: dict[str, str], default_at: datetime, source: str) -> Event:
    """The change a CSV row asks for; raises ValueError('column: reason') when it cannot be."""
    action = ACTIONS.get((row.get("action") or "").strip().lower())
    if action is None:
        raise ValueError(f"action: '{row.get('action') or ''}' is not one of ack, close, reopen (terima, tutup, buka)")
    actor = (row.get("by") or "").strip()
    if not actor:
        raise ValueError("by: say who made the change (a name)")
    try:
        alert = resolve_alert(con, row.get("alert_id") or "")
    except AlertNotFoundError as error:
        raise ValueError(f"alert_id: {error}") from None
    at = default_at
    if (row.get("at") or "").strip():
        try:
            at = parse_time(row["at"])
        except ValueError:
            raise ValueError(f"at: '{row['at']}' is not a date-time; expected e.g. 2025-10-06 14:30") from None
    return Event(alert, action, actor, (row.get("note") or "").strip() or None, at, source)


def load_events_csv(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file_id: str, file_time: datetime
) -> tuple[int, int]:
    """Record the changes of one CSV from landing/alerts/; return (rows recorded, rows set aside)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [HEADERS.get(h.strip().lower(), h.strip().lower()) for h in next(reader, [])]
            missing = [c for c in ("alert_id", "action", "by") if c not in header]
            if missing:
                raise UnreadableFileError(
                    f"{name}: the header lacks {', '.join(missing)}; expected alert_id,action,by,note,at"
                )
            rows = list(reader)
    except UnicodeDecodeError:
        raise UnreadableFileError(f"{name}: not UTF-8 text; save it as CSV UTF-8") from None
    loaded = rejected = 0
    for number, cells in enumerate(rows, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = dict(zip(header, cells))
        try:
            event = _row_event(con, row, file_time, f"landing/alerts/{name}")
        except ValueError as error:
            column, _, reason = str(error).partition(": ")
            con.execute(
                "insert into raw.ingest_rejects values (?, ?, ?, ?, ?, ?, now())",
                [file_id, name, number, column, f"{name} row {number}: {reason}", json.dumps(row, ensure_ascii=False)],
            )
            rejected += 1
            continue
        record(con, event, hashlib.sha256(f"{file_id}:{number}".encode()).hexdigest()[:32])
        loaded += 1
    return loaded, rejected
