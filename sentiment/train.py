"""Train the sentiment model: TF-IDF word and character n-grams, a linear SVM per class
(class-balanced), and a softmax temperature fitted on held-out folds for the confidences.

Deterministic: the same examples (in the same order) give the same model file, byte for byte.
Extra examples (analysts' corrected labels) are added with the weight of in-domain data.
"""

from __future__ import annotations

import json
import logging
import platform
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sklearn
from sklearn.svm import LinearSVC

from sentiment import artifact
from sentiment.features import Featurizer
from sentiment.labelled import LABELS, Example, bundled
from sentiment.lexicon import learn_lexicon
from sentiment.normalize import tokens

log = logging.getLogger(__name__)

C = 0.3  # SVM regularization, chosen by grouped cross-validation (docs/sentiment.md)
# All bundled sources count alike (upweighting NusaX 2x or 3x did not help in grouped CV);
# analysts' corrections count double: they are the office's own headlines, few, and the
# closest data to what the model labels in production.
SOURCE_WEIGHT = {"smsa": 1.0, "nusax_ind": 1.0, "nusax_bjn": 1.0, "extra": 2.0}
CALIBRATION_FOLDS = 5
SEED = 0
# Held-out macro-F1 of this recipe (`python -m sentiment figures --write`), recorded in every
# model file it trains so the pipeline and the report cite measured figures, not typed ones.
HELDOUT = Path(__file__).parent / "artifacts" / "heldout.json"


def recipe_figures() -> dict[str, float]:
    """The recipe's held-out figures (empty when never measured)."""
    return json.loads(HELDOUT.read_text()) if HELDOUT.exists() else {}


def bundled_examples(splits: Sequence[str] = ("train", "valid")) -> list[Example]:
    """The shipped training data: SmSA, NusaX Indonesian and NusaX Banjarese."""
    return [e for split in splits for source in ("smsa", "nusax_ind", "nusax_bjn") for e in bundled(source, split)]


def parallel_pairs(examples: Sequence[Example]) -> list[tuple[str, str]]:
    """(Indonesian, Banjar) translations of the same NusaX sentence, paired by sentence id."""
    banjar = {e.key: e.text for e in examples if e.source == "nusax_bjn" and e.key}
    return [(e.text, banjar[e.key]) for e in examples if e.source == "nusax_ind" and e.key in banjar]


def _fit_svm(x, y: np.ndarray, weight: np.ndarray) -> LinearSVC:
    return LinearSVC(C=C, class_weight="balanced", random_state=SEED, max_iter=5000).fit(x, y, sample_weight=weight)


def _temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """Softmax temperature that minimizes the log-loss of held-out scores (grid search: deterministic)."""
    grid = np.exp(np.linspace(np.log(0.02), np.log(5.0), 241))
    best, best_loss = 1.0, np.inf
    for t in grid:
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        loss = -(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))).mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return round(best, 6)


def _calibrated_temperature(x, y: np.ndarray, weight: np.ndarray) -> float:
    """Temperature fitted on out-of-fold scores, so confidences match how often labels are right."""
    fold = np.random.RandomState(SEED).permutation(len(y)) % CALIBRATION_FOLDS
    held_out = np.zeros((len(y), len(LABELS)))
    for k in range(CALIBRATION_FOLDS):
        inside = fold != k
        held_out[~inside] = _fit_svm(x[inside], y[inside], weight[inside]).decision_function(x[~inside])
    return _temperature(held_out, y)


def train(
    examples: Sequence[Example], output: Path, extra: Sequence[Example] = (), calibrate: bool = True
) -> tuple[str, dict]:
    """Fit a model on `examples` plus `extra` and write it to `output`; returns (sha256, manifest).

    The Banjar lexicon is learned from the NusaX pairs among `examples`; Indonesian word
    counts come from every non-Banjar example. `calibrate=False` skips the temperature fit
    (five extra fits; labels are the same, confidences are not calibrated): for validation runs.
    """
    started = time.perf_counter()
    examples = [*examples, *extra]
    texts = [e.text for e in examples]
    y = np.array([LABELS.index(e.label) for e in examples])
    weight = np.array([SOURCE_WEIGHT.get(e.source, 1.0) for e in examples])
    indonesian_counts = Counter(w for e in examples if e.source != "nusax_bjn" for w in tokens(e.text))
    lexicon = learn_lexicon(parallel_pairs(examples), indonesian_counts)
    featurizer = Featurizer.fit(texts, lexicon)
    x = featurizer.transform(texts)
    svm = _fit_svm(x, y, weight)

    temperature = _calibrated_temperature(x, y, weight) if calibrate else 1.0

    manifest = {
        "labels": list(LABELS),
        "heldout_macro_f1": recipe_figures(),
        "temperature": temperature,
        "examples": dict(sorted(Counter(e.source for e in examples).items())),
        "label_counts": dict(sorted(Counter(e.label for e in examples).items())),
        "features": {"word": len(featurizer.word_vocab), "char": len(featurizer.char_vocab)},
        "lexicon_entries": len(lexicon),
        "trainer": {
            "C": C,
            "source_weight": SOURCE_WEIGHT,
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    sha = artifact.write(output, featurizer, svm.coef_, svm.intercept_, manifest)
    log.info(
        "trained on %d examples in %.1f s (%s, Python %s)",
        len(examples),
        time.perf_counter() - started,
        output,
        platform.python_version(),
    )
    return sha, manifest
