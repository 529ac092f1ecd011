"""What a hoax alert says (alerts/hoax.py), in Bahasa Indonesia: the claim, whether it resurfaced
or spreads without a clarification, and the clarification link when there is one. The claim and
the link are read when the message is sent (``Names.hoaxes``), so a clarification registered
after the alert was raised is already in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reporting import formatting as fmt

if TYPE_CHECKING:
    from alerts.messages import Names
    from alerts.model import Alert

CLAIM_CHARS = 160


def claim_of(alert: Alert, names: Names) -> str:
    """The hoax's claim (shortened), else its id."""
    claim = names.hoaxes.get(alert.term or "", (None, None))[0] or alert.term or ""
    return claim if len(claim) <= CLAIM_CHARS else claim[: CLAIM_CHARS - 1].rstrip() + "…"


def what_happened(alert: Alert, names: Names) -> str:
    """The alert in one or two sentences."""
    claim = claim_of(alert, names)
    spread = f"{fmt.number(alert.mentions)} mention menyebarkannya"
    if alert.baseline > 0:
        said = f'Hoaks "{claim}" menyebar lagi setelah {fmt.number(alert.baseline)} hari tanpa sebaran: {spread}.'
    else:
        hours = (alert.window_end - alert.window_start).total_seconds() / 3600
        said = f'Hoaks "{claim}" menyebar dan belum ada klarifikasi {fmt.number(hours)} jam setelah sebaran pertama: {spread}.'
    link = names.hoaxes.get(alert.term or "", (None, None))[1]
    return f"{said} Klarifikasi: {link}" if link else f"{said} Belum ada klarifikasi terdaftar."


def payload_fields(alert: Alert, names: Names) -> dict[str, object]:
    """The webhook's extra fields of a hoax alert."""
    claim, link = names.hoaxes.get(alert.term or "", (None, None))
    return {"hoax_id": alert.term, "claim": claim, "klarifikasi_url": link, "quiet_days_before": alert.baseline}
