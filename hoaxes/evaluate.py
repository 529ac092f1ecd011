"""Precision and recall of the tracer per class (spread, debunk) on a labelled set, through the
whole path the warehouse takes (DuckDB candidates, claim scores, one hoax per mention, roles).

A mention is predicted in a class when the tracer accepts it with that role (the review queue
is no prediction). Right: the labelled hoax and role. Precision of a class: right / predicted
in it; recall: right / labelled in it. Besides: unrelated mentions matched (must be 0), and
mentions left to review (at or above ``review``, not accepted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, timedelta

import duckdb
import pyarrow as pa

from hoaxes.labelled import LabelledSet
from hoaxes.settings import HoaxSettings
from hoaxes.trace import Traced, trace
from ingestion.memory import cap_memory
from matching import mentions_table

ROLES = ("spread", "debunk")


@dataclass(frozen=True)
class ClassFigures:
    role: str
    labelled: int
    predicted: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.labelled if self.labelled else 1.0


@dataclass(frozen=True)
class Figures:
    set_name: str
    accept: float
    classes: dict[str, ClassFigures]
    unrelated_matched: int
    to_review: int
    planted: int
    right: int

    @property
    def right_share(self) -> float:
        """Share of the planted mentions (spread or debunk) with the right hoax and role."""
        return self.right / self.planted if self.planted else 1.0

    def lines(self) -> list[str]:
        out = [
            f"{self.set_name:<8} accept>={self.accept:.2f}  right hoax and role {self.right}/{self.planted} "
            f"({self.right_share:.3f}); unrelated matched {self.unrelated_matched}; to review {self.to_review}"
        ]
        for c in self.classes.values():
            out.append(
                f"  {c.role:<7} precision {c.precision:.3f} ({c.right}/{c.predicted})  "
                f"recall {c.recall:.3f} ({c.right}/{c.labelled})"
            )
        return out


def traced(labelled: LabelledSet, settings: HoaxSettings) -> list[Traced]:
    """The tracer's output for the set (every pair at or above ``settings.review``)."""
    m = labelled.mentions
    con = cap_memory(duckdb.connect())
    try:
        table = mentions_table(m)
        table = table.append_column("author", pa.array([x.author for x in m], pa.string()))
        table = table.append_column("platform", pa.array([x.platform for x in m], pa.string()))
        con.register("_labelled", table)
        last = max([x.published_at for x in m] + [h.first_seen for h in labelled.hoaxes])
        until = last.astimezone(UTC) + timedelta(days=1)
        return trace(con, labelled.hoaxes, "select * from _labelled", {}, settings, until, labelled.official)
    finally:
        con.close()


def figures(labelled: LabelledSet, found: list[Traced], settings: HoaxSettings) -> Figures:
    """The figures of ``found`` (from ``traced``) when ``settings.accept`` decides."""
    accepted = {t.mention_id: t for t in found if t.score >= settings.accept and t.role_sure}
    truth = {x.mention_id: x for x in labelled.mentions}
    classes = {}
    for role in ROLES:
        predicted = [t for t in accepted.values() if t.role == role]
        right = [t for t in predicted if truth[t.mention_id].hoax == t.hoax_id and truth[t.mention_id].role == role]
        classes[role] = ClassFigures(role, sum(1 for x in truth.values() if x.role == role), len(predicted), len(right))
    return Figures(
        labelled.name,
        settings.accept,
        classes,
        sum(1 for mid in accepted if not truth[mid].hoax),
        sum(1 for t in found if t.mention_id not in accepted and t.score >= settings.review),
        sum(1 for x in truth.values() if x.hoax),
        sum(c.right for c in classes.values()),
    )


def mistakes(labelled: LabelledSet, found: list[Traced], settings: HoaxSettings) -> list[str]:
    """Lines naming every wrong, missed or reviewed mention, for tuning on the dev set."""
    got = {t.mention_id: t for t in found}
    lines = []
    for x in labelled.mentions:
        t = got.get(x.mention_id)
        accepted = t is not None and t.score >= settings.accept and t.role_sure
        predicted = (t.hoax_id, t.role) if accepted else ("", "")
        if predicted == (x.hoax, x.role):
            continue
        seen = (
            f"{t.hoax_id} {t.role} {t.score:.3f} (claim {t.claim_coverage:.2f}, mention {t.mention_coverage:.2f}, "
            f"kw {t.keyword}, {t.cue})"
            if t
            else "no candidate"
        )
        lines.append(f"{x.mention_id} is {x.hoax or '-'} {x.role or '-'}; got {seen}: {x.title[:90]}")
    return lines
