"""The outside services that receive alerts: a webhook, a Telegram bot, and email through the
report's SMTP server (``SmtpResource``) to the alert recipients.

Each channel is on when its settings are present; values come from the environment through
``dg.EnvVar`` (resolved when a run starts, so the bot token never shows in the UI).

| variable                   | default                   | meaning                                        |
|----------------------------|---------------------------|------------------------------------------------|
| CITRA_ALERT_WEBHOOK_URL    | (none)                    | JSON POST per alert (Slack, Mattermost, other)  |
| CITRA_TELEGRAM_BOT_TOKEN   | (none)                    | the bot's token (from @BotFather)               |
| CITRA_TELEGRAM_CHAT_ID     | (none)                    | the group or chat the bot posts into            |
| CITRA_TELEGRAM_API_URL     | https://api.telegram.org  | the Bot API base URL (a local server in tests)  |
| CITRA_ALERT_RECIPIENTS     | CITRA_REPORT_RECIPIENTS   | comma-separated addresses for alert emails      |
"""

from __future__ import annotations

import dagster as dg

from alerts.channels import Channel, EmailChannel, TelegramChannel, WebhookChannel
from orchestration.resources import SmtpResource, env_or


class AlertWebhookResource(dg.ConfigurableResource):
    """A webhook that takes one JSON POST per alert (``CITRA_ALERT_WEBHOOK_URL``)."""

    url: str = ""

    def channel(self) -> Channel | None:
        return WebhookChannel(self.url.strip()) if self.url.strip() else None


class TelegramResource(dg.ConfigurableResource):
    """A Telegram bot posting alerts into a group (``CITRA_TELEGRAM_*``)."""

    bot_token: str = ""
    chat_id: str = ""
    api_url: str = "https://api.telegram.org"

    def channel(self) -> Channel | None:
        if not (self.bot_token.strip() and self.chat_id.strip()):
            return None
        return TelegramChannel(self.bot_token.strip(), self.chat_id.strip(), self.api_url.strip())


class AlertEmailResource(dg.ConfigurableResource):
    """Who gets alert emails (``CITRA_ALERT_RECIPIENTS``; the report's recipients when empty)."""

    recipients: str = ""

    def channel(self, smtp: SmtpResource) -> Channel | None:
        settings = smtp.settings(self.recipients or None)
        return EmailChannel(settings) if settings else None


def alert_resources() -> dict[str, dg.ConfigurableResource]:
    """The alert channels, configured from the environment."""
    return {
        "alert_webhook": AlertWebhookResource(url=env_or("CITRA_ALERT_WEBHOOK_URL")),
        "telegram": TelegramResource(
            bot_token=env_or("CITRA_TELEGRAM_BOT_TOKEN"),
            chat_id=env_or("CITRA_TELEGRAM_CHAT_ID"),
            api_url=env_or("CITRA_TELEGRAM_API_URL", "https://api.telegram.org"),
        ),
        "alert_email": AlertEmailResource(recipients=env_or("CITRA_ALERT_RECIPIENTS")),
    }
