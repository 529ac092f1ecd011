"""`citra rapor MONTH [--unit CODE ...] [--send] [--resend CODE]`: write the month's rapor
kehumasan of every unit (or some) on demand, send them once, or release one for sending again.

The rapor is read from the warehouse (opened read-only) and written to
`CITRA_HOME/reports/YYYY-MM/rapor/<unit>.pdf|.html`, without a Dagster run (the monthly schedule
writes and sends it as `reports/rapor_kehumasan`).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

from orchestration.settings import apply_defaults


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rapor", help="write (and send) the monthly rapor kehumasan of every agency and region")
    p.add_argument("month", help="the month, YYYY-MM (e.g. 2025-10)")
    p.add_argument("--unit", action="append", help="only this unit: an agency code or region code (repeatable)")
    p.add_argument("--send", action="store_true", help="email each unit's rapor to its contact, once (CITRA_SMTP_*)")
    p.add_argument("--resend", metavar="CODE", help="let the next --send send this unit's rapor again")


def run(args: argparse.Namespace) -> int:
    from ingestion.clock import WITA
    from reporting.delivery import smtp_settings
    from reporting.periods import parse_month
    from scorecard.run import UnknownUnitError, send_rapors, write_rapors

    apply_defaults()
    home, warehouse = Path(os.environ["CITRA_HOME"]), Path(os.environ["CITRA_WAREHOUSE"])
    try:
        month = parse_month(args.month)
    except ValueError as error:
        print(f"citra rapor: {error}", file=sys.stderr)
        return 2
    if not warehouse.exists():
        print(f"citra rapor: no warehouse at {warehouse}; run `citra build` first", file=sys.stderr)
        return 2
    if args.resend:
        return _resend(warehouse, month, args.resend)
    try:
        done = write_rapors(warehouse, home / "reports", month, args.unit)
    except UnknownUnitError as error:
        print(f"citra rapor: {error}", file=sys.stderr)
        return 2
    if not done.rendered:
        print(f"No rapor for {month:%Y-%m}: the warehouse has no scorecard for that month (run `citra build`).")
        return 1
    for rendered in done.rendered:
        pages = "" if rendered.pages == 1 else f" ({rendered.pages} pages)"
        print(f"{rendered.pdf_path}{pages}")
    print(f"{len(done.rendered)} rapor written in {done.seconds:.1f} s")
    if not args.send:
        return 0
    # each rapor goes to its unit's contact; the placeholder lets the server settings be checked
    settings = smtp_settings({**os.environ, "CITRA_REPORT_RECIPIENTS": "rapor@citra.invalid"})
    if settings is None:
        print("citra rapor: SMTP is not configured (CITRA_SMTP_HOST): nothing sent", file=sys.stderr)
        return 2
    deliveries = send_rapors(warehouse, done, settings, datetime.now(WITA), None)
    for d in deliveries:
        print(f"{d.unit}: {d.outcome} ({d.detail})")
    print(f"{sum(d.outcome == 'sent' for d in deliveries)} sent; units already sent this month are not sent again")
    return 0 if all(d.outcome == "sent" for d in deliveries) else 1


def _resend(warehouse: Path, month: object, unit: str) -> int:
    from ingestion.clock import WITA
    from ingestion.load import connect
    from scorecard.outbox import release

    con = connect(warehouse)
    try:
        released = release(con, month, unit, datetime.now(WITA), getpass.getuser())
    finally:
        con.close()
    if not released:
        print(
            f"citra rapor: the rapor of {unit} for {month:%Y-%m} is not waiting to be resent (sent, or never claimed)"
        )
        return 1
    print(f"The rapor of {unit} for {month:%Y-%m} will be sent by the next `citra rapor {month:%Y-%m} --send`.")
    return 0


def write_latest_rapor(home: Path) -> None:
    """After `citra demo`: every unit's rapor of the latest complete month (the schedule writes
    and sends it in production); a failure is reported, never fatal to the demo."""
    from ingestion.clock import last_complete_month
    from scorecard.run import write_rapors

    month = last_complete_month()
    try:
        done = write_rapors(Path(os.environ["CITRA_WAREHOUSE"]), home / "reports", month)
    except Exception as error:  # noqa: BLE001 - the build itself succeeded; say what failed
        print(f"Rapor kehumasan {month:%Y-%m} FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return
    if done.rendered:
        folder = done.rendered[0].pdf_path.parent
        print(f"Rapor kehumasan {month:%Y-%m}: {len(done.rendered)} units in {folder} ({done.seconds:.1f} s)")
