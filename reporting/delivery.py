"""Email the monthly PDF when SMTP is configured; without settings the report is only written.

| variable                 | default | meaning                                          |
|--------------------------|---------|--------------------------------------------------|
| CITRA_SMTP_HOST          | (none)  | SMTP server; delivery is off when unset          |
| CITRA_SMTP_PORT          | 587     | SMTP port                                        |
| CITRA_SMTP_USER          | (none)  | login user; no login when unset                  |
| CITRA_SMTP_PASSWORD      | (none)  | login password                                   |
| CITRA_SMTP_FROM          | USER    | sender address                                   |
| CITRA_REPORT_RECIPIENTS  | (none)  | comma-separated addresses; delivery is off when empty |
| CITRA_SMTP_STARTTLS      | true    | upgrade the connection with STARTTLS (false for a local relay) |
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

from reporting import formatting as fmt
from reporting.render import RenderedReport

TRUE = {"1", "true", "yes", "on", "ya"}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and to whom the report is mailed."""

    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str | None = None
    password: str | None = None
    starttls: bool = True


def smtp_settings(environ: Mapping[str, str]) -> SmtpSettings | None:
    """Settings from the environment, or None when host or recipients are missing."""
    host = environ.get("CITRA_SMTP_HOST", "").strip()
    recipients = tuple(r.strip() for r in environ.get("CITRA_REPORT_RECIPIENTS", "").split(",") if r.strip())
    if not host or not recipients:
        return None
    user = environ.get("CITRA_SMTP_USER") or None
    sender = environ.get("CITRA_SMTP_FROM") or user
    if not sender:
        raise ValueError(
            "CITRA_SMTP_FROM is not set: give the sender address, e.g. laporan@diskominfo.kalselprov.go.id"
        )
    port_text = environ.get("CITRA_SMTP_PORT", "587")
    if not port_text.isdigit():
        raise ValueError(f"CITRA_SMTP_PORT {port_text!r} is not a port number; expected e.g. 587")
    return SmtpSettings(
        host=host,
        port=int(port_text),
        sender=sender,
        recipients=recipients,
        user=user,
        password=environ.get("CITRA_SMTP_PASSWORD") or None,
        starttls=environ.get("CITRA_SMTP_STARTTLS", "true").strip().lower() in TRUE,
    )


def report_message(report: RenderedReport, settings: SmtpSettings, warnings: list[str]) -> EmailMessage:
    """The email: a short Indonesian note with the PDF attached."""
    month = fmt.month_name(report.month)
    message = EmailMessage()
    message["Subject"] = f"Laporan Bulanan Pemantauan Media – {month}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    lines = [f"Terlampir laporan bulanan pemantauan media untuk {month}.", ""]
    if warnings:
        lines += ["Perhatian: data bulan ini belum lengkap.", *(f"- {w}" for w in warnings), ""]
    lines += ["Pesan ini dikirim otomatis oleh Citra."]
    message.set_content("\n".join(lines))
    message.add_attachment(
        report.pdf_path.read_bytes(), maintype="application", subtype="pdf", filename=report.pdf_path.name
    )
    return message


def send_report(report: RenderedReport, settings: SmtpSettings, warnings: list[str], timeout: float = 60) -> None:
    """Send the PDF to every recipient; raises on any SMTP error so the run fails visibly."""
    message = report_message(report, settings, warnings)
    with smtplib.SMTP(settings.host, settings.port, timeout=timeout) as smtp:
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)
