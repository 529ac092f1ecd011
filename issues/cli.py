"""`citra issues ...`: evaluate the issue suggestions on a time split of the office's labelled
mentions, or suggest an issue for texts given on the command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citra issues", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="accuracy on a time split: train on earlier months, test on later ones")
    ev.add_argument("--warehouse", type=Path, help="the warehouse (default: $CITRA_WAREHOUSE)")
    sg = sub.add_parser("suggest", help="suggest an issue for texts (keywords and the warehouse's labelled mentions)")
    sg.add_argument("texts", nargs="+")
    sg.add_argument("--warehouse", type=Path)
    return parser


def _warehouse(args: argparse.Namespace) -> Path:
    home = Path(os.environ.get("CITRA_HOME") or "data")
    return args.warehouse or Path(os.environ.get("CITRA_WAREHOUSE") or home / "warehouse.duckdb")


def main(argv: list[str] | None = None) -> int:
    from ingestion.memory import open_read_only
    from issues.classifier import train_classifier
    from issues.evaluate import evaluate_time_split
    from issues.keywords import KeywordMatcher
    from issues.suggest import Suggester
    from issues.taxonomy import issue_keywords
    from issues.warehouse import labelled_texts

    args = _parser().parse_args(argv)
    warehouse = _warehouse(args)
    if not warehouse.exists():
        print(f"citra issues {args.command}: no warehouse at {warehouse}; run `citra build` first", file=sys.stderr)
        return 2
    with open_read_only(warehouse) as con:
        rows = labelled_texts(con)
    if args.command == "evaluate":
        try:
            result = evaluate_time_split(rows)
        except ValueError as exc:
            print(f"citra issues evaluate: {warehouse.name}: {exc}", file=sys.stderr)
            return 2
        print("\n".join(result.report()))
        return 0
    suggester = Suggester(KeywordMatcher(issue_keywords()), train_classifier([(t, i) for t, i, _ in rows]))
    for text, suggestion in zip(args.texts, suggester.suggest(args.texts)):
        shown = f"{suggestion.issue}\t{suggestion.confidence:.3f}\t{suggestion.method}" if suggestion else "-\t\t"
        print(f"{shown}\t{text}")
    return 0
