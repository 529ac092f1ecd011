"""`citra build` and `citra demo`: run the `citra_build` job through Dagster, then write the
latest complete month's report.

The CLI runs the same job as the Dagster UI, recorded in the same DAGSTER_HOME, so a run
started from cron shows up in the UI's run history.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from orchestration.cli.output import failed_checks, log_path, output_to
from orchestration.constants import BUILD_JOB_NAME
from orchestration.settings import apply_defaults, ensure_dagster_home


def paths() -> tuple[Path, Path]:
    apply_defaults()
    return Path(os.environ["CITRA_HOME"]), Path(os.environ["CITRA_WAREHOUSE"])


def nothing_new(home: Path, warehouse: Path) -> dict | None:
    """The last build's stamp when nothing is new since (serving/stamp.py), else None."""
    from orchestration.settings import build_sources
    from serving.stamp import up_to_date

    return up_to_date(warehouse, home / "landing", home / "serving", build_sources())


def print_up_to_date(home: Path, warehouse: Path, stamp: dict) -> int:
    """`citra build` with nothing new: no run, no dbt; the summary of the warehouse as it is."""
    from orchestration.summary import headline, ingestion_summary, quality_summary

    print(
        f"Nothing new since the last build ({stamp.get('built_at', '?')} UTC, run {stamp.get('run_id', '?')}): "
        "every file in landing/ is already ingested and the dbt project, quality rules, sentiment.yml and the shipped model are unchanged; "
        "nothing rebuilt."
    )
    for line in ingestion_summary(warehouse):
        print(line)
    print("citra build OK (nothing new).")
    for line in headline(warehouse) + quality_summary(warehouse):
        print(line)
    reports = sorted((home / "reports").glob("*/laporan_*.pdf"))
    if not reports:
        from orchestration.cli.report import write_latest_report

        return write_latest_report(home, warehouse)
    print(f"Latest report: {reports[-1]}")
    return 0


def build() -> int:
    """Run the `citra_build` job (ingest, dbt build with tests), then write the latest complete
    month's report; 0 on success. With nothing new since the last build, run nothing."""
    ensure_dagster_home()
    home, warehouse = paths()
    stamp = nothing_new(home, warehouse)
    if stamp is not None:
        return print_up_to_date(home, warehouse, stamp)

    import dagster as dg

    from ingestion.errors import WarehouseBusyError
    from ingestion.load import connect
    from orchestration.cli.progress import BuildProgress, StepEventHandler
    from orchestration.definitions import load_defs
    from orchestration.progress import listening

    try:
        connect(warehouse).close()
    except WarehouseBusyError as exc:
        print(f"citra build did not start: {exc}", file=sys.stderr)
        return 2
    job = load_defs().resolve_job_def(BUILD_JOB_NAME)
    log = log_path(home, "build")
    print(f"Running {BUILD_JOB_NAME} (ingest landing/, then dbt build with tests); log: {log}", flush=True)
    level = os.environ.get("CITRA_LOG_LEVEL", "INFO")
    run_config = {"loggers": {"console": {"config": {"log_level": level}}, "citra_progress": {}}}
    started = time.perf_counter()
    with dg.DagsterInstance.get() as instance, output_to(log) as terminal:
        progress = BuildProgress(terminal, len(job.graph.nodes), live=terminal.isatty())
        step_logger = logging.Logger("citra.progress", logging.DEBUG)
        step_logger.addHandler(StepEventHandler(progress))
        job = job.with_logger_defs(
            {
                "console": dg.colored_console_logger,
                "citra_progress": dg.LoggerDefinition(lambda _: step_logger, description="citra build progress"),
            }
        )
        with progress, listening(progress.on_progress):
            result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=run_config)
    run_seconds = time.perf_counter() - started
    from orchestration.summary import alert_summary, headline, ingestion_summary, quality_summary

    if warehouse.exists():
        for line in ingestion_summary(warehouse):
            print(line)
    if not result.success:
        failed = [e for e in result.all_events if e.is_failure]
        print("citra build FAILED; serving/ and reports/ keep the last good build.", file=sys.stderr)
        for line in failed_checks(result):
            print(line, file=sys.stderr)
        for event in failed:
            print(f"  {event.step_key}: {event.message}", file=sys.stderr)
        print(f"Details: {log}, or the run {result.run_id} in the Dagster UI (make ui).", file=sys.stderr)
        return 1
    print(f"citra build OK (run {result.run_id}).")
    for line in headline(warehouse) + quality_summary(warehouse) + alert_summary(warehouse):
        print(line)
    from orchestration.cli.report import write_latest_report

    started = time.perf_counter()
    if write_latest_report(home, warehouse) != 0:
        return 1
    print(f"Took {run_seconds:.1f} s for the run, {time.perf_counter() - started:.1f} s for the report.")
    if (home / "dashboard" / "site" / "index.html").exists():
        print(f"Dashboard: {home / 'dashboard' / 'site' / 'index.html'} (citra dashboard serve; docs/dashboard.md)")
    print(f"Open the Dagster UI: make ui   (then http://127.0.0.1:3000; CITRA_HOME={home})")
    return 0


def demo(mentions: int, seed: int) -> int:
    """Generate the sample exports (once per size, seed and last month), build everything, and
    write the latest complete month's rapor kehumasan of every unit."""
    from ingestion.clock import last_complete_month

    home, _ = paths()
    marker = home / "landing" / ".sample"
    wanted = f"mentions={mentions} seed={seed} last_month={last_complete_month():%Y-%m}\n"
    if marker.exists() and marker.read_text() == wanted:
        print(f"Sample exports already in {home / 'landing'}; reusing them.")
    else:
        from sample_data.generate import generate

        summary = generate(
            home, mentions=mentions, seed=seed, platforms=True, asn=True, labels=True, releases=True, hoaxes=True
        )
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(wanted)
        print(
            f"Generated {len(summary.files)} media exports ({summary.unique_mentions:,} mentions, "
            f"{summary.first_month:%Y-%m} to {summary.last_month:%Y-%m}), "
            f"{len(summary.platform_files)} official-account exports, {len(summary.asn['roster_files'])} ASN "
            f"rosters and {len(summary.asn['files'])} exports of ASN posts in {home / 'landing'}."
        )
    code = build()
    if code == 0:
        from orchestration.cli.rapor import write_latest_rapor

        write_latest_rapor(home)
    return code
