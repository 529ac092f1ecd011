"""`citra sentiment ...` (also `python -m sentiment ...`): evaluate, train, label texts, and
recompute the held-out figures of docs/sentiment.md."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from sentiment.artifact import ModelFileError
from sentiment.labelled import LabelledFileError, read_labelled

SHIPPED = Path(__file__).parent / "artifacts" / "citra-sentiment.zip"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="citra sentiment", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    ev = sub.add_parser("evaluate", help="score the model on a labelled CSV/TSV file")
    ev.add_argument(
        "path", type=Path, help="CSV/TSV with a text and a label column, or a headerless TSV text<TAB>label"
    )
    ev.add_argument("--text-column", default="text")
    ev.add_argument("--label-column", default="label")
    ev.add_argument("--model", type=Path, help="a model file from `train` (default: the shipped model)")
    ev.add_argument("--detail", action="store_true", help="also print the reliability table behind the ECE")

    tr = sub.add_parser("train", help="train a model on the bundled data (plus extra labelled examples)")
    tr.add_argument("--output", type=Path, help="model file to write (default: $CITRA_HOME/models/<version>.zip)")
    tr.add_argument("--extra", type=Path, action="append", default=[], help="labelled CSV/TSV to add (repeatable)")
    tr.add_argument(
        "--with-corrections", action="store_true", help="add the analysts' corrections (raw.label_corrections)"
    )
    tr.add_argument("--warehouse", type=Path, help="warehouse for --with-corrections (default: $CITRA_WAREHOUSE)")
    tr.add_argument(
        "--without-valid",
        action="store_true",
        help="train on the train splits only (valid sentences and their SmSA near-copies left out), to score the valid splits",
    )
    tr.add_argument("--check", action="store_true", help="retrain the shipped model and check it is byte-identical")

    pr = sub.add_parser("predict", help="label texts given as arguments or one per line on stdin")
    pr.add_argument("texts", nargs="*")
    pr.add_argument("--model", type=Path)

    fg = sub.add_parser(
        "figures", help="held-out macro-F1 and ECE of this recipe, macro-F1 of the plain TF-IDF floor (minutes)"
    )
    fg.add_argument(
        "--write", action="store_true", help="record the recipe's figures in sentiment/artifacts/heldout.json"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"evaluate": _evaluate, "train": _train, "predict": _predict, "figures": _figures}[args.command](args)
    except (LabelledFileError, ModelFileError) as exc:
        print(f"citra sentiment {args.command}: {exc}", file=sys.stderr)
        return 2


def _evaluate(args: argparse.Namespace) -> int:
    from sentiment.evaluate import evaluate
    from sentiment.model import load_model

    examples = read_labelled(args.path, args.text_column, args.label_column)
    model = load_model(args.model)
    result = evaluate(model, examples)
    print(f"{args.path.name}: {len(examples)} texts, model {model.version}")
    print("\n".join(result.report(detail=args.detail)))
    return 0


def _train(args: argparse.Namespace) -> int:
    from sentiment.model import ARTIFACT_SHA256, version_of
    from sentiment.train import bundled_examples, train

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    extra = [e for path in args.extra for e in read_labelled(path)]
    if args.with_corrections:
        from sentiment.corrections import read_corrections

        home = Path(os.environ.get("CITRA_HOME") or "data")
        warehouse = args.warehouse or Path(os.environ.get("CITRA_WAREHOUSE") or home / "warehouse.duckdb")
        extra += read_corrections(warehouse)
    if args.check:
        if extra:
            print(
                "citra sentiment train: --check retrains the shipped model; it takes no extra examples", file=sys.stderr
            )
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            sha, _ = train(bundled_examples(), Path(tmp) / "model.zip")
        expected = ARTIFACT_SHA256.read_text().split()[0]
        same = sha == expected
        print(
            f"retrained {sha}\nshipped   {expected}\n{'identical' if same else 'DIFFERENT: the shipped model is not what this code trains'}"
        )
        return 0 if same else 1
    started = time.perf_counter()
    examples = bundled_examples
    if args.without_valid:
        from sentiment.validation import train_split_examples

        examples = train_split_examples
    if args.output:
        output = args.output
        sha, manifest = train(examples(), output, extra=extra)
    else:  # named by version, known only once trained
        models = Path(os.environ.get("CITRA_HOME") or "data") / "models"
        models.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=models) as tmp:
            sha, manifest = train(examples(), Path(tmp) / "model.zip", extra=extra)
            output = models / f"{version_of(sha)}.zip"
            (Path(tmp) / "model.zip").replace(output)
    output.with_suffix(".sha256").write_text(f"{sha}  {output.name}\n")
    print(f"model {version_of(sha)} -> {output}")
    print(
        f"examples {sum(manifest['examples'].values())} ({', '.join(f'{k} {v}' for k, v in manifest['examples'].items())})"
    )
    print(f"size_bytes={output.stat().st_size} seconds={time.perf_counter() - started:.1f} sha256={sha}")
    return 0


def _predict(args: argparse.Namespace) -> int:
    from sentiment.model import load_model

    texts = args.texts or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    labels, confidences = load_model(args.model).predict(texts)
    for text, label, confidence in zip(texts, labels, confidences):
        print(f"{label}\t{confidence:.3f}\t{text}")
    return 0


def _figures(args: argparse.Namespace) -> int:
    import json

    from sentiment.baseline import floor_predictor
    from sentiment.train import HELDOUT
    from sentiment.validation import calibration_figures, citra_predictor, figures

    print("ece    " + " ".join(f"{k}={v:.4f}" for k, v in calibration_figures().items()), flush=True)
    for name, fit in (("citra", citra_predictor), ("floor", floor_predictor)):
        scores = figures(fit)
        print(f"{name:<6} " + " ".join(f"{k}={v:.4f}" if k != "seconds" else f"{k}={v:.0f}" for k, v in scores.items()))
        if name == "citra" and args.write:
            recorded = {k: round(v, 4) for k, v in scores.items() if k != "seconds"}
            HELDOUT.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
            print(f"recorded in {HELDOUT}; retrain the shipped model so that its file carries them")
    return 0
