"""The monthly report from the command line: `citra report --month YYYY-MM`, and the report
that `citra build` writes for the latest complete month once the marts are built."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import dagster as dg

from orchestration.cli.output import log_path, output_to
from orchestration.defs.reporting.assets import REPORT_KEY, REPORT_OP, report_metadata, report_partitions
from orchestration.settings import ensure_dagster_home
from reporting import formatting as fmt
from reporting.config import load_settings
from reporting.model import ReportData
from reporting.monthly import latest_complete_month, write_monthly_report, write_monthly_report_if_changed
from reporting.periods import parse_month


def _route(month: date) -> str | None:
    """How ``month`` is written: its partition key (through Dagster), "direct" for a month
    before the partitions (written without Dagster), or None (with a message) when it cannot be."""
    key = month.isoformat()
    keys = report_partitions().get_partition_keys()
    if key in keys:
        return key
    first = load_settings().first_month
    if keys and key > keys[-1]:
        print(
            f"No report for {month:%Y-%m} yet: the month has not ended in WITA (latest: {keys[-1][:7]}).",
            file=sys.stderr,
        )
        return None
    if first is not None:
        print(f"No report for {month:%Y-%m}: report.yml sets first_month {first:%Y-%m}.", file=sys.stderr)
        return None
    return "direct"


def _write_direct(month: date, home: Path) -> int:
    """A month before the Dagster partitions: write it straight from the warehouse."""
    from orchestration.cli.build import paths

    _, warehouse = paths()
    print(
        f"Writing the report of {fmt.month_name(month)} directly: the Dagster partitions start at "
        f"{report_partitions().get_first_partition_key()[:7]} (set first_month in report.yml to move them).",
        flush=True,
    )
    data, rendered = write_monthly_report(warehouse, home / "reports", month)
    _print_result(month, report_metadata(data, rendered), data)
    return 0


def run_report(month_text: str, email: bool, log: Path, home: Path) -> int:
    """Run the `monthly_report` job for one month through Dagster (same DAGSTER_HOME as the UI)."""
    from orchestration.definitions import load_defs

    try:
        month = parse_month(month_text)
    except ValueError as error:
        print(f"citra report: {error}", file=sys.stderr)
        return 2
    key = _route(month)
    if key is None:
        return 2
    if key == "direct":
        if email:
            print("--email applies to months with a Dagster partition; this report is written only.")
        return _write_direct(month, home)
    job = load_defs().resolve_job_def("monthly_report")
    run_config = {"ops": {REPORT_OP: {"config": {"email": email}}}}
    print(f"Writing the report of {fmt.month_name(month)}; log: {log}", flush=True)
    with dg.DagsterInstance.get() as instance, output_to(log):
        result = job.execute_in_process(
            instance=instance, partition_key=key, run_config=run_config, raise_on_error=False
        )
    if not result.success:
        print(f"citra report FAILED (run {result.run_id}); details: {log}", file=sys.stderr)
        for event in result.all_events:
            if event.is_failure:
                print(f"  {event.step_key}: {event.message}", file=sys.stderr)
        return 1
    for materialization in result.asset_materializations_for_node(REPORT_OP):
        _print_result(month, materialization.metadata)
    return 0


def _print_result(month: date, metadata: dict, data: ReportData | None = None) -> None:
    pdf = metadata["pdf"].value
    print(f"Report {month:%Y-%m} ({fmt.month_name(month)}): {pdf} ({metadata['pages'].value} pages)")
    if not metadata["has_data"].value:
        span = ""
        if data is not None and data.coverage.first:
            span = f"; the warehouse has mentions from {data.coverage.first:%Y-%m} to {data.coverage.last:%Y-%m}"
        print(f"  NO DATA: no mentions for {month:%Y-%m}{span}. The report says so.")
    elif not metadata["complete"].value:
        print("  WARNING: the month's data is incomplete; the report says so on its first page.")


def write_latest_report(home: Path, warehouse: Path) -> int:
    """After `citra build`: write the latest complete month's report and record it as a
    materialization of its partition (no extra run, so a build stays one run in the history).
    A report whose data did not change since it was written is left as it is (no new files,
    no new materialization)."""
    month = latest_complete_month(warehouse)
    if month is None:
        print("No mentions yet: no monthly report written.")
        return 0
    try:
        data, rendered, written = write_monthly_report_if_changed(warehouse, home / "reports", month)
    except Exception as error:  # noqa: BLE001 - the build itself succeeded; say what failed
        print(f"Monthly report {month:%Y-%m} FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    if not written:
        print(f"Monthly report {month:%Y-%m} unchanged (same data since it was written): {rendered.pdf_path}")
        return 0
    metadata = report_metadata(data, rendered)
    if month.isoformat() in report_partitions().get_partition_keys():
        with dg.DagsterInstance.get() as instance:
            instance.report_runless_asset_event(
                dg.AssetMaterialization(
                    asset_key=REPORT_KEY,
                    partition=month.isoformat(),
                    metadata=metadata,
                    description=f"Written by citra build at {datetime.now():%Y-%m-%d %H:%M}",
                )
            )
    _print_result(month, metadata)
    return 0


def report(month: str, email: bool) -> int:
    """`citra report --month YYYY-MM [--email]`: one month's report through Dagster (same
    DAGSTER_HOME as the UI)."""
    from orchestration.cli.build import paths

    ensure_dagster_home()
    home, _ = paths()
    return run_report(month, email, log_path(home, "report"), home)
