"""``python -m hoaxes evaluate [--set dev|heldout] [--sweep] [--mistakes] [--background N]``: precision and recall
per class (spread, debunk) of the hoax tracer on a labelled set (docs/hoaxes.md)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from hoaxes.evaluate import figures, mistakes, traced
from hoaxes.labelled import load_set
from hoaxes.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hoaxes", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="precision and recall per class on a labelled set")
    ev.add_argument("--set", default="dev", help="dev, heldout, or sample (the generator's planted hoaxes)")
    ev.add_argument("--sweep", action="store_true", help="every accept threshold from 0.40 to 0.80")
    ev.add_argument("--mistakes", action="store_true", help="list wrong, missed and reviewed mentions")
    ev.add_argument(
        "--background", type=int, default=20_000, help="ordinary sample headlines and posts added (none carries)"
    )
    args = parser.parse_args(argv)
    from sample_data.hoax_labels import labelled_sample, with_background

    settings = load_settings()
    labelled = with_background(labelled_sample() if args.set == "sample" else load_set(args.set), args.background)
    floor = replace(settings, review=min(settings.review, 0.3), accept=max(settings.accept, 0.3))
    found = traced(labelled, floor)
    thresholds = [round(0.40 + 0.05 * k, 2) for k in range(9)] if args.sweep else [settings.accept]
    for accept in thresholds:
        for line in figures(labelled, found, replace(settings, accept=accept)).lines():
            print(line)
    if args.mistakes:
        for line in mistakes(labelled, found, settings):
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
