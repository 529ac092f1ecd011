"""A mention carries at most one document: the best one.

Two releases on one issue in one week share words; a pickup of one must not also count for the
other. Of a mention's accepted pairs the best wins: the higher score, then a link over text,
then the document published last before the mention (the closer one), then the lower id (so
the choice never depends on input order). dbt applies the same rule after staff decisions
(``int_release_pickups_ranked``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Match:
    """A scored pair at or above the review threshold."""

    doc_id: str
    mention_id: str
    score: float
    matched_on: str  # url | text
    band: str  # accept | review
    doc_start: datetime
    document_coverage: float = 0.0
    mention_coverage: float = 0.0
    shared: tuple[str, ...] = ()


def rank_key(match: Match) -> tuple:
    """Sort key, best first (module docstring)."""
    return (-match.score, match.matched_on != "url", -match.doc_start.timestamp(), match.doc_id)


def best_per_mention(matches: Iterable[Match], band: str = "accept") -> dict[str, Match]:
    """mention_id -> its best pair among the pairs of ``band``."""
    best: dict[str, Match] = {}
    for match in matches:
        if match.band != band:
            continue
        held = best.get(match.mention_id)
        if held is None or rank_key(match) < rank_key(held):
            best[match.mention_id] = match
    return best
