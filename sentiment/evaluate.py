"""Score a model on labelled texts: per-class precision, recall and F1, the confusion matrix,
calibration (ECE, and the reliability table with `detail`), and one summary line that scripts
can parse (always the last line printed).

`texts_per_s` is steady-state labelling throughput: input lines per second of wall clock. The
model is loaded and the file's texts labelled once (a warm-up pass; the labels reported are
from it), then `predict()` runs over all the lines again and again, every line scored each
time (the model keeps no cache of texts it has seen), until at least `MIN_TIMED_SECONDS` have
passed; the figure is the lines of those timed passes divided by their wall time. `predict()`
uses one thread per core, as it does in the pipeline. Loading the model, reading the file and
the warm-up are not in it. It is wall time, so other programs on the cores lower it; the report
also gives lines per CPU-second of this process, which depends much less on the machine's load.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sentiment.calibration import ece, reliability, reliability_lines
from sentiment.labelled import LABELS, Example
from sentiment.model import Model

MIN_TIMED_SECONDS = 1.0


def _per_class(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for label in LABELS:
        hit = sum(t == label and p == label for t, p in zip(truth, predicted))
        guessed = sum(p == label for p in predicted)
        actual = sum(t == label for t in truth)
        precision = hit / guessed if guessed else 0.0
        recall = hit / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[label] = (precision, recall, f1, actual)
    return out


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    """Unweighted mean of the F1 of the classes present in `truth` or `predicted`."""
    present = set(truth) | set(predicted)
    scores = [f1 for label, (_, _, f1, _) in _per_class(truth, predicted).items() if label in present]
    return sum(scores) / len(scores) if scores else 0.0


@dataclass(frozen=True)
class Evaluation:
    truth: list[str]
    predicted: list[str]
    confidence: list[float]  # the model's probability of each predicted label
    seconds: float  # wall time of the timed predict() passes (after the warm-up)
    timed_texts: int = 0  # lines labelled in those passes
    cpu_seconds: float = 0.0  # CPU time of this process (all its threads) in those passes
    threads: int = 1

    @property
    def correct(self) -> list[bool]:
        return [t == p for t, p in zip(self.truth, self.predicted)]

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.truth, self.predicted)

    @property
    def accuracy(self) -> float:
        return sum(self.correct) / len(self.truth)

    @property
    def ece(self) -> float:
        return ece(self.confidence, self.correct)

    @property
    def texts_per_s(self) -> int:
        return round(self.timed_texts / self.seconds) if self.seconds > 0 else 0

    def summary(self) -> str:
        return (
            f"macro_f1={self.macro_f1:.4f} accuracy={self.accuracy:.4f} ece={self.ece:.4f} "
            f"n={len(self.truth)} texts_per_s={self.texts_per_s}"
        )

    def report(self, detail: bool = False) -> list[str]:
        """The printed report; its last line is `summary()`. `detail` adds the reliability table."""
        lines = [f"{'class':<10} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}"]
        for label, (p, r, f1, n) in _per_class(self.truth, self.predicted).items():
            lines.append(f"{label:<10} {p:>9.4f} {r:>9.4f} {f1:>9.4f} {n:>8}")
        lines += ["", "confusion matrix (rows: true label, columns: predicted)"]
        lines.append(f"{'':<10} " + " ".join(f"{label:>9}" for label in LABELS))
        for t in LABELS:
            row = [sum(a == t and b == p for a, b in zip(self.truth, self.predicted)) for p in LABELS]
            lines.append(f"{t:<10} " + " ".join(f"{n:>9}" for n in row))
        if detail:
            lines += [
                "",
                "reliability (confidence = the probability of the predicted label; gap = accuracy - confidence)",
            ]
            lines += reliability_lines(reliability(self.confidence, self.correct))
            lines.append(f"mean confidence {np.mean(self.confidence):.4f}, accuracy {self.accuracy:.4f}")
        if self.seconds > 0:
            per_cpu = round(self.timed_texts / self.cpu_seconds) if self.cpu_seconds > 0 else 0
            load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
            lines += [
                "",
                f"throughput: {self.timed_texts} lines labelled after a warm-up pass in {self.seconds:.2f} s wall, "
                f"{self.cpu_seconds:.2f} s CPU ({self.threads} thread(s); {per_cpu} lines per CPU-second{load})",
            ]
        return [*lines, "", self.summary()]


def evaluate(model: Model, examples: Sequence[Example], min_seconds: float = MIN_TIMED_SECONDS) -> Evaluation:
    """Labels and confidences of the first (warm-up) pass, throughput of the passes after it
    (module docstring)."""
    texts = [e.text for e in examples]
    labels, confidence = model.predict(texts)
    timed, started, cpu_started = 0, time.perf_counter(), time.process_time()
    while True:
        model.predict(texts)
        timed += len(texts)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds or not texts:
            break
    return Evaluation(
        [e.label for e in examples],
        list(labels),
        [float(c) for c in confidence],
        elapsed,
        timed,
        time.process_time() - cpu_started,
        getattr(model, "threads", 1),
    )
