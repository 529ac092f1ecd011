"""Ordinary sample headlines and social posts around a labelled set of the hoax tracer: a
realistic crowd on the same issues (floods, schools, aid), none of which carries a registered
claim, so the evaluation also counts what the tracer wrongly takes from the background."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import numpy as np

from hoaxes.labelled import LabelledMention, LabelledSet

from .bank import build_bank
from .reference import load_reference


def with_background(labelled: LabelledSet, count: int, seed: int = 42) -> LabelledSet:
    """``labelled`` plus ``count`` ordinary headlines and posts (half each), at random times over
    the set's span; none carries a hoax."""
    if not count:
        return labelled
    rng = np.random.default_rng([seed, 25, 3])
    bank = build_bank(load_reference())
    texts = [*bank.news.series.to_list(), *bank.posts.series.to_list()]
    first = min(m.published_at for m in labelled.mentions)
    span = (max(m.published_at for m in labelled.mentions) - first).total_seconds()
    picked, offsets = rng.integers(0, len(texts), count), rng.uniform(0, span, count)
    extra = [
        LabelledMention(f"bg{k}", first + timedelta(seconds=float(offset)), texts[int(i)])
        for k, (i, offset) in enumerate(zip(picked, offsets, strict=True))
    ]
    return replace(labelled, mentions=labelled.mentions + extra)
