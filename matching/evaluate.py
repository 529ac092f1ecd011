"""Precision and recall of the matcher on a labelled set, through the whole path the warehouse
takes (DuckDB candidates, scores, one document per mention).

A predicted pickup is right when the mention carries that release. Precision: right / predicted;
recall: right / pickups in the set. Besides: decoys counted (mentions that carry no release but
were matched) and releases nobody carried that show a pickup; both must be 0.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import duckdb

from ingestion.memory import cap_memory
from matching.assign import Match, best_per_mention
from matching.documents import MatchSettings, mentions_table
from matching.labelled import LabelledSet
from matching.run import match_documents


@dataclass(frozen=True)
class Figures:
    set_name: str
    method: str
    accept: float
    predicted: int
    right: int
    pickups: int
    decoys_counted: int
    uncarried_with_pickups: int
    review: int  # pairs left in the review band

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.pickups if self.pickups else 1.0

    def line(self) -> str:
        return (
            f"{self.set_name:<10} {self.method:<9} accept>={self.accept:.2f}  precision {self.precision:.3f}  "
            f"recall {self.recall:.3f}  ({self.right}/{self.predicted} predicted, {self.pickups} pickups; "
            f"decoys counted {self.decoys_counted}, uncarried releases with pickups {self.uncarried_with_pickups}, "
            f"pairs to review {self.review})"
        )


def scored_pairs(labelled: LabelledSet, method: str = "coverage", floor: float = 0.0) -> list[Match]:
    """Every candidate pair of the set with its score (``floor``: the lowest kept)."""
    con = cap_memory(duckdb.connect())
    try:
        con.register("_labelled", mentions_table(labelled.mentions))
        settings = MatchSettings(accept=max(floor, 1e-9), review=max(floor, 1e-9))
        return match_documents(con, labelled.documents, "select * from _labelled", {}, settings, method)
    finally:
        con.close()


def figures(labelled: LabelledSet, pairs: list[Match], settings: MatchSettings, method: str) -> Figures:
    """The figures of ``pairs`` (from ``scored_pairs``) under ``settings``' thresholds."""
    banded = [replace(p, band=settings.band(p.score) or "") for p in pairs]
    best = best_per_mention(banded)
    truth = labelled.truth
    right = sum(1 for mid, match in best.items() if truth.get(mid) == match.doc_id)
    carried = {d for d in truth.values() if d}
    return Figures(
        labelled.name,
        method,
        settings.accept,
        len(best),
        right,
        sum(1 for d in truth.values() if d),
        sum(1 for mid in best if not truth.get(mid)),
        len({match.doc_id for match in best.values()} - carried),
        sum(1 for p in banded if p.band == "review" and p.mention_id not in best),
    )


def mistakes(labelled: LabelledSet, pairs: list[Match], settings: MatchSettings) -> list[str]:
    """Lines naming every wrong or missed pickup, for tuning on the dev set."""
    banded = [replace(p, band=settings.band(p.score) or "") for p in pairs]
    best = best_per_mention(banded)
    titles = {m.mention_id: m.title for m in labelled.mentions}
    top = {}
    for p in pairs:
        if p.mention_id not in top or p.score > top[p.mention_id].score:
            top[p.mention_id] = p
    lines = []
    for mid, doc in labelled.truth.items():
        got = best.get(mid)
        if (got.doc_id if got else "") == doc:
            continue
        seen = top.get(mid)
        lines.append(
            f"{mid} carries {doc or '-'} got {got.doc_id if got else '-'}; best pair "
            f"{seen.doc_id if seen else '-'} {seen.score if seen else 0:.3f} "
            f"(doc {seen.document_coverage if seen else 0:.2f}, mention {seen.mention_coverage if seen else 0:.2f})"
            f": {titles[mid][:90]}"
        )
    return lines
