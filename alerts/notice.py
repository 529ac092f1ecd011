"""What a message is about: an alert, why it is sent (the first notice or a reminder) and how it
stands when it is sent (answered by which post, or not yet), so a channel never decides
anything itself and a new alert kind goes through the same path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from alerts.model import Alert


@dataclass(frozen=True)
class Response:
    """The first official post that counts as the office's answer (alerts/responses.py)."""

    account: str  # platform/account
    published_at: datetime
    hours: float  # since the alert's window_start
    url: str | None


@dataclass(frozen=True)
class Notice:
    """One message: ``purpose`` is ``notice`` (the first) or ``reminder``; ``sent_at`` is when
    the first notice went out on this channel (for a reminder)."""

    alert: Alert
    purpose: str = "notice"
    response: Response | None = None
    other_posts_after: int = 0
    sent_at: datetime | None = None
