"""`citra`: build the warehouse through Dagster, write monthly reports, generate sample data, open the UI.

The CLI runs the same job as the Dagster UI, recorded in the same DAGSTER_HOME, so a run
started from cron shows up in the UI's run history.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from orchestration.settings import REPO_ROOT, apply_defaults, ensure_dagster_home


def _paths() -> tuple[Path, Path]:
    apply_defaults()
    return Path(os.environ["CITRA_HOME"]), Path(os.environ["CITRA_WAREHOUSE"])


@contextmanager
def output_to(log_path: Path) -> Iterator[None]:
    """Send this process's and its children's stdout/stderr (dbt's progress) to a log file."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log_path.open("ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def build() -> int:
    """Run the `citra_build` job (ingest, dbt build with tests), then write the latest complete
    month's report; 0 on success."""
    import dagster as dg

    ensure_dagster_home()
    home, warehouse = _paths()
    from ingestion.errors import WarehouseBusyError
    from ingestion.load import connect
    from orchestration.definitions import defs

    try:
        connect(warehouse).close()
    except WarehouseBusyError as exc:
        print(f"citra build did not start: {exc}", file=sys.stderr)
        return 2
    job = defs.resolve_job_def("citra_build")
    log_path = home / "logs" / f"citra_build_{datetime.now():%Y%m%d_%H%M%S}.log"
    print(f"Running citra_build (ingest landing/, then dbt build with tests); log: {log_path}", flush=True)
    verbosity = {"loggers": {"console": {"config": {"log_level": os.environ.get("CITRA_LOG_LEVEL", "INFO")}}}}
    with dg.DagsterInstance.get() as instance, output_to(log_path):
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
        print(f"Details: {log_path}, or the run {result.run_id} in the Dagster UI (make ui).", file=sys.stderr)
        return 1
    print(f"citra build OK (run {result.run_id}).")
    for line in headline(warehouse) + quality_summary(warehouse):
        print(line)
    from orchestration.reports import write_latest_report

    if write_latest_report(home, warehouse) != 0:
        return 1
    print(f"Open the Dagster UI: make ui   (then http://127.0.0.1:3000; CITRA_HOME={home})")
    return 0


def demo(mentions: int, seed: int) -> int:
    """Generate the sample exports (once per size and seed) and build everything."""
    home, _ = _paths()
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


def report(month: str, email: bool) -> int:
    """Write one month's report through Dagster (`monthly_report` job, same instance as the UI)."""
    ensure_dagster_home()
    home, _ = _paths()
    from orchestration.reports import report_log_path, run_report

    return run_report(month, email, report_log_path(home))


def ui(host: str, port: int) -> int:
    """Start the Dagster UI on localhost (put authentication in front before exposing it)."""
    ensure_dagster_home()
    args = ["dagster", "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", host, "-p", str(port)]
    os.execvp(args[0], args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="citra", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="ingest new exports and build all marts (through Dagster)")
    demo_p = sub.add_parser("demo", help="generate sample exports into CITRA_HOME, then build")
    demo_p.add_argument("--mentions", type=int, default=60_000)
    demo_p.add_argument("--seed", type=int, default=42)
    report_p = sub.add_parser("report", help="write the monthly report (PDF and HTML) of one month")
    report_p.add_argument("--month", required=True, help="the month, YYYY-MM (e.g. 2024-10)")
    report_p.add_argument("--email", action="store_true", help="also email it (needs CITRA_SMTP_* settings)")
    ui_p = sub.add_parser("ui", help="start the Dagster UI (127.0.0.1:3000 by default)")
    ui_p.add_argument("--host", default="127.0.0.1")
    ui_p.add_argument("--port", type=int, default=3000)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        return build()
    if args.command == "demo":
        return demo(args.mentions, args.seed)
    if args.command == "report":
        return report(args.month, args.email)
    return ui(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
