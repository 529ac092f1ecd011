"""`python -m benchmarks [--only ingest|report|build|sentiment] [--rows N] [--report-rows N] [--mentions N]`: run the benchmarks and print their tables."""

from __future__ import annotations

import argparse

from benchmarks import build, ingest, report, sentiment


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--only", choices=["ingest", "report", "build", "sentiment"], help="run one benchmark (default: all)"
    )
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per export file (ingestion)")
    parser.add_argument("--report-rows", type=int, default=1_000_000, help="mentions in the report's month")
    parser.add_argument("--headlines", type=int, default=200_000, help="headlines labelled by the sentiment benchmark")
    parser.add_argument(
        "--mentions",
        type=int,
        action="append",
        help="mentions of the build benchmark's 60-month history (repeatable; default 1M and 10M)",
    )
    args = parser.parse_args()
    if args.only in (None, "ingest"):
        ingest.main(args.rows)
    if args.only in (None, "report"):
        report.main(args.report_rows)
    if args.only in (None, "build"):
        for mentions in args.mentions or [1_000_000, 10_000_000]:
            build.main(mentions)
    if args.only in (None, "sentiment"):
        sentiment.main(args.headlines)


if __name__ == "__main__":
    main()
