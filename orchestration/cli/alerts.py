"""`citra alerts`: list the alerts, acknowledge, close or reopen one, show its history, and
release a notification that was interrupted.

Changes go to raw.alert_events with time and author (the warehouse is opened for writing, with
the same bounded wait as a build), and marts.issue_alerts is published again at once; BI tools
see the change in the serving copy after the next build.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

import duckdb

from alerts.config import load_config
from alerts.events import AlertNotFoundError, Event, parse_time, record, resolve_alert
from alerts.model import WITA
from alerts.outbox import release
from alerts.run import rederive
from alerts.store import create_tables
from ingestion.errors import WarehouseBusyError
from ingestion.load import connect
from ingestion.memory import open_read_only
from orchestration.settings import apply_defaults

LIST_SQL = """
    select alert_id, kind, issue, coalesce(region_code, '-'), coalesce(term, ''),
           strftime(timezone('Asia/Makassar', window_start), '%Y-%m-%d %H:%M'),
           strftime(timezone('Asia/Makassar', window_end), '%H:%M'), negative_mentions, round(baseline, 1),
           severity, status, coalesce(round(response_hours, 1)::varchar, '-')
    from marts.issue_alerts
    where ($status is null or status = $status)
      and ($month is null or date_trunc('month', timezone('Asia/Makassar', window_start))::date = $month)
    order by window_start desc, alert_id
    limit $limit
"""
HEADER = ("id", "kind", "issue", "region", "term", "window (WITA)", "to", "neg", "base", "sev", "status", "resp h")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The `citra alerts ...` subcommands."""
    p = sub.add_parser("alerts", help="list, acknowledge, close or reopen early-warning alerts")
    cmd = p.add_subparsers(dest="alerts_command", required=True)
    lst = cmd.add_parser("list", help="the newest alerts (open ones by default)")
    lst.add_argument("--all", action="store_true", help="every status, not only open alerts")
    lst.add_argument("--status", choices=["open", "acknowledged", "answered", "closed"])
    lst.add_argument("--month", help="only alerts of this month, YYYY-MM")
    lst.add_argument("--limit", type=int, default=50)
    for name, words in (("ack", "acknowledge"), ("close", "close"), ("reopen", "reopen")):
        q = cmd.add_parser(name, help=f"{words} an alert (its id, or the first 6+ characters of it)")
        q.add_argument("alert_id")
        q.add_argument("--by", default=None, help="who does it (default: your login name)")
        q.add_argument("--note", default=None, help="what was done or decided")
        q.add_argument("--at", default=None, help="when, if not now: YYYY-MM-DD HH:MM (WITA)")
    show = cmd.add_parser("show", help="an alert with its headlines and its whole history")
    show.add_argument("alert_id")
    resend = cmd.add_parser("resend", help="let the next build send again a notification that was interrupted")
    resend.add_argument("alert_id")
    resend.add_argument("--channel", choices=["email", "webhook", "telegram"])
    resend.add_argument("--by", default=None)


def _warehouse() -> Path:
    apply_defaults()
    return Path(os.environ["CITRA_WAREHOUSE"])


def _has_alerts(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'marts' and table_name = 'issue_alerts'"
        ).fetchall()[0][0]
    )


def list_alerts(args: argparse.Namespace) -> int:
    warehouse = _warehouse()
    if not warehouse.exists():
        print(f"No warehouse at {warehouse} yet: run `citra build` first.", file=sys.stderr)
        return 2
    status = None if args.all else (args.status or "open")
    month = datetime.strptime(args.month, "%Y-%m").date() if args.month else None
    with open_read_only(warehouse) as con:
        if not _has_alerts(con):
            print("No alerts yet: marts.issue_alerts is built by the next `citra build`.")
            return 0
        rows = con.execute(LIST_SQL, {"status": status, "month": month, "limit": args.limit}).fetchall()
    if not rows:
        print(f"No {status or ''} alerts.".replace("  ", " "))
        return 0
    widths = [max(len(str(v)) for v in column) for column in zip(HEADER, *rows)]
    for row in [HEADER, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(row, widths)).rstrip())
    return 0


def change(args: argparse.Namespace) -> int:
    """ack / close / reopen: one event, then the marts again."""
    actor = (args.by or getpass.getuser()).strip()
    try:
        at = parse_time(args.at) if args.at else datetime.now(WITA)
    except ValueError:
        print(f"--at '{args.at}' is not a date-time; expected e.g. 2025-10-06 14:30", file=sys.stderr)
        return 2
    try:
        con = connect(_warehouse())
    except WarehouseBusyError as error:
        print(f"citra alerts: {error}", file=sys.stderr)
        return 2
    try:
        create_tables(con)
        alert_id = resolve_alert(con, args.alert_id)
        con.execute("begin transaction")
        record(con, Event(alert_id, args.alerts_command, actor, args.note, at, "cli"))
        if _has_alerts(con):
            rederive(con, load_config())
        con.execute("commit")
        status = con.execute("select status from marts.issue_alerts where alert_id = ?", [alert_id]).fetchall()
    except AlertNotFoundError as error:
        print(f"citra alerts: {error}", file=sys.stderr)
        return 2
    finally:
        con.close()
    done = {"ack": "acknowledged", "close": "closed", "reopen": "reopened"}[args.alerts_command]
    print(
        f"Alert {alert_id} {done} by {actor} at {at:%Y-%m-%d %H:%M %Z}; status now: {status[0][0] if status else '?'}."
    )
    return 0


def show_alert(args: argparse.Namespace) -> int:
    with open_read_only(_warehouse()) as con:
        try:
            alert_id = resolve_alert(con, args.alert_id)
        except (AlertNotFoundError, duckdb.CatalogException) as error:
            print(f"citra alerts: {error}", file=sys.stderr)
            return 2
        cursor = con.execute("select * from marts.issue_alerts where alert_id = ?", [alert_id])
        names = [d[0] for d in cursor.description]
        row = dict(zip(names, cursor.fetchall()[0]))
        for line in response_lines(con, row):
            print(line)
        print()
        for name, value in row.items():
            print(f"{name:18} {value}")
        print("\nhistory:")
        for when, what, who, detail in con.execute(
            """select happened_at, action, actor, coalesce(note, '') from raw.alert_events where alert_id = $id
               union all
               select event_at, channel || case purpose when 'notice' then '' else ' ' || purpose end || ' ' || event,
                      coalesce(run_id, ''), coalesce(detail, '')
               from raw.alert_notifications where alert_id = $id
               order by 1""",
            {"id": alert_id},
        ).fetchall():
            print(f"  {when.astimezone(WITA):%Y-%m-%d %H:%M} WITA  {what:18} {who:20} {detail}")
    return 0


def response_lines(con: duckdb.DuckDBPyConnection, row: dict) -> list[str]:
    """How the alert stands: the qualifying response (docs/alerts.md#response-tracking), and the
    other official posts on the issue that did not count."""
    if row.get("first_response_at") is None:
        lines = ["response           not answered yet by a responsible or coordinating official account"]
    else:
        account = row["response_account"]
        platform, _, handle = account.partition("/")
        named = (
            con.execute(
                "select coalesce(agency_name, account_name) from marts.dim_account where platform = ? and account = ?",
                [platform, handle],
            ).fetchall()
            if _has_table(con, "marts", "dim_account")
            else []
        )
        who = f"{named[0][0]} ({account})" if named and named[0][0] else account
        lines = [
            f"response           answered by {who} at {row['first_response_at'].astimezone(WITA):%Y-%m-%d %H:%M} WITA, "
            f"{row['response_hours']:.1f} h after the window started",
            f"                   {row['response_post_url'] or '(no link)'}",
        ]
    others = row.get("other_posts_after") or 0
    lines.append(
        f"other posts        {others} other official post(s) on the issue since the window started did not count "
        "(agency not responsible or coordinating, or the region not named)"
    )
    return lines


def _has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchall()[0][0]
    )


def resend(args: argparse.Namespace) -> int:
    actor = (args.by or getpass.getuser()).strip()
    con = connect(_warehouse())
    try:
        create_tables(con)
        alert_id = resolve_alert(con, args.alert_id)
        released = release(con, alert_id, args.channel, datetime.now(WITA), actor)
    except AlertNotFoundError as error:
        print(f"citra alerts: {error}", file=sys.stderr)
        return 2
    finally:
        con.close()
    if not released:
        print(f"Nothing to resend for {alert_id}: every notification of it was delivered or never claimed.")
        return 0
    print(f"Released {released} notification(s) of {alert_id}: the next build sends them again.")
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch `citra alerts <command>`."""
    if args.alerts_command == "list":
        return list_alerts(args)
    if args.alerts_command == "show":
        return show_alert(args)
    if args.alerts_command == "resend":
        return resend(args)
    return change(args)
