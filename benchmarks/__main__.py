"""`python -m benchmarks [--only goals|memory|ingest|report|build|sentiment|amplification|alerts|engines|dashboard|rapor|agenda|hoaxes|fixed] [--big] ...`: run a benchmark and print its table.

Without --only, `make bench` runs the goal table of issue 12 (benchmarks/goals.py): every goal
row with the bare-DuckDB figure measured in the same command. `--only alerts` measures alert
detection and the drop-to-notification latency with `dagster dev` running (issue 15); `--only
dashboard` the dashboard on the sample of `make demo` (issue 28); `--only agenda` times the first
full match of 200 press releases against 1M mentions beside a bare DuckDB read (issue 24);
`--only fixed [--against /work/main]` small builds on a warm home, beside another checkout (issue 26).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from benchmarks import (
    agenda,
    alerts_detect,
    alerts_latency,
    amplification,
    build,
    dashboard,
    engines,
    goals,
    ingest,
    rapor,
    report,
    sentiment,
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only",
        choices=[
            "goals",
            "ingest",
            "report",
            "build",
            "sentiment",
            "amplification",
            "alerts",
            "engines",
            "memory",
            "dashboard",
            "rapor",
            "agenda",
            "hoaxes",
            "fixed",
        ],
        default="goals",
    )
    parser.add_argument("--big", action="store_true", help="goals: also build 10M rows for the peak-memory row")
    parser.add_argument("--sizes", default="1000000,3000000", help="goals: the two build sizes (rows)")
    parser.add_argument("--per-month", type=int, default=10_000, help="goals: mentions per month of the histories")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per export file (ingestion)")
    parser.add_argument("--report-rows", type=int, default=1_000_000, help="mentions in the report's month")
    parser.add_argument(
        "--headlines", type=int, default=1_000_000, help="headlines labelled by the sentiment benchmark"
    )
    parser.add_argument(
        "--mentions",
        type=int,
        action="append",
        help="build: mentions of the 60-month history (repeatable); memory, engines: rows",
    )
    parser.add_argument(
        "--amplification-mentions", type=int, default=1_000_000, help="amplification: mentions under the models"
    )
    parser.add_argument("--root", default="/tmp/citra-engines", help="engines: where the homes go")
    parser.add_argument("--engine-timeout", type=int, default=1800, help="engines: seconds before a build is stopped")
    parser.add_argument("--against", type=Path, help="fixed: another checkout (with its .venv) timed alongside")
    parser.add_argument("--repeats", type=int, default=3, help="fixed: rounds of builds")
    args = parser.parse_args()
    if args.only == "goals":
        first, second = (int(x) for x in args.sizes.split(","))
        goals.main((first, second), big=args.big, per_month=args.per_month)
    elif args.only == "memory":
        goals.memory(args.mentions[0] if args.mentions else 10_000_000)
    elif args.only == "ingest":
        ingest.main(args.rows)
    elif args.only == "report":
        report.main(args.report_rows)
    elif args.only == "alerts":
        alerts_detect.main()
        alerts_latency.main()
    elif args.only == "engines":
        engines.main(args.mentions or [1_000_000], Path(args.root), args.engine_timeout)
    elif args.only == "dashboard":
        dashboard.main(Path(os.environ.get("CITRA_HOME") or "data"))
    elif args.only == "sentiment":
        sentiment.main(args.headlines)
    elif args.only == "agenda":
        agenda.main(args.mentions[0] if args.mentions else 1_000_000)
    elif args.only == "amplification":
        amplification.main(args.amplification_mentions)
    elif args.only == "rapor":
        rapor.main()  # every unit of the last complete month of CITRA_HOME's warehouse (make demo)
    elif args.only == "fixed":
        from benchmarks import fixed

        fixed.main(args.against, args.repeats)
    elif args.only == "hoaxes":
        from benchmarks import hoaxes

        hoaxes.main(args.mentions[0] if args.mentions else 1_000_000)
    else:
        for mentions in args.mentions or [1_000_000]:
            build.main(mentions)


if __name__ == "__main__":
    main()
