"""Sentiment labelling speed: Citra's hashed-n-gram scorer (issue 26) beside the scorer it
replaced (issue 14: exact TF-IDF vocabularies featurized in Python, one thread), in one command.

Both recipes are trained here on the bundled data (wall and CPU seconds), then label the same
N generated headlines (default 1M): a news or social-post template of the sample data with a
region name, followed by up to four words drawn from the training texts, so that nearly every
headline is distinct (about 80 characters, 12 words). Wall and CPU seconds are both shown, with
the load average: on a shared machine wall time is an upper bound, and headlines per CPU-second
is what the scorer costs. The new scorer runs one thread per core, as in the pipeline.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.svm import LinearSVC

from sample_data import social, vocabulary
from sentiment import cli
from sentiment.features import Featurizer
from sentiment.labelled import LABELS, Example
from sentiment.lexicon import learn_lexicon
from sentiment.model import BATCH, load_model
from sentiment.normalize import tokens
from sentiment.train import bundled_examples, parallel_pairs, train

REGIONS = (
    "Banjarmasin", "Banjarbaru", "Martapura", "Banjar", "Barito Kuala", "Tanah Laut", "Tapin",
    "Hulu Sungai Selatan", "HST", "Hulu Sungai Utara", "Balangan", "Tabalong", "Tanah Bumbu",
    "Kotabaru", "Kalsel",
)  # fmt: skip


SAMPLE_LABEL = {"pos": "positive", "neu": "neutral", "neg": "negative"}


def _templates() -> list[tuple[str, str]]:
    """(template, label) of the sample data's news headlines and social posts."""
    return [
        (t, SAMPLE_LABEL[label])
        for table in (vocabulary.NEWS_HEADLINES, social.SOCIAL_POSTS)
        for issue in table.values()
        for label, group in issue.items()
        for t in group
    ]


def headlines(n: int, examples: list[Example], seed: int = 0, labelled: bool = False) -> list:
    """`n` generated headlines (see the module docstring), the same for the same seed; with
    `labelled`, (headline, the template's label) pairs."""
    pairs = _templates()
    templates = [t for t, _ in pairs]
    words = [w for w, _ in Counter(w for e in examples for w in e.text.split()).most_common(20_000)]
    rng = np.random.default_rng(seed)
    template, region, extra = (
        rng.integers(len(templates), size=n),
        rng.integers(len(REGIONS), size=n),
        rng.integers(0, 5, size=n),
    )
    picks = rng.integers(len(words), size=(n, 4))
    texts = [
        " ".join([templates[t].replace("{region}", REGIONS[r]), *(words[w] for w in picks[i, :k])])
        for i, (t, r, k) in enumerate(zip(template, region, extra))
    ]
    return list(zip(texts, (pairs[t][1] for t in template))) if labelled else texts


def evaluate_lines(path: Path, rows: list[tuple[str, str]]) -> str:
    """The throughput line and the last line of `citra sentiment evaluate` (shipped model) on a
    file of these rows."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli.main(["evaluate", str(path)])
    lines = out.getvalue().strip().splitlines()
    return "\n  ".join([*(x for x in lines if x.startswith("throughput:")), lines[-1]])


def previous_scorer(examples: list[Example]):  # noqa: ANN201 - a labelling function
    """The issue 14 scorer, rebuilt from sentiment/features.py: labels of texts, batch by batch."""
    indonesian = Counter(w for e in examples if e.source != "nusax_bjn" for w in tokens(e.text))
    featurizer = Featurizer.fit([e.text for e in examples], learn_lexicon(parallel_pairs(examples), indonesian))
    x = featurizer.transform([e.text for e in examples])
    y = np.array([LABELS.index(e.label) for e in examples])
    svm = LinearSVC(C=0.3, class_weight="balanced", random_state=0, max_iter=5000).fit(x, y)
    weights, intercept = svm.coef_.T.astype(np.float32), svm.intercept_.astype(np.float32)

    def label(texts: list[str]) -> np.ndarray:
        out = np.empty(len(texts), dtype=np.int64)
        for start in range(0, len(texts), BATCH):
            scores = featurizer.transform(texts[start : start + BATCH]) @ weights + intercept
            out[start : start + BATCH] = scores.argmax(axis=1)
        return out

    return label


def _timed(fn):  # noqa: ANN001, ANN202
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(n: int = 1_000_000) -> None:
    examples = bundled_examples()
    load_start = os.getloadavg()[0]
    texts = headlines(n, examples)
    chars = sum(map(len, texts)) / len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.zip"
        _, new_train_wall, new_train_cpu = _timed(lambda: train(examples, path))
        size = path.stat().st_size
        model = load_model(path)
        model.predict(texts[:BATCH])  # first call: imports, thread pool
        (new_labels, _), new_wall, new_cpu = _timed(lambda: model.predict(texts))
    old, old_train_wall, old_train_cpu = _timed(lambda: previous_scorer(examples))
    old_labels, old_wall, old_cpu = _timed(lambda: old(texts))
    agree = np.mean(np.array([LABELS.index(x) for x in new_labels]) == old_labels)
    print(f"\nSentiment: {len(examples):,} training examples; {n:,} generated headlines of {chars:.0f} characters")
    print(f"load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; {model.threads} thread(s)")
    print(f"{'scorer':<34} {'train s (wall/cpu)':>20} {'headlines/s (wall / per CPU-s)':>32} {'file MB':>8}")
    print(
        f"{'citra hashed n-grams (issue 26)':<34} {new_train_wall:>9.1f} /{new_train_cpu:>7.1f} "
        f"{n / new_wall:>15,.0f} /{n / new_cpu:>15,.0f} {size / 1e6:>8.1f}"
    )
    print(
        f"{'previous TF-IDF scorer (issue 14)':<34} {old_train_wall:>9.1f} /{old_train_cpu:>7.1f} "
        f"{n / old_wall:>15,.0f} /{n / old_cpu:>15,.0f} {'':>8}"
    )
    print(
        f"speed-up: {old_wall / new_wall:.1f}x wall, {old_cpu / new_cpu:.1f}x CPU; the two agree on {agree:.1%} of the labels"
    )
    # `citra sentiment evaluate` on 10,000-line files: its texts_per_s (every line scored per pass)
    with tempfile.TemporaryDirectory() as tmp:
        generated = headlines(10_000, examples, seed=1, labelled=True)
        reviews = [(e.text, e.label) for e in examples if e.source == "smsa"][:10_000]
        for name, rows in (("10,000 generated headlines", generated), ("10,000 SmSA reviews", reviews)):
            chars = sum(len(t) for t, _ in rows) / len(rows)
            print(f"evaluate, {name} ({chars:.0f} characters): {evaluate_lines(Path(tmp) / 'lines.csv', rows)}")
    print(
        "  (the headlines' labels are those of the sample-data templates, the reviews are training data:"
        " read texts_per_s there, and the held-out figures in docs/sentiment.md)"
    )
