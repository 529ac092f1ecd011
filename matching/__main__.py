"""``python -m matching evaluate [--set dev|heldout|...] [--method learned|coverage|jaccard|char3]
[--sweep]``: precision and recall of the release matcher on a labelled set; ``python -m matching
train``: fit the learned pair scorer on the training sets and write ``matching/pair_model.json``
(docs/agenda.md)."""

from __future__ import annotations

import argparse

from matching.documents import MatchSettings
from matching.evaluate import figures, mistakes, scored_pairs
from matching.labelled import load_set
from matching.learned import METHODS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m matching", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ev = sub.add_parser("evaluate", help="precision and recall on a labelled set")
    ev.add_argument(
        "--set",
        default="dev",
        help="dev, heldout, heldout_b, heldout_c, heldout_d (never trained on), or sample (the generator's rewrites)",
    )
    ev.add_argument("--method", choices=sorted(METHODS), default="learned")
    ev.add_argument("--sweep", action="store_true", help="every accept threshold from 0.30 to 0.80")
    ev.add_argument("--mistakes", action="store_true", help="list wrong and missed pickups")
    ev.add_argument(
        "--background", type=int, default=20_000, help="ordinary sample headlines added around the set (none carries)"
    )
    sub.add_parser("train", help="fit the learned pair scorer and write matching/pair_model.json")
    args = parser.parse_args(argv)
    if args.command == "train":
        from matching.train import train

        model = train()
        for name, row in model["cross_validation"]["left_out"].items():
            print(
                f"left out {name:<10} precision {row['precision']:.3f}  recall {row['recall']:.3f}  "
                f"decoys counted {row['decoys_counted']}  ({row['pickups']} pickups, accept>={model['cross_validation']['accept']})"
            )
        print(
            f"wrote matching/pair_model.json sha256={model['sha256'][:12]} training_table={model['training_table_sha256'][:12]}"
        )
        return 0
    from sample_data.release_labels import labelled_sample, with_background

    if args.set == "sample":
        labelled = labelled_sample(background=args.background)
    else:
        labelled = with_background(load_set(args.set), args.background)
    pairs = scored_pairs(labelled, args.method)
    from agenda.settings import load_settings

    agenda = load_settings()  # what a run uses: agenda.yml's thresholds
    default = (
        MatchSettings(accept=agenda.accept, review=agenda.review)
        if args.method == "learned"
        else MatchSettings(accept=0.65, review=0.45)
    )
    thresholds = [round(0.30 + 0.05 * k, 2) for k in range(11)] if args.sweep else [default.accept]
    for accept in thresholds:
        settings = MatchSettings(accept=accept, review=min(default.review, accept))
        print(figures(labelled, pairs, settings, args.method).line())
    if args.mistakes:
        for line in mistakes(labelled, pairs, default):
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
