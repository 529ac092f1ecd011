"""One call that writes a month's rapor for every unit (or some), and one that sends them once,
shared by the Dagster asset and `citra rapor`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

from ingestion.load import connect
from ingestion.memory import open_read_only
from reporting.config import load_settings
from reporting.delivery import SmtpSettings
from reporting.quotes import has_table
from scorecard import outbox
from scorecard.mail import for_contact, send_rapor
from scorecard.rapor.data import read_rapors
from scorecard.rapor.model import Rapor
from scorecard.rapor.render import RaporRenderer, RenderedRapor


@dataclass(frozen=True)
class RaporRun:
    """What one month's rendering wrote, and how long it took."""

    month: date
    rapors: list[Rapor]
    rendered: list[RenderedRapor]
    seconds: float


class UnknownUnitError(ValueError):
    """A unit asked for is not in the month's scorecard."""


def write_rapors(warehouse: Path, reports_dir: Path, month: date, units: list[str] | None = None) -> RaporRun:
    """Read the month (warehouse read-only) and write `reports/YYYY-MM/rapor/<unit>.pdf|.html`;
    nothing while the warehouse has no scorecard yet."""
    started = time.perf_counter()
    settings = load_settings()
    with open_read_only(warehouse) as con:
        built = has_table(con, "marts", "mart_humas_scorecard")
        rapors = read_rapors(con, month, units, office=(settings.office_short, settings.office_region)) if built else []
    missing = sorted(set(units or []) - {r.unit for r in rapors})
    if missing:
        raise UnknownUnitError(
            f"no rapor for {', '.join(missing)} in {month:%Y-%m}: not an agency code (agencies.csv) or region code "
            "(regions.csv), or the month has no scorecard (months with data only)"
        )
    renderer = RaporRenderer()
    rendered = [renderer.write(rapor, reports_dir) for rapor in rapors]
    return RaporRun(month, rapors, rendered, time.perf_counter() - started)


def send_rapors(
    warehouse: Path, run: RaporRun, settings: SmtpSettings, now: datetime, run_id: str | None
) -> list[outbox.Delivery]:
    """Claim, send and record each unit's rapor that has a contact and was not sent yet."""
    by_unit = {r.unit: r for r in run.rapors}
    files = {f.unit: f for f in run.rendered}
    contacts = {r.unit: r.contact_email for r in run.rapors if r.contact_email and r.unit in files}
    con = connect(warehouse)
    try:
        outbox.create_table(con)
        claimed = outbox.claim(con, run.month, outbox.due(con, run.month, sorted(contacts)), contacts, now, run_id)
    finally:
        con.close()
    deliveries = [
        outbox.send_with_retries(
            partial(
                send_rapor,
                by_unit[unit],
                files[unit],
                for_contact(settings, contacts[unit]),
                outbox.TIMEOUT_SECONDS,
            ),
            unit,
            attempt,
        )
        for unit, attempt in sorted(claimed.items())
    ]
    con = connect(warehouse)
    try:
        outbox.record(con, run.month, deliveries, datetime.now(now.tzinfo), run_id)
    finally:
        con.close()
    return deliveries
