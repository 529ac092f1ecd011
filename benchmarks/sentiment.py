"""Sentiment model speed: training time and labelling throughput on headline-length texts,
side by side with the plain TF-IDF + logistic-regression floor (issue 14) in the same command.

Headlines are the first 12 words of the bundled sentences (about 66 characters, like a news
title), repeated to N texts. Wall and CPU seconds are both shown: on a shared machine wall time
is an upper bound. Targets: training under 60 s, at least 10,000 headlines/s.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sentiment.baseline import floor_predictor
from sentiment.model import load_model
from sentiment.train import bundled_examples, train


def _timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(headlines: int = 200_000) -> None:
    examples = bundled_examples()
    texts = [" ".join(e.text.split()[:12]) for e in examples]
    texts = (texts * (headlines // len(texts) + 1))[:headlines]
    chars = sum(map(len, texts)) / len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.zip"
        _, citra_wall, citra_cpu = _timed(lambda: train(examples, path))
        size = path.stat().st_size
        model = load_model(path)
        _, predict_wall, predict_cpu = _timed(lambda: model.predict(texts))
    floor, floor_wall, floor_cpu = _timed(lambda: floor_predictor(examples))
    _, floor_predict_wall, floor_predict_cpu = _timed(lambda: floor(texts))
    print(f"\nSentiment: {len(examples):,} training examples; {headlines:,} headlines of {chars:.0f} characters")
    print(f"{'model':<28} {'train s (wall/cpu)':>20} {'headlines/s (wall/cpu)':>26} {'file MB':>8}")
    print(
        f"{'citra (shipped recipe)':<28} {citra_wall:>9.1f} /{citra_cpu:>7.1f} "
        f"{headlines / predict_wall:>12,.0f} /{headlines / predict_cpu:>10,.0f} {size / 1e6:>8.1f}"
    )
    print(
        f"{'floor (TF-IDF + LR)':<28} {floor_wall:>9.1f} /{floor_cpu:>7.1f} "
        f"{headlines / floor_predict_wall:>12,.0f} /{headlines / floor_predict_cpu:>10,.0f} {'':>8}"
    )
