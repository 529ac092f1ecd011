"""The pipeline's phases in one process, for the crash-safety test to kill.

``python tests/crash_driver.py HOME PHASES [HOLD]`` runs PHASES (comma-separated: ingest, dbt,
gaps, serve, report) on HOME with the product's own functions. With HOLD (a phase name) the
process stops in the middle of that phase's write, prints ``HOLD <phase>`` and waits to be
killed:
- ingest: the second file's rows are inserted, its transaction is open;
- dbt: fct_mentions is rebuilt, the marts after it are not;
- gaps: marts.dq_gaps is replaced inside its open transaction;
- serve: the first mart is copied into the new serving file, not yet swapped in;
- report: the PDF is half written (its `.part` file), not yet renamed.
Each phase prints ``START <phase>`` before and ``DONE <phase>`` after.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOLD_SECONDS = 120


def signal(text: str) -> None:
    print(text, flush=True)


def hold(phase: str) -> None:
    signal(f"HOLD {phase}")
    time.sleep(HOLD_SECONDS)
    raise SystemExit(f"{phase}: the test should have killed this process by now")


class HoldingConnection:
    """A DuckDB connection that holds after the first statement ``when`` accepts."""

    def __init__(self, con, phase: str, when) -> None:
        self._con, self._phase, self._when = con, phase, when

    def __getattr__(self, name: str):
        return getattr(self._con, name)

    def __enter__(self) -> HoldingConnection:
        return self

    def __exit__(self, *exc) -> None:
        self._con.__exit__(*exc)

    def execute(self, sql: str, *args, **kwargs):
        result = self._con.execute(sql, *args, **kwargs)
        if self._when("execute", sql):
            hold(self._phase)
        return result

    def executemany(self, sql: str, *args, **kwargs):
        result = self._con.executemany(sql, *args, **kwargs)
        if self._when("executemany", sql):
            hold(self._phase)
        return result


def holding_connect(module, phase: str, when) -> None:
    """Make ``module.duckdb.connect`` hand out holding connections."""
    import duckdb

    class Patched:
        def __getattr__(self, name: str):
            return getattr(duckdb, name)

        @staticmethod
        def connect(*args, **kwargs):
            return HoldingConnection(duckdb.connect(*args, **kwargs), phase, when)

    module.duckdb = Patched()


def ingest(home: Path, held: bool) -> None:
    import ingestion.load as load

    if held:
        original, calls = load._load_member, []

        def load_member(*args, **kwargs) -> None:
            original(*args, **kwargs)  # inside the file's transaction
            calls.append(1)
            if len(calls) == 2:
                hold("ingest")

        load._load_member = load_member
    load.ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def dbt_build(home: Path, held: bool) -> None:
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.cli.main import dbtRunner

    def callback(event) -> None:
        if held and event.info.name == "LogModelResult" and event.data.node_info.node_name == "fct_mentions":
            hold("dbt")

    result = dbtRunner(callbacks=[callback]).invoke(
        ["build", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT)]
        + ["--target-path", str(home / "target"), "--log-path", str(home / "logs"), "--quiet"]
    )
    DuckDBConnectionManager.close_all_connections()  # dbt-duckdb keeps the file open in-process
    if not result.success:
        raise SystemExit(f"dbt build failed: {result.exception}")


def gaps(home: Path, held: bool) -> None:
    import quality.gaps as module

    if held:
        holding_connect(module, "gaps", lambda kind, sql: kind == "executemany")
    module.publish_gaps(home / "warehouse.duckdb")


def serve(home: Path, held: bool) -> None:
    import serving.publish as module
    from quality.gaps import DQ_GAPS_COLUMNS

    if held:
        holding_connect(module, "serve", lambda kind, sql: sql.startswith("copy "))
    docs = module.TableDocs("Data-quality findings.", {n: d for n, (_, d) in DQ_GAPS_COLUMNS.items()})
    module.publish(home / "warehouse.duckdb", home / "serving", {"dq_gaps": docs})


def report(home: Path, held: bool) -> None:
    import reporting.render as render
    from ingestion.clock import last_complete_month
    from reporting.monthly import write_monthly_report

    if held:
        original = render.render_pdf

        def render_pdf(html: str, path: Path) -> int:
            original(html, path)  # the PDF is in its .part file
            hold("report")

        render.render_pdf = render_pdf
    write_monthly_report(home / "warehouse.duckdb", home / "reports", last_complete_month())


PHASES = {"ingest": ingest, "dbt": dbt_build, "gaps": gaps, "serve": serve, "report": report}


def run(home: Path, phases: list[str], held: str | None) -> None:
    for phase in phases:
        signal(f"START {phase}")
        PHASES[phase](home, held == phase)
        signal(f"DONE {phase}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    run(Path(sys.argv[1]), sys.argv[2].split(","), sys.argv[3] if len(sys.argv) > 3 else None)
