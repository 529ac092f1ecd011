"""What the matcher compares: documents (a press release, a registered hoax claim) and the
mentions that may carry them, and the settings that decide a match.

A document is matched against the mentions published in its window ``[start, end)``: from a
release's publication to ``window_days`` after it; a hoax engineer may open the window before
the claim was registered (``lookback_days``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import pyarrow as pa

from matching.normalize import Terms, text_terms
from matching.urls import url_key

LEAD_CHARS = 600  # of a long body, only the lead is compared: a pickup rewrites the top


def lead_of(body: str, max_chars: int = LEAD_CHARS) -> str:
    """The first sentences of ``body`` up to ``max_chars`` (whole sentences where possible)."""
    body = " ".join((body or "").split())
    if len(body) <= max_chars:
        return body
    cut = body.rfind(". ", 0, max_chars)
    return body[: cut + 1] if cut > max_chars // 3 else body[:max_chars]


@dataclass(frozen=True)
class Document:
    """Something mentions carry: ``title``, a ``body`` (its lead is compared), a ``url`` that
    shares link to, the window of mentions to search, and ``keywords`` (phrases that count as
    part of the title, e.g. a hoax's keywords)."""

    doc_id: str
    title: str
    start: datetime
    end: datetime
    body: str = ""
    url: str | None = None
    keywords: tuple[str, ...] = ()

    @cached_property
    def terms(self) -> Terms:
        return text_terms(self.title, lead_of(self.body), self.keywords)

    @cached_property
    def url_key(self) -> str | None:
        return url_key(self.url)


@dataclass(frozen=True)
class Mention:
    """A mention as the matcher sees it: its headline (or post text), snippet, own URL and the
    links it carries (``expanded_url``: an export's expanded short links)."""

    mention_id: str
    published_at: datetime
    title: str = ""
    snippet: str = ""
    url: str | None = None
    expanded_url: str | None = None

    @cached_property
    def terms(self) -> Terms:
        return text_terms(self.title or "", self.snippet or "")


def mentions_table(mentions: Sequence[object]) -> pa.Table:
    """Mentions (``Mention`` or any record with its attributes; ``expanded_url`` when it has one)
    as the columns ``match_documents`` reads: mention_id, published_at, title, snippet, url,
    expanded_url. Register it on a connection and pass ``select * from <name>``."""
    return pa.table(
        {
            "mention_id": [m.mention_id for m in mentions],
            "published_at": pa.array([m.published_at for m in mentions], pa.timestamp("us", tz="UTC")),
            "title": [m.title for m in mentions],
            "snippet": [m.snippet for m in mentions],
            "url": pa.array([m.url for m in mentions], pa.string()),
            "expanded_url": pa.array([getattr(m, "expanded_url", None) for m in mentions], pa.string()),
        }
    )


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds of a match (chosen on the dev set, docs/agenda.md): a pair scoring at least
    ``accept`` is a match, one in ``[review, accept)`` goes to the review queue, below is no
    match. ``max_candidates`` bounds the pairs scored per document (best candidates first)."""

    accept: float = 0.65
    review: float = 0.45
    max_candidates: int = 2000
    min_candidate_share: float = 0.3  # of the weight of a document's title a candidate must share

    def band(self, score: float) -> str | None:
        """``accept``, ``review`` or None for a score."""
        if score >= self.accept:
            return "accept"
        if score >= self.review:
            return "review"
        return None
