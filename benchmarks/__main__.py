"""`python -m benchmarks [--rows N]`: run the benchmarks and print their tables."""

from __future__ import annotations

import argparse

from benchmarks import ingest


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per export file (ingestion)")
    args = parser.parse_args()
    ingest.main(args.rows)


if __name__ == "__main__":
    main()
