"""Labelled sets of the release matcher (``matching/labelled/*.yml``): releases, and mentions
that carry one of them or none (decoys on the same topics, stories outside the window).

``dev.yml`` and the sample generator's rewrites choose the method and thresholds;
``heldout.yml`` (A), ``heldout_b.yml`` (B) and ``heldout_c.yml`` (C) were each written before
the change they judge and run once for the published figures (A and B are now tuned on too).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from matching.documents import Document, Mention

LABELLED = Path(__file__).parent / "labelled"
WITA = ZoneInfo("Asia/Makassar")
WINDOW_DAYS = 14


@dataclass(frozen=True)
class LabelledSet:
    name: str
    documents: list[Document]
    mentions: list[Mention]
    truth: dict[str, str]  # mention_id -> the doc_id it carries ("" for none)
    issues: dict[str, str]  # doc_id -> issue
    agencies: dict[str, str]  # doc_id -> agency code


def _time(text: str) -> datetime:
    return datetime.fromisoformat(str(text)).replace(tzinfo=WITA)


def from_records(name: str, releases: list[dict], mentions: list[dict], window_days: int = WINDOW_DAYS) -> LabelledSet:
    """A set from plain records (the YAML files' layout; the sample generator writes the same)."""
    documents = [
        Document(
            doc_id=r["id"],
            title=r["title"],
            start=_time(r["published_at"]),
            end=_time(r["published_at"]) + timedelta(days=window_days),
            body=r.get("lead") or r.get("body") or "",
            url=r.get("url"),
        )
        for r in releases
    ]
    return LabelledSet(
        name,
        documents,
        [
            Mention(m["id"], _time(m["at"]), m.get("title") or "", m.get("snippet") or "", m.get("url"))
            for m in mentions
        ],
        {m["id"]: m.get("carries") or "" for m in mentions},
        {r["id"]: r.get("issue", "") for r in releases},
        {r["id"]: r.get("agency", "") for r in releases},
    )


def load_set(name: str, window_days: int = WINDOW_DAYS) -> LabelledSet:
    """``dev``, ``heldout``, ``heldout_b`` or ``heldout_c`` from ``matching/labelled/``."""
    data = yaml.safe_load((LABELLED / f"{name}.yml").read_text(encoding="utf-8"))
    return from_records(name, data["releases"], data["mentions"], window_days)
