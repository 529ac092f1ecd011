"""A registered hoax as the tracer sees it, and the document the matcher searches for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from matching.documents import Document


@dataclass(frozen=True)
class Hoax:
    """The current state of one hoax of the register (its latest values)."""

    hoax_id: str
    claim: str
    first_seen: datetime
    keywords: tuple[str, ...] = ()
    klarifikasi_url: str | None = None
    klarifikasi_at: datetime | None = None

    def document(self, lookback_days: int, until: datetime) -> Document:
        """The claim as a matcher document: mentions from ``first_seen - lookback_days`` up to
        ``until`` are its candidates; its keywords count as part of the claim, and its
        clarification page is the URL a debunk links to."""
        return Document(
            doc_id=self.hoax_id,
            title=self.claim,
            start=self.first_seen - timedelta(days=lookback_days),
            end=until,
            url=self.klarifikasi_url,
            keywords=self.keywords,
        )
