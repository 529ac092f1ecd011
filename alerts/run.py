"""The steps a build runs, each one call: ``refresh`` (read landing/alerts/, detect, publish
the marts) and ``notify`` (claim, send, record, publish the outcomes of the first notices); and
``remind``, which the hourly reminder schedule runs (and each build after ``notify``). All open
the warehouse through ``ingestion.load.connect`` (one writer at a time, with a bounded wait).
``now`` is injected: the same clock decides what is due and dates the outcomes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from alerts.channels import Channel
from alerts.detect import detect
from alerts.due import DUE
from alerts.events import load_events_csv
from alerts.model import WITA, Alert
from alerts.outbox import Delivery, claim, record_outcomes, send_with_retries
from alerts.publish import DETECTED_COLUMNS, derive_marts, load_detected
from alerts.responses import unknown_agencies
from alerts.store import create_tables, record_detections
from alerts.stored import names, notices
from ingestion.errors import UnreadableFileError
from ingestion.landing import LandedFile, list_landing_files
from ingestion.load import FileOutcome, IngestReport, Loaded, connect, ingest_with


@dataclass
class Refreshed:
    """What one refresh found."""

    alerts: list[Alert]
    new_ids: list[str]
    files: IngestReport = field(default_factory=IngestReport)
    detect_seconds: float = 0.0
    publish_seconds: float = 0.0
    unknown_agencies: list[str] = field(default_factory=list)


def _load_alert_file(
    con: duckdb.DuckDBPyConnection, path: Path, name: str, file: LandedFile, file_id: str, acc: Loaded
) -> None:
    if path.suffix.lower() != ".csv":
        raise UnreadableFileError(f"{name}: alert changes come as a CSV file (alert_id,action,by,note,at)")
    loaded, rejected = load_events_csv(con, path, name, file_id, datetime.fromtimestamp(file.mtime, WITA))
    acc.profiles.append("alert_events")
    acc.add(loaded, rejected, None, None)


def ingest_alert_files(con: duckdb.DuckDBPyConnection, landing: Path, quarantine: Path) -> IngestReport:
    """Record the changes in every new CSV of landing/alerts/ (registered in raw.ingest_files, so
    a file counts once, also under another name)."""
    report = IngestReport()
    for file in list_landing_files(landing):
        outcome: FileOutcome = ingest_with(con, file, quarantine, _load_alert_file)
        report.outcomes.append(outcome)
    return report


def refresh(
    warehouse: Path,
    landing: Path,
    quarantine: Path,
    cfg: dict[str, Any],
    now: datetime,
    run_id: str | None = None,
) -> Refreshed:
    """Read alert changes from ``landing``, detect every alert, record the new ones and replace
    marts.issue_alerts and marts.mart_response_monthly."""
    con = connect(warehouse)
    try:
        con.execute("set enable_progress_bar = false")
        create_tables(con)
        files = ingest_alert_files(con, landing, quarantine)
        started = time.perf_counter()
        alerts = detect(con, cfg, now)
        detected = time.perf_counter()
        con.execute("begin transaction")
        new_ids = record_detections(con, alerts, now, run_id)
        load_detected(con, alerts)
        derive_marts(con, cfg)
        con.execute("commit")
        published = time.perf_counter()
        unknown = unknown_agencies(con, cfg["response"])
    finally:
        con.close()
    return Refreshed(alerts, new_ids, files, detected - started, published - detected, unknown)


def rederive(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> None:
    """Publish the marts again from their current detections (after an event or a send), in the
    caller's transaction."""
    con.execute(
        f"create or replace temp table _detected as select {', '.join(DETECTED_COLUMNS)} "
        "from marts.issue_alerts where still_detected"
    )
    derive_marts(con, cfg)


def deliver(
    warehouse: Path,
    channels: list[Channel],
    cfg: dict[str, Any],
    now: datetime,
    run_id: str | None = None,
    purpose: str = "notice",
) -> list[Delivery]:
    """Send what is due for ``purpose`` (notice or reminder) on every configured channel; the
    warehouse is not held during sends. Outcomes are dated ``now`` plus the time the sends took."""
    started = time.perf_counter()
    by_name = {c.name: c for c in channels}
    con = connect(warehouse)
    try:
        create_tables(con)
        if not _has_mart(con):
            return []
        claimed = claim(con, DUE[purpose](con, sorted(by_name), cfg["notify"], now), now, run_id)
        messages = notices(con, claimed)
        display = names(con)
    finally:
        con.close()
    deliveries = [
        send_with_retries(by_name[c.channel], messages[c], display, cfg["notify"], c.attempt) for c in claimed
    ]
    if deliveries:
        con = connect(warehouse)
        try:
            con.execute("begin transaction")
            record_outcomes(con, deliveries, now + timedelta(seconds=time.perf_counter() - started), run_id)
            rederive(con, cfg)
            con.execute("commit")
        finally:
            con.close()
    return deliveries


def notify(
    warehouse: Path, channels: list[Channel], cfg: dict[str, Any], now: datetime, run_id: str | None = None
) -> list[Delivery]:
    """The first notice of every alert that is due (alerts/due.py), once per channel."""
    return deliver(warehouse, channels, cfg, now, run_id, "notice")


def remind(
    warehouse: Path, channels: list[Channel], cfg: dict[str, Any], now: datetime, run_id: str | None = None
) -> list[Delivery]:
    """One reminder per channel of every alert still unanswered and unacknowledged
    ``notify.remind_after_hours`` after its notice (alerts/due.py)."""
    return deliver(warehouse, channels, cfg, now, run_id, "reminder")


def _has_mart(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'marts' and table_name = 'issue_alerts'"
        ).fetchall()[0][0]
    )
