"""What a notification says, in Bahasa Indonesia: one short text for chat (Telegram, Slack,
Mattermost), the same text as an email, and a JSON payload for webhooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alerts import hoax_text
from alerts.model import WITA, Alert
from reporting import formatting as fmt

TITLES = {
    "negative_burst": "Lonjakan pemberitaan negatif",
    "share_rise": "Isu mendadak ramai diberitakan",
    "watchlist": "Kata pantauan mulai muncul",
    "hoax": "Hoaks menyebar",
}
SEVERITY = {"high": "tinggi", "medium": "sedang"}
HEADLINES_IN_TEXT = 3


@dataclass(frozen=True)
class Names:
    """Display names for codes: issue -> name, region code -> name; hoax_id -> (claim,
    klarifikasi_url) for hoax alerts."""

    issues: dict[str, str]
    regions: dict[str, str]
    hoaxes: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    def issue(self, code: str | None) -> str:
        return self.issues.get(code or "", code or "tanpa isu")

    def region(self, code: str | None) -> str:
        return "seluruh provinsi" if code is None else self.regions.get(code, code)


def _window(alert: Alert) -> str:
    start = alert.window_start.astimezone(WITA)
    return f"{fmt.weekday_day(start.date())}, {fmt.window_hours(alert.window_start, alert.window_end)}"


def what_happened(alert: Alert) -> str:
    """The numbers of the alert in one sentence."""
    if alert.kind == "negative_burst":
        return (
            f"{fmt.number(alert.negative_mentions)} mention negatif, padahal biasanya "
            f"{fmt.number(alert.baseline, 1)} pada jam yang sama."
        )
    if alert.kind == "share_rise":
        return (
            f"{fmt.percent(alert.share)} dari seluruh pemberitaan hari itu ({fmt.number(alert.mentions)} mention), "
            f"padahal biasanya {fmt.percent(alert.baseline)}; {fmt.number(alert.negative_mentions)} di antaranya negatif."
        )
    return (
        f'"{alert.term}" muncul pertama kali: {fmt.number(alert.mentions)} mention, '
        f"{fmt.number(alert.negative_mentions)} di antaranya negatif."
    )


def subject(alert: Alert, names: Names) -> str:
    """One line: what, which issue, where."""
    where = "" if alert.region_code is None else f", {names.region(alert.region_code)}"
    term = f' "{alert.term}"' if alert.term and alert.kind != "hoax" else ""
    return f"{TITLES[alert.kind]}{term}: {names.issue(alert.issue)}{where}"


def text(alert: Alert, names: Names) -> str:
    """The message body for chat and email."""
    lines = [
        f"Peringatan dini Citra – {subject(alert, names)}",
        f"{_window(alert)}: {hoax_text.what_happened(alert, names) if alert.kind == 'hoax' else what_happened(alert)}",
        f"Tingkat: {SEVERITY.get(alert.severity, alert.severity)} · Wilayah: {names.region(alert.region_code)} · "
        f"ID: {alert.alert_id}",
    ]
    if alert.headlines:
        lines.append("Judul teratas:")
        lines += [f"• {h.title} ({h.outlet or 'media tidak diketahui'})" for h in alert.headlines[:HEADLINES_IN_TEXT]]
    if alert.outlets:
        lines.append("Media: " + ", ".join(f"{o} ({fmt.number(n)})" for o, n in alert.outlets))
    lines.append(f"Tandai sudah ditangani: citra alerts ack {alert.alert_id} --by NAMA")
    return "\n".join(lines)


def payload(alert: Alert, names: Names) -> dict[str, Any]:
    """The webhook's JSON: `text` for Slack and Mattermost, the fields for anything else."""
    return {
        "text": text(alert, names),
        "alert_id": alert.alert_id,
        "kind": alert.kind,
        "issue": alert.issue,
        "issue_name": names.issue(alert.issue),
        "region_code": alert.region_code,
        "region_name": None if alert.region_code is None else names.region(alert.region_code),
        "term": alert.term,
        "window_start": alert.window_start.isoformat(),
        "window_end": alert.window_end.isoformat(),
        "mentions": alert.mentions,
        "negative_mentions": alert.negative_mentions,
        "baseline": alert.baseline,
        "score": alert.score,
        "severity": alert.severity,
        "headlines": [
            {"title": h.title, "outlet": h.outlet, "published_at": h.published_at.isoformat(), "url": h.url}
            for h in alert.headlines
        ],
        "outlets": [{"outlet": o, "mentions": n} for o, n in alert.outlets],
        **(hoax_text.payload_fields(alert, names) if alert.kind == "hoax" else {}),
    }
