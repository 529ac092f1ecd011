"""`python -m benchmarks [--only ingest|report] [--rows N] [--report-rows N]`: run the benchmarks and print their tables."""

from __future__ import annotations

import argparse

from benchmarks import ingest, report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--only", choices=["ingest", "report"], help="run one benchmark (default: all)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per export file (ingestion)")
    parser.add_argument("--report-rows", type=int, default=1_000_000, help="mentions in the report's month")
    args = parser.parse_args()
    if args.only in (None, "ingest"):
        ingest.main(args.rows)
    if args.only in (None, "report"):
        report.main(args.report_rows)


if __name__ == "__main__":
    main()
