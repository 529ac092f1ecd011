"""Score a model on labelled texts: per-class precision, recall and F1, the confusion matrix,
and one summary line that scripts can parse (always the last line printed).

`texts_per_s` is steady-state labelling throughput of the machine: the model is loaded and
the file's texts labelled once (warm-up: the per-word character n-gram cache fills, as it does
early in a large batch), then one process per core (forked after the warm-up, so each has the
warm model) runs `predict()` over the same texts again and again until at least
`MIN_TIMED_SECONDS` of wall clock have passed; the figure is the sum over the processes of
texts labelled divided by their wall time. Loading the model, reading the file and the warm-up
are not in it. It is wall time, so other programs on the cores lower it; the report also gives
texts per CPU-second, which does not depend on the machine's load.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from sentiment.labelled import LABELS, Example
from sentiment.model import Model


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
    seconds: float  # wall time of the timed predict() passes (after the warm-up)
    timed_texts: int = 0  # texts labelled in those passes, over all processes
    cpu_seconds: float = 0.0  # CPU time of those passes, over all processes
    processes: int = 1
    rate: float = 0.0  # sum over the processes of texts / wall seconds

    @property
    def macro_f1(self) -> float:
        return macro_f1(self.truth, self.predicted)

    @property
    def accuracy(self) -> float:
        return sum(t == p for t, p in zip(self.truth, self.predicted)) / len(self.truth)

    @property
    def texts_per_s(self) -> int:
        if self.rate:
            return round(self.rate)
        return round(self.timed_texts / self.seconds) if self.seconds > 0 else 0

    def summary(self) -> str:
        return (
            f"macro_f1={self.macro_f1:.4f} accuracy={self.accuracy:.4f} "
            f"n={len(self.truth)} texts_per_s={self.texts_per_s}"
        )

    def report(self) -> list[str]:
        """The printed report; its last line is `summary()`."""
        lines = [f"{'class':<10} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}"]
        for label, (p, r, f1, n) in _per_class(self.truth, self.predicted).items():
            lines.append(f"{label:<10} {p:>9.4f} {r:>9.4f} {f1:>9.4f} {n:>8}")
        lines += ["", "confusion matrix (rows: true label, columns: predicted)"]
        lines.append(f"{'':<10} " + " ".join(f"{label:>9}" for label in LABELS))
        for t in LABELS:
            row = [sum(a == t and b == p for a, b in zip(self.truth, self.predicted)) for p in LABELS]
            lines.append(f"{t:<10} " + " ".join(f"{n:>9}" for n in row))
        if self.seconds > 0:
            per_cpu = round(self.timed_texts / self.cpu_seconds) if self.cpu_seconds > 0 else 0
            lines += [
                "",
                f"throughput: {self.timed_texts} texts labelled after a warm-up pass by {self.processes} "
                f"process(es) in {self.seconds:.2f} s wall, {self.cpu_seconds:.2f} s CPU "
                f"({per_cpu} texts per CPU-second)",
            ]
        return [*lines, "", self.summary()]


MIN_TIMED_SECONDS = 1.0
_WARM: tuple[Model, list[str]] | None = None  # the warm model and texts, inherited by forked processes


def _timed_passes(model: Model, texts: list[str], min_seconds: float) -> tuple[int, float, float]:
    """(texts labelled, wall seconds, CPU seconds) of repeated passes lasting at least min_seconds."""
    timed, started, cpu_started = 0, time.perf_counter(), time.process_time()
    while True:
        model.predict(texts)
        timed += len(texts)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds or not texts:
            return timed, elapsed, time.process_time() - cpu_started


def _forked_passes(min_seconds: float) -> tuple[int, float, float]:
    model, texts = _WARM
    return _timed_passes(model, texts, min_seconds)


def cores() -> int:
    """Cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def evaluate(
    model: Model, examples: Sequence[Example], min_seconds: float = MIN_TIMED_SECONDS, processes: int | None = None
) -> Evaluation:
    """Labels of the first (warm-up) pass, throughput of the passes after it (module docstring).

    `processes` defaults to one per core; forking needs Linux, elsewhere one process is timed."""
    global _WARM
    texts = [e.text for e in examples]
    labels, _ = model.predict(texts)
    processes = processes or cores()
    if processes > 1 and sys.platform.startswith("linux"):
        _WARM = (model, texts)
        try:
            pool = multiprocessing.get_context("fork").Pool(processes)
            try:
                runs = pool.map(_forked_passes, [min_seconds] * processes)
            finally:
                # close and join, not terminate (what `with Pool()` does): terminate stops the
                # workers with SIGTERM, which a process started in the background (nohup, a CI
                # runner, a pytest-xdist worker) may ignore, and then waits for them for ever
                pool.close()
                pool.join()
        finally:
            _WARM = None
    else:
        runs, processes = [_timed_passes(model, texts, min_seconds)], 1
    rate = sum(n / s for n, s, _ in runs if s > 0)
    return Evaluation(
        [e.label for e in examples],
        labels,
        max(s for _, s, _ in runs),
        sum(n for n, _, _ in runs),
        sum(c for _, _, c in runs),
        processes,
        rate,
    )
