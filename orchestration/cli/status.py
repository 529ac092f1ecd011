"""`citra status`: is Citra running for real? The daemon's heartbeat, the landing sensor's last
tick, the last successful build, the next monthly report, and the alerts waiting for an answer.

Reads the Dagster instance in DAGSTER_HOME (and the warehouse read-only). Exit status 0 when the
daemon is alive and the sensor ticked recently, 1 otherwise: usable as a health check by a
monitoring system or a systemd timer.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ingestion.memory import open_read_only
from orchestration.constants import BUILD_JOB_NAME
from orchestration.settings import ensure_dagster_home

if TYPE_CHECKING:
    import dagster as dg

SENSOR = "landing_sensor"
STALE_TICK_SECONDS = 300


@dataclass
class Status:
    """What `citra status` found."""

    dagster_home: str
    daemon_alive: bool = False
    daemons: dict[str, str] = field(default_factory=dict)
    sensor_last_tick: str | None = None
    sensor_tick_age_seconds: float | None = None
    sensor_tick_status: str | None = None
    schedule_state: str | None = None
    next_report: str | None = None
    last_build: str | None = None
    last_build_run: str | None = None
    last_run_status: str | None = None
    open_alerts: int | None = None
    undelivered_notifications: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def _iso(timestamp: float | None) -> str | None:
    return (
        None if timestamp is None else datetime.fromtimestamp(timestamp, UTC).astimezone().isoformat(timespec="seconds")
    )


def _instigators(instance: dg.DagsterInstance, kind: object) -> dict[str, object]:
    return {state.instigator_name: state for state in instance.all_instigator_state(instigator_type=kind)}


def _next_report(cron: str, timezone: str) -> str | None:
    from dagster._utils.schedules import cron_string_iterator

    return next(cron_string_iterator(time.time(), cron, timezone)).isoformat(timespec="minutes")


def _alerts(warehouse: Path, status: Status) -> None:
    if not warehouse.exists():
        return
    try:
        with open_read_only(warehouse) as con:
            tables = {
                r[0] for r in con.execute("select schema_name || '.' || table_name from duckdb_tables()").fetchall()
            }
            if "marts.issue_alerts" in tables:
                status.open_alerts = con.execute(
                    "select count(*) from marts.issue_alerts where status = 'open'"
                ).fetchall()[0][0]
            if "raw.alert_notifications" in tables:
                from alerts.outbox import LATEST_SQL

                status.undelivered_notifications = con.execute(
                    f"select count(*) from ({LATEST_SQL}) where outcome in ('failed', 'uncertain', 'claimed')"
                ).fetchall()[0][0]
    except duckdb.IOException:
        pass  # a build holds the warehouse: no alert counts this time


def collect() -> Status:
    """Read the instance and the warehouse."""
    # Dagster and the report schedule (which loads the dbt asset keys) are imported here, not at
    # the top: every `citra` command imports this module to build its parser
    import dagster as dg
    from dagster._core.scheduler.instigation import InstigatorType
    from dagster._core.storage.dagster_run import DagsterRunStatus, RunsFilter

    from orchestration.defs.reporting.schedules import monthly_report_schedule

    home = ensure_dagster_home()
    status = Status(str(home))
    with dg.DagsterInstance.get() as instance:
        for name, daemon in instance.get_daemon_statuses().items():
            beat = daemon.last_heartbeat.timestamp if daemon.last_heartbeat else None
            status.daemons[name] = (
                f"{'alive' if daemon.healthy else 'not running'} (last heartbeat {_iso(beat) or 'never'})"
            )
        status.daemon_alive = bool(status.daemons) and all(v.startswith("alive") for v in status.daemons.values())
        sensor = _instigators(instance, InstigatorType.SENSOR).get(SENSOR)
        if sensor is not None:
            # the last finished tick (SKIPPED, SUCCESS, FAILURE): one still STARTED has no outcome yet
            ticks = instance.get_ticks(sensor.instigator_origin_id, sensor.selector_id, limit=5)
            finished = [t for t in ticks if t.status.value != "STARTED"] or ticks
            if finished:
                status.sensor_last_tick = _iso(finished[0].timestamp)
                status.sensor_tick_age_seconds = round(time.time() - finished[0].timestamp, 1)
                status.sensor_tick_status = finished[0].status.value
        schedule = _instigators(instance, InstigatorType.SCHEDULE).get(monthly_report_schedule.name)
        if schedule is not None:
            status.schedule_state = schedule.status.value
        status.next_report = _next_report(
            monthly_report_schedule.cron_schedule, monthly_report_schedule.execution_timezone
        )
        built = instance.get_runs(RunsFilter(job_name=BUILD_JOB_NAME, statuses=[DagsterRunStatus.SUCCESS]), limit=1)
        if built:
            record = instance.get_run_record_by_id(built[0].run_id)
            status.last_build = _iso(record.end_time if record else None)
            status.last_build_run = built[0].run_id
        latest = instance.get_runs(RunsFilter(job_name=BUILD_JOB_NAME), limit=1)
        status.last_run_status = latest[0].status.value if latest else None
    _alerts(Path(os.environ["CITRA_WAREHOUSE"]), status)
    if not status.daemon_alive:
        status.problems.append("the Dagster daemon is not running: the sensor, the schedule and alerts are stopped")
    if status.sensor_tick_age_seconds is None or status.sensor_tick_age_seconds > STALE_TICK_SECONDS:
        status.problems.append(f"the landing sensor has not ticked in the last {STALE_TICK_SECONDS // 60} minutes")
    if status.last_run_status == "FAILURE":
        status.problems.append("the last build failed: see its run in the Dagster UI")
    return status


def print_status(status: Status) -> None:
    print(f"DAGSTER_HOME      {status.dagster_home}")
    for name, text in sorted(status.daemons.items()):
        print(f"daemon {name:<22} {text}")
    if not status.daemons:
        print("daemon            none has ever run with this DAGSTER_HOME")
    tick = status.sensor_last_tick or "never"
    age = f", {status.sensor_tick_age_seconds:.0f} s ago" if status.sensor_tick_age_seconds is not None else ""
    print(f"landing sensor    last tick {tick}{age} ({status.sensor_tick_status or '-'})")
    print(
        f"monthly report    schedule {status.schedule_state or 'not seen by a daemon yet'}; next {status.next_report or '-'}"
    )
    print(f"last build        {status.last_build or 'never succeeded'} (latest run: {status.last_run_status or '-'})")
    if status.open_alerts is not None:
        print(
            f"alerts            {status.open_alerts} open; {status.undelivered_notifications or 0} notification(s) not delivered"
        )
    print("OK" if status.healthy else "PROBLEMS:\n" + "\n".join(f"  - {p}" for p in status.problems))


def status_command(args: argparse.Namespace) -> int:
    """`citra status [--json]`."""
    found = collect()
    if args.json:
        print(json.dumps({**asdict(found), "healthy": found.healthy}, indent=2))
    else:
        print_status(found)
    return 0 if found.healthy else 1


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="health check: daemon alive, last sensor tick, last build, next report")
    p.add_argument("--json", action="store_true", help="machine-readable output")
