"""The two steps a build runs, each one call: ``refresh`` (read landing/alerts/, detect, publish
the marts) and ``notify`` (claim, send, record, publish the outcomes). Both open the warehouse
through ``ingestion.load.connect`` (one writer at a time, with a bounded wait)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from alerts.channels import Channel
from alerts.detect import detect
from alerts.events import load_events_csv
from alerts.model import WITA, Alert
from alerts.outbox import Delivery, claim, due, record_outcomes, send_with_retries
from alerts.publish import DETECTED_COLUMNS, derive_marts, load_detected
from alerts.store import create_tables, record_detections
from alerts.stored import names, read_alerts
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
    finally:
        con.close()
    return Refreshed(alerts, new_ids, files, detected - started, published - detected)


def rederive(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> None:
    """Publish the marts again from their current detections (after an event or a send), in the
    caller's transaction."""
    con.execute(
        f"create or replace temp table _detected as select {', '.join(DETECTED_COLUMNS)} "
        "from marts.issue_alerts where still_detected"
    )
    derive_marts(con, cfg)


def notify(
    warehouse: Path, channels: list[Channel], cfg: dict[str, Any], now: datetime, run_id: str | None = None
) -> list[Delivery]:
    """Send what is due on every configured channel; the warehouse is not held during sends."""
    by_name = {c.name: c for c in channels}
    con = connect(warehouse)
    try:
        create_tables(con)
        claimed = claim(con, due(con, sorted(by_name), cfg["notify"], now), now, run_id)
        alerts = {a.alert_id: a for a in read_alerts(con, sorted({a for a, _, _ in claimed}))} if claimed else {}
        display = names(con)
    finally:
        con.close()
    deliveries = [
        send_with_retries(by_name[channel], alerts[alert_id], display, cfg["notify"], attempt)
        for alert_id, channel, attempt in claimed
    ]
    if deliveries:
        con = connect(warehouse)
        try:
            con.execute("begin transaction")
            record_outcomes(con, deliveries, datetime.now(WITA), run_id)
            rederive(con, cfg)
            con.execute("commit")
        finally:
            con.close()
    return deliveries
