"""Where notifications go: email (SMTP, as the monthly report), a webhook (Slack, Mattermost or
anything that takes a JSON POST) and a Telegram bot. Standard library only, nothing fetched.

A failed send raises ``DeliveryError`` that says whether the message surely did not arrive
(``definite``: refused, an error answer, no connection) and whether trying again may help
(``retryable``). A send that timed out after the request went out may have arrived: that is not
definite, and the outbox never repeats it on its own (alerts/outbox.py).
"""

from __future__ import annotations

import json
import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from alerts.messages import Names, payload, subject, text
from alerts.notice import Notice
from reporting.delivery import SmtpSettings

TELEGRAM_LIMIT = 4096


class DeliveryError(Exception):
    """A notification that did not (surely) arrive."""

    def __init__(self, message: str, definite: bool = True, retryable: bool = True) -> None:
        super().__init__(message)
        self.definite = definite
        self.retryable = retryable and definite


class Channel(Protocol):
    name: str

    def send(self, notice: Notice, names: Names, timeout: float) -> str: ...


def post_json(url: str, body: dict, timeout: float, secret: str = "") -> str:
    """POST ``body`` as JSON; the answer's status, or DeliveryError. ``secret`` is hidden from
    error texts (a Telegram token is part of its URL)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": "citra-alerts"},
        method="POST",
    )

    def hide(message: object) -> str:
        return str(message).replace(secret, "***") if secret else str(message)

    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - URL from settings
            response.read()
            return f"HTTP {response.status}"
    except urllib.error.HTTPError as error:
        detail = hide(error.read()[:200].decode("utf-8", "replace"))
        raise DeliveryError(
            f"HTTP {error.code} {detail}".strip(), retryable=error.code >= 500 or error.code == 429
        ) from None
    except urllib.error.URLError as error:  # no connection (refused, name unknown, connect timeout)
        raise DeliveryError(f"no connection: {hide(error.reason)}") from None
    except TimeoutError:  # the request went out, the answer did not come
        raise DeliveryError(f"no answer within {timeout:g} s; the message may have arrived", definite=False) from None
    except OSError as error:  # connection reset while waiting
        raise DeliveryError(f"connection lost: {hide(error)}; the message may have arrived", definite=False) from None


@dataclass(frozen=True)
class WebhookChannel:
    """`CITRA_ALERT_WEBHOOK_URL`: one JSON POST per alert (Slack and Mattermost read `text`)."""

    url: str
    name: str = "webhook"

    def send(self, notice: Notice, names: Names, timeout: float) -> str:
        return post_json(self.url, payload(notice, names), timeout)


@dataclass(frozen=True)
class TelegramChannel:
    """A Telegram bot (`CITRA_TELEGRAM_BOT_TOKEN`) posting into a group (`CITRA_TELEGRAM_CHAT_ID`)."""

    token: str
    chat_id: str
    api_base: str = "https://api.telegram.org"
    name: str = "telegram"

    def send(self, notice: Notice, names: Names, timeout: float) -> str:
        url = f"{self.api_base.rstrip('/')}/bot{self.token}/sendMessage"
        body = {"chat_id": self.chat_id, "text": text(notice, names)[:TELEGRAM_LIMIT], "disable_web_page_preview": True}
        return post_json(url, body, timeout, secret=self.token)


@dataclass(frozen=True)
class EmailChannel:
    """An email per alert through the report's SMTP server, to the alert recipients."""

    settings: SmtpSettings
    name: str = "email"

    def message(self, notice: Notice, names: Names) -> EmailMessage:
        message = EmailMessage()
        reminder = "Pengingat: " if notice.purpose == "reminder" else ""
        message["Subject"] = f"[Citra] {reminder}{subject(notice.alert, names)}"
        message["From"] = self.settings.sender
        message["To"] = ", ".join(self.settings.recipients)
        message.set_content(text(notice, names) + "\n\nPesan ini dikirim otomatis oleh Citra.")
        return message

    def send(self, notice: Notice, names: Names, timeout: float) -> str:
        s = self.settings
        try:
            smtp = smtplib.SMTP(s.host, s.port, timeout=timeout)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"no connection to {s.host}:{s.port}: {error}") from None
        sending = False
        try:
            with smtp:
                if s.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if s.user:
                    smtp.login(s.user, s.password or "")
                sending = True
                smtp.send_message(self.message(notice, names))
        except smtplib.SMTPResponseException as error:  # the server refused: not delivered
            raise DeliveryError(
                f"SMTP {error.smtp_code} {error.smtp_error!r}", retryable=error.smtp_code < 500
            ) from None
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"recipients refused: {', '.join(error.recipients)}", retryable=False) from None
        except (OSError, smtplib.SMTPException) as error:
            if not sending:
                raise DeliveryError(f"SMTP {s.host}:{s.port}: {error}") from None
            raise DeliveryError(
                f"SMTP connection lost: {error}; the message may have arrived", definite=False
            ) from None
        return f"SMTP to {len(s.recipients)} recipient(s)"
