"""Held-out figures for docs/sentiment.md, computed the way the unseen test sets are built.

The held-out SmSA and NusaX test sentences had their near-copies (token Jaccard >= 0.6)
removed from the SmSA training file. NusaX was translated from SmSA, so the NusaX train and
valid sentences still have near-copies there: every figure below first drops the SmSA rows
that nearly copy the sentences being scored, or the score would measure memory.

- valid: a model trained on the train splits only, scored on each valid split;
- grouped CV: NusaX train+valid (600 sentences) in 5 folds by sentence id (a sentence and its
  Banjar translation are always on the same side), SmSA minus near-copies of the fold added to
  training; the Banjar lexicon is learned from the training folds only.
- shift: trained on SmSA alone (train+valid, minus near-copies of any NusaX sentence), scored on
  all 600 NusaX sentences in each language: another domain (and, for Banjar, another language
  with no parallel data to learn a lexicon from), as a harder test set is.
"""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from sentiment.calibration import ece
from sentiment.evaluate import macro_f1
from sentiment.labelled import Example, bundled
from sentiment.model import load_model
from sentiment.train import train

NEAR_COPY = 0.6
FOLDS = 5
_WORD = re.compile(r"\w+")

Predictor = Callable[[Sequence[Example]], Callable[[list[str]], list[str]]]


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def without_near_copies(pool: Sequence[Example], targets: Sequence[str]) -> list[Example]:
    """`pool` minus the examples whose word set has Jaccard >= 0.6 with any target text."""
    sets = [_words(e.text) for e in pool]
    index: dict[str, list[int]] = {}
    for i, words in enumerate(sets):
        for w in words:
            index.setdefault(w, []).append(i)
    drop: set[int] = set()
    for text in targets:
        words = _words(text)
        shared = Counter(i for w in words for i in index.get(w, ()))
        drop.update(i for i, n in shared.items() if n / len(words | sets[i]) >= NEAR_COPY)
    return [e for i, e in enumerate(pool) if i not in drop]


def citra_predictor(examples: Sequence[Example]) -> Callable[[list[str]], list[str]]:
    """Train the shipped recipe on `examples` (in a temporary file) and return its predict."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.zip"
        train(examples, path, calibrate=False)  # labels only: the temperature changes no label
        model = load_model(path)
    return lambda texts: model.predict(texts)[0]


def _score(predict: Callable[[list[str]], list[str]], examples: Sequence[Example]) -> float:
    return macro_f1([e.label for e in examples], predict([e.text for e in examples]))


def train_split_examples() -> list[Example]:
    """The train splits, minus the SmSA rows that nearly copy a NusaX valid sentence."""
    smsa, ind, bjn = (bundled(s, "train") for s in ("smsa", "nusax_ind", "nusax_bjn"))
    return [*without_near_copies(smsa, [e.text for e in bundled("nusax_ind", "valid")]), *ind, *bjn]


def valid_figures(fit: Predictor) -> dict[str, float]:
    """Macro-F1 on each valid split of a model fitted on the train splits."""
    ind_valid, bjn_valid = bundled("nusax_ind", "valid"), bundled("nusax_bjn", "valid")
    predict = fit(train_split_examples())
    return {
        "smsa_valid": _score(predict, bundled("smsa", "valid")),
        "nusax_ind_valid": _score(predict, ind_valid),
        "nusax_bjn_valid": _score(predict, bjn_valid),
    }


def calibration_figures() -> dict[str, float]:
    """ECE on each valid split and on the three pooled, of a calibrated model fitted on the
    train splits (the shipped recipe, temperature included)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.zip"
        train(train_split_examples(), path)
        model = load_model(path)
    out, confidence, correct = {}, [], []
    for source in ("smsa", "nusax_ind", "nusax_bjn"):
        examples = bundled(source, "valid")
        labels, conf = model.predict([e.text for e in examples])
        right = [label == e.label for label, e in zip(labels, examples)]
        out[f"{source}_valid"] = ece(conf, right)
        confidence += list(conf)
        correct += right
    out["pooled_valid"] = ece(confidence, correct)
    return out


def grouped_cv_figures(fit: Predictor) -> dict[str, float]:
    """Macro-F1 of out-of-fold predictions over NusaX train+valid, per language."""
    smsa = bundled("smsa", "train") + bundled("smsa", "valid")
    ind = bundled("nusax_ind", "train") + bundled("nusax_ind", "valid")
    bjn = {e.key: e for e in bundled("nusax_bjn", "train") + bundled("nusax_bjn", "valid")}
    fold = np.random.RandomState(0).permutation(len(ind)) % FOLDS
    truth, ind_pred, bjn_pred = [], [], []
    for k in range(FOLDS):
        test = [e for e, f in zip(ind, fold) if f == k]
        inside = [e for e, f in zip(ind, fold) if f != k]
        pool = without_near_copies(smsa, [e.text for e in test])
        predict = fit([*pool, *inside, *(bjn[e.key] for e in inside)])
        truth += [e.label for e in test]
        ind_pred += predict([e.text for e in test])
        bjn_pred += predict([bjn[e.key].text for e in test])
    return {"nusax_ind_cv": macro_f1(truth, ind_pred), "nusax_bjn_cv": macro_f1(truth, bjn_pred)}


def shift_figures(fit: Predictor) -> dict[str, float]:
    """Macro-F1 on NusaX (600 per language) of a model trained on SmSA alone."""
    ind = bundled("nusax_ind", "train") + bundled("nusax_ind", "valid")
    bjn = bundled("nusax_bjn", "train") + bundled("nusax_bjn", "valid")
    smsa = bundled("smsa", "train") + bundled("smsa", "valid")
    predict = fit(without_near_copies(smsa, [e.text for e in ind]))
    return {"smsa_to_nusax_ind": _score(predict, ind), "smsa_to_nusax_bjn": _score(predict, bjn)}


def figures(fit: Predictor) -> dict[str, float]:
    started = time.perf_counter()
    out = valid_figures(fit) | grouped_cv_figures(fit) | shift_figures(fit)
    out["seconds"] = time.perf_counter() - started
    return out
