"""The generator's releases and rewrites as a labelled set for the matcher (its dev set beside
``matching/labelled/dev.yml``): every rewrite knows the release it carries, every decoy and
late rewrite carries none. ``background`` adds the sample's ordinary headlines on the same
issues (``bank``), spread over the same months, so the candidate search meets a realistic
crowd; they carry no release either.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import numpy as np

from matching.documents import Mention
from matching.labelled import LabelledSet, from_records

from .bank import build_bank
from .reference import load_reference
from .releases import plan_releases, write_stories

FIRST_MONTH = date(2024, 1, 1)


def labelled_sample(seed: int = 42, months: int = 24, background: int = 20_000) -> LabelledSet:
    """The sample's releases, rewrites and decoys from ``FIRST_MONTH``, plus ``background``
    ordinary headlines."""
    releases = plan_releases(seed, FIRST_MONTH, months)
    stories = write_stories(seed, releases)
    records = [
        {
            "id": r.release_id,
            "published_at": r.published_at.replace(tzinfo=None).isoformat(sep=" "),
            "title": r.title,
            "lead": r.lead,
            "url": r.url,
            "issue": r.issue,
            "agency": r.agency,
        }
        for r in releases
    ]
    mentions = [
        {
            "id": s.key,
            "carries": s.carries,
            "at": s.published_at.replace(tzinfo=None).isoformat(sep=" "),
            "title": s.title,
            "snippet": s.snippet,
        }
        for s in stories
    ]
    return with_background(from_records("sample", records, mentions), background, seed)


def with_background(labelled: LabelledSet, count: int, seed: int = 42) -> LabelledSet:
    """``labelled`` plus ``count`` of the sample's ordinary headlines (none carries a release),
    at random times over the set's span."""
    if not count:
        return labelled
    rng = np.random.default_rng([seed, 24, 3])
    headlines = build_bank(load_reference()).news.series
    first = min(d.start for d in labelled.documents)
    span = (max(d.end for d in labelled.documents) - first).total_seconds()
    picked = rng.integers(0, len(headlines), count)
    offsets = rng.uniform(0, span, count)
    extra = [
        Mention(f"bg{k}", first + timedelta(seconds=float(offset)), headlines[int(i)])
        for k, (i, offset) in enumerate(zip(picked, offsets))
    ]
    return replace(
        labelled,
        mentions=labelled.mentions + extra,
        truth={**labelled.truth, **{m.mention_id: "" for m in extra}},
    )
