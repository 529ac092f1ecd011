"""Ordinary sample headlines and social posts around a labelled set of the hoax tracer: a
realistic crowd on the same issues (floods, schools, aid), none of which carries a registered
claim, so the evaluation also counts what the tracer wrongly takes from the background."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from hoaxes.claims import keyword_list
from hoaxes.labelled import LabelledMention, LabelledSet
from hoaxes.model import Hoax

from .bank import build_bank
from .hoax_bank import HOAXES
from .hoaxes import _month, plan
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


def labelled_sample(seed: int = 42, last_month: date = date(2025, 11, 1)) -> LabelledSet:
    """The generator's planted hoaxes as a labelled set (its dev set beside ``hoaxes/labelled/dev.yml``):
    every spread and debunk knows its hoax and role; the true stories the search caught carry none."""
    planted, by_month, _ = plan(last_month, _month(last_month, 1) + timedelta(days=6), seed)
    templates = {t.key: t for t in HOAXES}
    hoaxes = [
        Hoax(
            p.key,
            templates[p.key].claim,
            p.first_spread_at + timedelta(hours=11),
            tuple(keyword_list(templates[p.key].keywords)),
            p.klarifikasi_url,
            p.klarifikasi_at,
        )
        for p in planted
    ]
    officials = {f"@{t.official}" for t in HOAXES}
    mentions = [
        LabelledMention(
            "s" + hashlib.sha1(row["url"].encode()).hexdigest()[:12],
            row["at"],
            row["text"],
            row.get("lead") or row["text"],
            row["url"],
            row["author"].lstrip("@"),
            row["source"].lower(),
            row["author"] in officials,
            row["hoax"],
            row["role"],
        )
        for rows in by_month.values()
        for row in rows
    ]
    return LabelledSet("sample", hoaxes, mentions)
