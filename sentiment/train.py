"""Train the sentiment model: hashed word and character n-grams (TF-IDF), a linear SVM per
class (class-balanced) with a head for lower-case and one for cased text, and a softmax
temperature per head fitted on held-out folds for the confidences.

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
import scipy.sparse as sp
import sklearn
from sklearn.svm import LinearSVC

from sentiment import artifact, hashing
from sentiment.calibration import fit_temperature
from sentiment.labelled import LABELS, Example, bundled
from sentiment.lexicon import learn_lexicon
from sentiment.normalize import INFORMAL, tokens
from sentiment.vectors import Vectorizer

log = logging.getLogger(__name__)

C = 0.3  # SVM regularization, chosen by grouped cross-validation (docs/sentiment.md)
# All bundled sources count alike (upweighting NusaX 2x or 3x did not help in grouped CV);
# analysts' corrections count double: they are the office's own headlines, few, and the
# closest data to what the model labels in production.
SOURCE_WEIGHT = {"smsa": 1.0, "nusax_ind": 1.0, "nusax_bjn": 1.0, "extra": 2.0}
# Two heads, picked per text by its surface: lower-case text (SmSA's reviews and comments are
# lower-cased) and cased text (NusaX's edited sentences, news headlines). Each head is a shared
# weight vector plus HEAD_WEIGHT times its own, fitted together on copies of the features
# (frustratingly easy domain adaptation); measured in grouped CV: docs/sentiment.md.
HEADS = ("lower_case", "cased")
HEAD_WEIGHT = 0.5
MIN_HEAD_CALIBRATION = 100  # a head with fewer training texts takes the common temperature
CALIBRATION_FOLDS = 5
SEED = 0
# Held-out figures of this recipe (`python -m sentiment figures --write`), recorded in every
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


def standard_words(examples: Sequence[Example]) -> dict[str, str]:
    """The word map of a model: informal spellings, then Banjar words learned from the NusaX pairs."""
    indonesian_counts = Counter(w for e in examples if e.source != "nusax_bjn" for w in tokens(e.text))
    return {**INFORMAL, **learn_lexicon(parallel_pairs(examples), indonesian_counts)}


def _fit_svm(x, y: np.ndarray, weight: np.ndarray) -> LinearSVC:
    return LinearSVC(C=C, class_weight="balanced", random_state=SEED, max_iter=5000).fit(x, y, sample_weight=weight)


def with_heads(x: sp.csr_matrix, head: np.ndarray) -> sp.csr_matrix:
    """The features, then per head a copy (times HEAD_WEIGHT) that is zero outside that head's texts."""
    copies = [sp.diags(np.where(head == h, HEAD_WEIGHT, 0.0)) @ x for h in range(len(HEADS))]
    return sp.hstack([x, *copies]).tocsr()


def head_weights(coef: np.ndarray, n: int) -> list[np.ndarray]:
    """Each head's class weights (classes x n): the shared part plus HEAD_WEIGHT times its own."""
    return [coef[:, :n] + HEAD_WEIGHT * coef[:, n * (h + 1) : n * (h + 2)] for h in range(len(HEADS))]


def calibration_folds(examples: Sequence[Example]) -> np.ndarray:
    """A fold per example; the translations of one NusaX sentence share a fold (else the
    held-out score of a sentence would come from a model that saw its translation)."""
    groups = [f"{e.source[:5]}:{e.key}" if e.key else f"row:{i}" for i, e in enumerate(examples)]
    names = sorted(set(groups))
    order = np.random.RandomState(SEED).permutation(len(names))
    fold_of = {name: order[i] % CALIBRATION_FOLDS for i, name in enumerate(names)}
    return np.array([fold_of[g] for g in groups])


def _temperatures(x, y: np.ndarray, weight: np.ndarray, head: np.ndarray, fold: np.ndarray) -> list[float]:
    """Per head, the softmax temperature that fits the out-of-fold scores of its texts."""
    scores = np.zeros((len(y), len(LABELS)))
    for k in range(CALIBRATION_FOLDS):
        inside = fold != k
        scores[~inside] = _fit_svm(x[inside], y[inside], weight[inside]).decision_function(x[~inside])
    common = fit_temperature(scores, y)
    return [
        fit_temperature(scores[head == h], y[head == h]) if (head == h).sum() >= MIN_HEAD_CALIBRATION else common
        for h in range(len(HEADS))
    ]


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
    words = standard_words(examples)
    vectorizer, x, cased = Vectorizer.fit(texts, hashing.word_map_arrays(words))
    head = cased.astype(np.int64) if len(HEADS) > 1 else np.zeros(len(examples), dtype=np.int64)
    x = with_heads(x, head)
    svm = _fit_svm(x, y, weight)
    temperature = [1.0] * len(HEADS)
    if calibrate:
        temperature = _temperatures(x, y, weight, head, calibration_folds(examples))
    word_rows, char_rows = vectorizer.split(head_weights(svm.coef_, x.shape[1] // (len(HEADS) + 1)))
    manifest = {
        "labels": list(LABELS),
        "hashing": hashing.VERSION,
        "bits": hashing.BITS,
        "char_ngrams": list(hashing.CHAR_NGRAMS),
        "heads": list(HEADS),
        "head_rule": "cased: the text holds a capital letter A-Z",
        "columns": len(HEADS) * len(LABELS) + 1,
        "heldout_macro_f1": recipe_figures(),
        "temperature": temperature,
        "examples": dict(sorted(Counter(e.source for e in examples).items())),
        "examples_per_head": {name: int((head == h).sum()) for h, name in enumerate(HEADS)},
        "label_counts": dict(sorted(Counter(e.label for e in examples).items())),
        "features": {"word": len(vectorizer.word.buckets), "char": len(vectorizer.char.buckets)},
        "word_map_entries": len(words),
        "trainer": {
            "C": C,
            "head_weight": HEAD_WEIGHT,
            "source_weight": SOURCE_WEIGHT,
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    parts = artifact.Parts(
        manifest,
        words,
        vectorizer.word.buckets,
        word_rows,
        vectorizer.char.buckets,
        char_rows,
        np.tile(svm.intercept_, (len(HEADS), 1)),
    )
    sha = artifact.write(output, parts)
    log.info(
        "trained on %d examples in %.1f s (%s, Python %s)",
        len(examples),
        time.perf_counter() - started,
        output,
        platform.python_version(),
    )
    return sha, manifest
