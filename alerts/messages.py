"""What a notification says, in Bahasa Indonesia: one short text for chat (Telegram, Slack,
Mattermost), the same text as an email, and a JSON payload for webhooks. Every message says how
the alert stands: not yet answered, or answered by which account, when (WITA), after how many
hours, with the post's link. A reminder says when the first notice went out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alerts import hoax_text
from alerts.model import WITA, Alert
from alerts.notice import Notice
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
    """Display names for codes: issue -> name, region code -> name, platform/account -> the
    agency or account name; hoax_id -> (claim, klarifikasi_url) for hoax alerts."""

    issues: dict[str, str]
    regions: dict[str, str]
    accounts: dict[str, str] = field(default_factory=dict)
    hoaxes: dict[str, tuple[str, str | None]] = field(default_factory=dict)

    def issue(self, code: str | None) -> str:
        return self.issues.get(code or "", code or "tanpa isu")

    def region(self, code: str | None) -> str:
        return "seluruh provinsi" if code is None else self.regions.get(code, code)

    def account(self, key: str) -> str:
        """`Diskominfo Kalsel (instagram/diskominfokalsel)`, or the key alone when unknown."""
        name = self.accounts.get(key)
        return f"{name} ({key})" if name else key


def _window(alert: Alert) -> str:
    start = alert.window_start.astimezone(WITA)
    return f"{fmt.weekday_day(start.date())}, {fmt.window_hours(alert.window_start, alert.window_end)}"


def what_happened(alert: Alert) -> str:
    """The numbers of the alert in one sentence (a kind without its own sentence gets the counts)."""
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
    if alert.kind == "watchlist":
        return (
            f'"{alert.term}" muncul pertama kali: {fmt.number(alert.mentions)} mention, '
            f"{fmt.number(alert.negative_mentions)} di antaranya negatif."
        )
    return f"{fmt.number(alert.mentions)} mention, {fmt.number(alert.negative_mentions)} di antaranya negatif."


def subject(alert: Alert, names: Names) -> str:
    """One line: what, which issue, where."""
    where = "" if alert.region_code is None else f", {names.region(alert.region_code)}"
    term = f' "{alert.term}"' if alert.term and alert.kind != "hoax" else ""
    return f"{TITLES.get(alert.kind, 'Peringatan')}{term}: {names.issue(alert.issue)}{where}"


def standing(notice: Notice, names: Names) -> str:
    """How the alert stands: answered by whom, when and how fast, or not yet; then, on a line of
    its own, the other official posts on the issue that did not count."""
    r = notice.response
    if r is None:
        lines = ["Tanggapan: belum ditanggapi akun resmi yang berwenang."]
    else:
        lines = [
            f"Tanggapan: sudah ditanggapi {names.account(r.account)} pada {fmt.wita_time(r.published_at)}, "
            f"{fmt.number(r.hours, 1)} jam setelah awal jendela" + (f": {r.url}" if r.url else ".")
        ]
    if notice.other_posts_after:
        lines.append(
            f"Unggahan lain: {fmt.number(notice.other_posts_after)} unggahan akun resmi menyebut isu ini sejak awal "
            "jendela, tetapi tidak dihitung sebagai tanggapan (bukan akun instansi yang berwenang, atau tidak "
            "menyebut wilayahnya)."
        )
    return "\n".join(lines)


def heading(notice: Notice, names: Names) -> str:
    """The first line: a notice, or a reminder that says when the notice went out."""
    if notice.purpose == "reminder":
        sent = f" (peringatan dikirim {fmt.wita_time(notice.sent_at)})" if notice.sent_at else ""
        return f"Pengingat Citra – belum ditanggapi{sent}: {subject(notice.alert, names)}"
    return f"Peringatan dini Citra – {subject(notice.alert, names)}"


def text(notice: Notice, names: Names) -> str:
    """The message body for chat and email."""
    alert = notice.alert
    lines = [
        heading(notice, names),
        f"{_window(alert)}: {hoax_text.what_happened(alert, names) if alert.kind == 'hoax' else what_happened(alert)}",
        f"Tingkat: {SEVERITY.get(alert.severity, alert.severity)} · Wilayah: {names.region(alert.region_code)} · "
        f"ID: {alert.alert_id}",
        standing(notice, names),
    ]
    if alert.headlines:
        lines.append("Judul teratas:")
        lines += [f"• {h.title} ({h.outlet or 'media tidak diketahui'})" for h in alert.headlines[:HEADLINES_IN_TEXT]]
    if alert.outlets:
        lines.append("Media: " + ", ".join(f"{o} ({fmt.number(n)})" for o, n in alert.outlets))
    lines.append(f"Tandai sudah ditangani: citra alerts ack {alert.alert_id} --by NAMA")
    return "\n".join(lines)


def payload(notice: Notice, names: Names) -> dict[str, Any]:
    """The webhook's JSON: `text` for Slack and Mattermost, the fields for anything else."""
    alert, r = notice.alert, notice.response
    return {
        "text": text(notice, names),
        "purpose": notice.purpose,
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
        "response": None
        if r is None
        else {
            "account": r.account,
            "account_name": names.accounts.get(r.account),
            "published_at": r.published_at.isoformat(),
            "hours": r.hours,
            "url": r.url,
        },
        "other_posts_after": notice.other_posts_after,
        "notice_sent_at": notice.sent_at.isoformat() if notice.sent_at else None,
        **(hoax_text.payload_fields(alert, names) if alert.kind == "hoax" else {}),
    }
