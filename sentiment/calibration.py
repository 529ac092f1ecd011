"""Is a confidence of 0.9 right nine times in ten? Expected calibration error, the reliability
table behind it, and the softmax temperature that makes raw scores into such probabilities.

ECE is the usual top-label form: the texts are put in `BINS` equal-width bins of confidence
(the probability of the predicted label), and ECE is the mean over the texts of the gap
between their bin's mean confidence and its accuracy: 0 when every bin is right as often as
it says, 0.05 when the confidence is off by five points on average.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

BINS = 10


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    n: int
    confidence: float  # mean confidence of the texts in the bin (0 when empty)
    accuracy: float  # share of them labelled right (0 when empty)


def reliability(confidence: Sequence[float], correct: Sequence[bool], bins: int = BINS) -> list[Bin]:
    """One row per confidence bin [k/bins, (k+1)/bins), the last one closed at 1."""
    conf = np.asarray(confidence, dtype=np.float64)
    right = np.asarray(correct, dtype=np.float64)
    which = np.minimum((conf * bins).astype(np.int64), bins - 1)
    n = np.bincount(which, minlength=bins)
    conf_sum = np.bincount(which, weights=conf, minlength=bins)
    right_sum = np.bincount(which, weights=right, minlength=bins)
    return [
        Bin(
            k / bins,
            (k + 1) / bins,
            int(n[k]),
            conf_sum[k] / n[k] if n[k] else 0.0,
            right_sum[k] / n[k] if n[k] else 0.0,
        )
        for k in range(bins)
    ]


def ece(confidence: Sequence[float], correct: Sequence[bool], bins: int = BINS) -> float:
    """Expected calibration error: the text-weighted mean of |accuracy - confidence| over the bins."""
    table = reliability(confidence, correct, bins)
    total = sum(b.n for b in table)
    return sum(b.n * abs(b.accuracy - b.confidence) for b in table) / total if total else 0.0


def reliability_lines(table: list[Bin]) -> list[str]:
    """The reliability table as printed by `evaluate --detail`."""
    lines = [f"{'confidence':<12} {'texts':>7} {'mean conf':>10} {'accuracy':>9} {'gap':>7}"]
    for b in table:
        if b.high <= 1 / 3 and not b.n:  # with three labels no confidence is below 1/3
            continue
        if b.n:
            lines.append(
                f"{b.low:.1f}-{b.high:.1f}     {b.n:>7} {b.confidence:>10.4f} {b.accuracy:>9.4f} {b.accuracy - b.confidence:>+7.4f}"
            )
        else:
            lines.append(f"{b.low:.1f}-{b.high:.1f}     {0:>7} {'':>10} {'':>9} {'':>7}")
    return lines


def softmax(scores: np.ndarray, temperature: float | np.ndarray) -> np.ndarray:
    """Class probabilities of raw scores (texts x classes) at a temperature (or one per text, texts x 1)."""
    z = scores / np.asarray(temperature, dtype=np.float32)
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """Softmax temperature that minimizes the log-loss of held-out scores (a grid: deterministic)."""
    grid = np.exp(np.linspace(np.log(0.02), np.log(5.0), 241))
    best, best_loss = 1.0, np.inf
    rows = np.arange(len(y))
    for t in grid:
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        loss = -(z[rows, y] - np.log(np.exp(z).sum(axis=1))).mean()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return round(best, 6)
