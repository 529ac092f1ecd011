"""`citra build` and `citra demo`: run the `citra_build` job through Dagster, then write the
latest complete month's report.

The CLI runs the same job as the Dagster UI, recorded in the same DAGSTER_HOME, so a run
started from cron shows up in the UI's run history.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from orchestration.cli.output import log_path, output_to
from orchestration.jobs import BUILD_JOB_NAME
from orchestration.settings import apply_defaults, ensure_dagster_home


def paths() -> tuple[Path, Path]:
    apply_defaults()
    return Path(os.environ["CITRA_HOME"]), Path(os.environ["CITRA_WAREHOUSE"])


def build() -> int:
    """Run the `citra_build` job (ingest, dbt build with tests), then write the latest complete
    month's report; 0 on success."""
    import dagster as dg

    from ingestion.errors import WarehouseBusyError
    from ingestion.load import connect
    from orchestration.definitions import load_defs

    ensure_dagster_home()
    home, warehouse = paths()
    try:
        connect(warehouse).close()
    except WarehouseBusyError as exc:
        print(f"citra build did not start: {exc}", file=sys.stderr)
        return 2
    job = load_defs().resolve_job_def(BUILD_JOB_NAME)
    log = log_path(home, "build")
    print(f"Running {BUILD_JOB_NAME} (ingest landing/, then dbt build with tests); log: {log}", flush=True)
    verbosity = {"loggers": {"console": {"config": {"log_level": os.environ.get("CITRA_LOG_LEVEL", "INFO")}}}}
    with dg.DagsterInstance.get() as instance, output_to(log):
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=verbosity)
    from orchestration.summary import headline, ingestion_summary, quality_summary

    if warehouse.exists():
        for line in ingestion_summary(warehouse):
            print(line)
    if not result.success:
        failed = [e for e in result.all_events if e.is_failure]
        print("citra build FAILED.", file=sys.stderr)
        for event in failed:
            print(f"  {event.step_key}: {event.message}", file=sys.stderr)
        print(f"Details: {log}, or the run {result.run_id} in the Dagster UI (make ui).", file=sys.stderr)
        return 1
    print(f"citra build OK (run {result.run_id}).")
    for line in headline(warehouse) + quality_summary(warehouse):
        print(line)
    from orchestration.cli.report import write_latest_report

    if write_latest_report(home, warehouse) != 0:
        return 1
    print(f"Open the Dagster UI: make ui   (then http://127.0.0.1:3000; CITRA_HOME={home})")
    return 0


def demo(mentions: int, seed: int) -> int:
    """Generate the sample exports (once per size and seed) and build everything."""
    home, _ = paths()
    marker = home / "landing" / ".sample"
    wanted = f"mentions={mentions} seed={seed}\n"
    if marker.exists() and marker.read_text() == wanted:
        print(f"Sample exports already in {home / 'landing'}; reusing them.")
    else:
        from sample_data.generate import generate

        summary = generate(home, mentions=mentions, seed=seed, platforms=True)
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(wanted)
        print(
            f"Generated {len(summary.files)} media exports ({summary.unique_mentions:,} mentions) and "
            f"{len(summary.platform_files)} official-account exports in {home / 'landing'}."
        )
    return build()
