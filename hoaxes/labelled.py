"""Labelled sets of the hoax tracer (``hoaxes/labelled/*.yml``): registered hoaxes, and mentions
that carry one of them with a role (spread, debunk) or none (stories on the same topics).

``dev.yml`` and the sample generator's hoaxes chose the thresholds and the debunk cues;
``heldout.yml`` was written before the tracer and is run once for the published figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from hoaxes.claims import keyword_list
from hoaxes.model import Hoax

LABELLED = Path(__file__).parent / "labelled"
WITA = ZoneInfo("Asia/Makassar")


@dataclass(frozen=True)
class LabelledMention:
    mention_id: str
    published_at: datetime
    title: str
    snippet: str = ""
    url: str | None = None
    author: str = ""
    platform: str = ""
    official: bool = False
    hoax: str = ""  # the hoax it carries ("" for none)
    role: str = ""  # spread | debunk ("" for none)


@dataclass(frozen=True)
class LabelledSet:
    name: str
    hoaxes: list[Hoax]
    mentions: list[LabelledMention]

    @property
    def official(self) -> set[str]:
        """Handles of the mentions marked official (as the accounts seed lists them)."""
        return {m.author.lower() for m in self.mentions if m.official}


def _time(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(str(text)).replace(tzinfo=WITA)


def from_records(name: str, hoaxes: list[dict], mentions: list[dict]) -> LabelledSet:
    """A set from plain records (the YAML files' layout; the sample generator writes the same)."""
    return LabelledSet(
        name,
        [
            Hoax(
                h["id"],
                h["claim"],
                _time(h["first_seen"]),
                tuple(h.get("keywords") or ())
                if not isinstance(h.get("keywords"), str)
                else tuple(keyword_list(h["keywords"])),
                h.get("klarifikasi_url"),
                _time(h.get("klarifikasi_at")),
            )
            for h in hoaxes
        ],
        [
            LabelledMention(
                m["id"],
                _time(m["at"]),
                m.get("title") or "",
                m.get("snippet") or "",
                m.get("url"),
                m.get("author") or "",
                m.get("platform") or ("instagram" if m.get("media_type") == "social" else ""),
                bool(m.get("official")),
                m.get("hoax") or "",
                m.get("role") or "",
            )
            for m in mentions
        ],
    )


def load_set(name: str) -> LabelledSet:
    """``dev`` or ``heldout`` from ``hoaxes/labelled/``."""
    data = yaml.safe_load((LABELLED / f"{name}.yml").read_text(encoding="utf-8"))
    return from_records(name, data["hoaxes"], data["mentions"])
