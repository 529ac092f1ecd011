"""The rapor by email: one message per unit, to its contact, with the PDF attached, through the
monthly report's SMTP settings (reporting/delivery.py, ``CITRA_SMTP_*``).

A failed send raises ``SendError`` saying whether the message surely did not arrive
(``definite``: refused, no connection) and whether another try may help (``retryable``). A
connection lost after the message went out may have delivered it: not definite, never repeated
on its own (scorecard/outbox.py).
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import replace
from email.message import EmailMessage

from reporting import formatting as fmt
from reporting.delivery import SmtpSettings
from scorecard.rapor.model import Rapor
from scorecard.rapor.render import RenderedRapor


class SendError(Exception):
    """A rapor that did not (surely) arrive."""

    def __init__(self, message: str, definite: bool = True, retryable: bool = True) -> None:
        super().__init__(message)
        self.definite = definite
        self.retryable = retryable and definite


def recipients(contact: str) -> tuple[str, ...]:
    """The addresses of a contact cell (", " between them)."""
    return tuple(a.strip() for a in contact.split(",") if a.strip())


def rapor_message(rapor: Rapor, rendered: RenderedRapor, settings: SmtpSettings) -> EmailMessage:
    """The email in Indonesian: the composite, the rank and the recommendations, the PDF attached."""
    row, month = rapor.row, fmt.month_name(rapor.month)
    message = EmailMessage()
    message["Subject"] = f"Rapor Kehumasan {rapor.unit_name} – {month}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    kind = "perangkat daerah" if rapor.unit_type == "agency" else "wilayah"
    rank = (
        f"peringkat {row['rank']} dari {row['units_ranked']} {kind}"
        if row["rank"] is not None
        else "belum diperingkat (komponen berdata belum cukup)"
    )
    lines = [
        f"Yth. pengelola kehumasan {rapor.unit_full_name},",
        "",
        f"terlampir rapor kehumasan {month}. Nilai komposit: {fmt.number(row['composite_score'], 1)} ({rank}).",
        "",
        "Rekomendasi:",
        *(f"{n}. {text}" for n, text in enumerate(rapor.recommendations, start=1)),
        "",
        f"Pesan ini dikirim otomatis oleh Citra atas nama {rapor.office or 'Diskominfo'}.",
    ]
    message.set_content("\n".join(lines))
    message.add_attachment(
        rendered.pdf_path.read_bytes(),
        maintype="application",
        subtype="pdf",
        filename=f"rapor_{rapor.unit}_{rapor.month:%Y-%m}.pdf",
    )
    return message


def send_rapor(rapor: Rapor, rendered: RenderedRapor, settings: SmtpSettings, timeout: float) -> str:
    """Send one unit's rapor to ``settings.recipients``; raises SendError."""
    message = rapor_message(rapor, rendered, settings)
    try:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as error:
        raise SendError(f"no connection to {settings.host}:{settings.port}: {error}") from None
    sending = False
    try:
        with smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user:
                smtp.login(settings.user, settings.password or "")
            sending = True
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise SendError(f"recipients refused: {', '.join(error.recipients)}", retryable=False) from None
    except smtplib.SMTPResponseException as error:
        raise SendError(f"SMTP {error.smtp_code} {error.smtp_error!r}", retryable=error.smtp_code < 500) from None
    except (OSError, smtplib.SMTPException) as error:
        if not sending:
            raise SendError(f"SMTP {settings.host}:{settings.port}: {error}") from None
        raise SendError(f"SMTP connection lost: {error}; the rapor may have arrived", definite=False) from None
    return f"SMTP to {', '.join(settings.recipients)}"


def for_contact(settings: SmtpSettings, contact: str) -> SmtpSettings:
    """The office's SMTP settings, addressed to a unit's contact."""
    return replace(settings, recipients=recipients(contact))
