"""Notifications on local servers (webhook, Telegram Bot API, SMTP): exactly one message per
alert and channel, through rebuilds, failures, timeouts and interrupted sends."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_servers import free_port, http_receiver, smtp_inbox
from alert_warehouse import at, background, build, burst

from alerts.channels import DeliveryError, EmailChannel, TelegramChannel, WebhookChannel
from alerts.config import load_config
from alerts.events import Event, record
from alerts.messages import Names
from alerts.notice import Notice
from alerts.outbox import Claim, claim, release, send_with_retries
from alerts.run import notify, refresh
from reporting.delivery import SmtpSettings

DAY = date(2025, 10, 6)
NOW = at(DAY, 13)  # the build that sees the 08:00 burst runs at 13:00 WITA
TOKEN = "123456:rahasia"


@pytest.fixture
def cfg() -> dict:
    cfg = copy.deepcopy(load_config())
    cfg["notify"].update(backoff_seconds=0.01, timeout_seconds=1.0)
    return cfg


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """The 08:00 burst of 6 October in Tanah Bumbu: two alerts (province-wide and the region)."""
    return build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))


def _build(path: Path, cfg: dict, channels: list, now=NOW) -> list:
    refresh(path, path.parent / "landing" / "alerts", path.parent / "quarantine", cfg, now, "run-1")
    return notify(path, channels, cfg, now, "run-1")


def _rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_each_alert_is_notified_once_per_channel_and_never_again_on_a_rebuild(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as hook, http_receiver() as bot, smtp_inbox() as (inbox, port):
        settings = SmtpSettings(
            "127.0.0.1", port, "citra@diskominfo.example", ("humas@diskominfo.example",), starttls=False
        )
        channels = [
            WebhookChannel(hook.url + "/hooks/abc"),
            TelegramChannel(TOKEN, "-100200300", bot.url),
            EmailChannel(settings),
        ]
        first = _build(warehouse, cfg, channels)
        assert sorted((d.channel, d.outcome) for d in first) == [
            ("email", "sent"),
            ("email", "sent"),
            ("telegram", "sent"),
            ("telegram", "sent"),
            ("webhook", "sent"),
            ("webhook", "sent"),
        ]
        # a rebuild, and a rerun of the same run: nothing is sent twice
        assert _build(warehouse, cfg, channels) == []
        assert _build(warehouse, cfg, channels, NOW + timedelta(hours=1)) == []
        payloads = hook.bodies()
        assert len(payloads) == 2 and len(bot.requests) == 2 and len(inbox.messages) == 2
    ids = {r[0] for r in _rows(warehouse, "select alert_id from marts.issue_alerts")}
    assert {p["alert_id"] for p in payloads} == ids
    region = next(p for p in payloads if p["region_code"] == "6310")
    assert (region["kind"], region["issue"], region["window_start"]) == (
        "negative_burst",
        "lingkungan_tambang",
        "2025-10-05T22:00:00+00:00",  # 06:00 WITA
    )
    assert (region["negative_mentions"], region["baseline"]) == (31, 1.0)
    assert region["headlines"][0]["title"] == "Lubang tambang longsor nomor 0"
    assert region["text"].startswith("Peringatan dini Citra – Lonjakan pemberitaan negatif: Lingkungan & Tambang, ")
    path, body = bot.requests[0]
    assert path == f"/bot{TOKEN}/sendMessage" and body["chat_id"] == "-100200300"
    recipients, message = inbox.messages[0]
    assert recipients == ["humas@diskominfo.example"] and message["Subject"].startswith("[Citra] Lonjakan")
    notified = _rows(warehouse, "select notified_at is not null, notifications from marts.issue_alerts")
    assert notified == [(True, "email: sent, telegram: sent, webhook: sent")] * 2


def test_message_tells_what_where_and_when_in_bahasa_indonesia(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as hook:
        _build(warehouse, cfg, [WebhookChannel(hook.url)])
        text = next(p["text"] for p in hook.bodies() if p["region_code"] == "6310")
    assert text.splitlines()[:3] == [
        "Peringatan dini Citra – Lonjakan pemberitaan negatif: Lingkungan & Tambang, Kabupaten Tanah Bumbu",
        "Senin, 6 Oktober 2025, 06.00–24.00 WITA: 31 mention negatif, padahal biasanya 1,0 pada jam yang sama.",
        f"Tingkat: tinggi · Wilayah: Kabupaten Tanah Bumbu · ID: {text.split('ID: ')[1].splitlines()[0]}",
    ]
    assert "• Lubang tambang longsor nomor 0 (Outlet 0)" in text
    assert "Media: Outlet 0 (10), Outlet 1 (10), Outlet 2 (10), Media Lokal (1)" in text


def test_failing_channel_is_retried_recorded_and_tried_again_by_the_next_build(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as hook, http_receiver() as bot:
        hook.statuses = [500] * 6  # both alerts, three tries each
        channels = [WebhookChannel(hook.url), TelegramChannel(TOKEN, "1", bot.url)]
        first = _build(warehouse, cfg, channels)
        assert sorted((d.channel, d.outcome, d.tries) for d in first) == [
            ("telegram", "sent", 1),
            ("telegram", "sent", 1),
            ("webhook", "failed", 3),
            ("webhook", "failed", 3),
        ]
        assert len(hook.requests) == 6
        assert {r[0] for r in _rows(warehouse, "select notifications from marts.issue_alerts")} == {
            "telegram: sent, webhook: failed"
        }
        # the service is back: the next build sends the webhook (attempt 2), not Telegram again
        second = _build(warehouse, cfg, channels, NOW + timedelta(minutes=10))
        assert sorted((d.channel, d.outcome, d.attempt) for d in second) == [("webhook", "sent", 2)] * 2
        assert len(bot.requests) == 2


def test_retries_wait_longer_each_time_and_a_refusal_is_not_retried() -> None:
    class Flaky:
        name = "webhook"

        def __init__(self, errors: list[DeliveryError]) -> None:
            self.errors = errors
            self.calls = 0

        def send(self, alert, names, timeout) -> str:
            self.calls += 1
            if self.errors:
                raise self.errors.pop(0)
            return "HTTP 200"

    from alerts.model import Alert

    alert = Notice(Alert("a1", "negative_burst", "banjir", None, None, NOW, NOW, 1, 1, 0.0, 9.0, "medium"))
    cfg = {"attempts": 4, "backoff_seconds": 0.5, "timeout_seconds": 1.0}
    waits: list[float] = []
    flaky = Flaky([DeliveryError("HTTP 503"), DeliveryError("no connection")])
    done = send_with_retries(flaky, alert, Names({}, {}), cfg, attempt=1, sleep=waits.append)
    assert (done.outcome, done.tries, waits) == ("sent", 3, [0.5, 1.0])
    refused = Flaky([DeliveryError("HTTP 400 bad chat", retryable=False)])
    done = send_with_retries(refused, alert, Names({}, {}), cfg, attempt=1, sleep=waits.append)
    assert (done.outcome, done.tries, refused.calls) == ("failed", 1, 1)


def test_send_without_answer_is_never_repeated_on_its_own_until_released(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as hook:
        hook.delay = 2.5  # longer than the 1 s timeout: the message may well have arrived
        first = _build(warehouse, cfg, [WebhookChannel(hook.url)])
        assert [(d.outcome, d.tries) for d in first] == [("uncertain", 1)] * 2
        hook.delay = 0.0
        assert _build(warehouse, cfg, [WebhookChannel(hook.url)], NOW + timedelta(minutes=5)) == []
        assert len(hook.requests) == 2
        # someone checked the group: the messages are not there; `citra alerts resend` releases them
        alert_id = _rows(warehouse, "select alert_id from marts.issue_alerts where region_code = '6310'")[0][0]
        with duckdb.connect(str(warehouse)) as con:
            assert release(con, alert_id, None, NOW, "citra") == 1
        again = _build(warehouse, cfg, [WebhookChannel(hook.url)], NOW + timedelta(minutes=10))
        assert [(d.alert_id, d.outcome, d.attempt) for d in again] == [(alert_id, "sent", 2)]


def test_claim_left_by_a_crash_is_not_sent_again_and_shows_as_interrupted(warehouse: Path, cfg: dict) -> None:
    refresh(warehouse, warehouse.parent / "none", warehouse.parent / "q", cfg, NOW, "run-1")
    province = _rows(warehouse, "select alert_id from marts.issue_alerts where region_code is null")[0][0]
    with duckdb.connect(str(warehouse)) as con:
        # what a build that died after claiming, before sending, leaves behind
        crashed = [Claim(province, "webhook", "notice", 1)]
        assert claim(con, crashed, NOW, "crashed-run") == crashed
    with http_receiver() as hook:
        sent = notify(warehouse, [WebhookChannel(hook.url)], cfg, NOW, "run-2")
        assert [d.alert_id for d in sent] != [province] and len(hook.requests) == 1
    assert _rows(warehouse, "select notifications from marts.issue_alerts where alert_id = ?", [province]) == [
        ("webhook: interrupted",)
    ]


def test_old_and_acknowledged_alerts_are_not_sent(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as hook:
        # the first build of an archive: a burst that ended days ago is recorded, not announced
        assert _build(warehouse, cfg, [WebhookChannel(hook.url)], NOW + timedelta(days=5)) == []
        assert hook.requests == []
    cfg["notify"]["max_age_hours"] = None
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "insert into raw.alert_events select md5(alert_id), alert_id, 'ack', 'Rina', null, ?, 'test', now() "
            "from marts.issue_alerts where region_code is null",
            [NOW],
        )
    with http_receiver() as hook:
        sent = _build(warehouse, cfg, [WebhookChannel(hook.url)], NOW + timedelta(days=5))
        assert [p["region_code"] for p in hook.bodies()] == ["6310"] and len(sent) == 1


def test_telegram_token_never_appears_in_an_error(warehouse: Path, cfg: dict) -> None:
    with http_receiver() as bot:
        bot.statuses = [401] * 2
        failed = _build(warehouse, cfg, [TelegramChannel(TOKEN, "1", bot.url)])
    assert [d.outcome for d in failed] == ["failed"] * 2
    assert all(TOKEN not in d.detail for d in failed)
    assert all(TOKEN not in (r[0] or "") for r in _rows(warehouse, "select detail from raw.alert_notifications"))


def test_unreachable_service_is_a_failure_not_an_error_of_the_build(warehouse: Path, cfg: dict) -> None:
    done = _build(warehouse, cfg, [WebhookChannel(f"http://127.0.0.1:{free_port()}/")])
    assert [(d.outcome, d.tries) for d in done] == [("failed", 3)] * 2
    assert all(d.detail.startswith("no connection") for d in done)


def test_burst_already_answered_in_yesterdays_export_reaches_the_webhook_once_saying_who_answered_and_when(
    tmp_path: Path, cfg: dict
) -> None:
    # the export of 6 October arrives the next morning: the burst from 08:00 and the
    # environment agency's post at 10:30 are both in it, so the alerts are born answered
    answer = ("instagram", "dlhkalsel", "d1", at(DAY, 10, 30), "DLH turun ke lubang tambang di Tanah Bumbu")
    path = build(tmp_path / "w.duckdb", background(until=DAY) + burst(DAY, 8, 30), posts=[answer])
    next_morning = at(DAY + timedelta(days=1), 9)
    with http_receiver() as hook:
        _build(path, cfg, [WebhookChannel(hook.url)], next_morning)
        assert _rows(path, "select distinct status from marts.issue_alerts") == [("answered",)]
        # a second build sends nothing
        assert _build(path, cfg, [WebhookChannel(hook.url)], next_morning + timedelta(hours=1)) == []
        payloads = hook.bodies()
    assert sorted(p["region_code"] or "" for p in payloads) == ["", "6310"]
    for p in payloads:
        assert p["response"] == {
            "account": "instagram/dlhkalsel",
            "account_name": "DLH Kalsel",
            "published_at": "2025-10-06T02:30:00+00:00",  # 10:30 WITA
            "hours": 4.5,  # from the window's start at 06:00 WITA
            "url": "https://instagram.example/d1",
        }
        assert (
            "Tanggapan: sudah ditanggapi DLH Kalsel (instagram/dlhkalsel) pada 6 Oktober 2025 10.30 WITA, "
            "4,5 jam setelah awal jendela: https://instagram.example/d1" in p["text"].splitlines()
        )


def test_alert_acknowledged_or_closed_before_its_notice_is_not_sent_even_when_answered(
    tmp_path: Path, cfg: dict
) -> None:
    answer = ("instagram", "dlhkalsel", "d1", at(DAY, 10, 30), "DLH turun ke lubang tambang di Tanah Bumbu")
    mentions = background(until=DAY) + burst(DAY, 8, 30) + burst(DAY, 8, 30, "banjir", "6371")
    path = build(tmp_path / "w.duckdb", mentions, posts=[answer])
    refresh(path, tmp_path / "none", tmp_path / "q", cfg, NOW, "run-1")
    ids = dict(_rows(path, "select coalesce(region_code, '') || ' ' || issue, alert_id from marts.issue_alerts"))
    with duckdb.connect(str(path)) as con:
        # answered, then acknowledged at 12:00 before Citra told anyone: its status says
        # 'answered' (answered ranks over acknowledged), and still nobody needs the notice
        record(con, Event(ids[" lingkungan_tambang"], "ack", "Rina", None, at(DAY, 12), "cli"))
        record(con, Event(ids[" banjir"], "close", "Budi", None, at(DAY, 12), "cli"))
    with http_receiver() as hook:
        notify(path, [WebhookChannel(hook.url)], cfg, NOW, "run-1")
        sent = sorted((p["issue"], p["region_code"], p["response"] is not None) for p in hook.bodies())
    # the answered alert of Tanah Bumbu is announced (saying so); the open one of Banjarmasin too
    assert sent == [("banjir", "6371", False), ("lingkungan_tambang", "6310", True)]


def test_message_of_an_unanswered_alert_names_the_posts_that_did_not_count(tmp_path: Path, cfg: dict) -> None:
    # the disaster agency posted on floods, in Banjarmasin: no answer to Tanah Bumbu's flood burst
    post = ("x", "bpbdkalsel", "f1", at(DAY, 10, 30), "Banjir di Kota Banjarmasin, tim evakuasi dikerahkan")
    path = build(tmp_path / "w.duckdb", background(until=DAY) + burst(DAY, 8, 30, "banjir", "6310"), posts=[post])
    with http_receiver() as hook:
        _build(path, cfg, [WebhookChannel(hook.url)])
        region = next(p for p in hook.bodies() if p["region_code"] == "6310")
    assert (region["response"], region["other_posts_after"]) == (None, 1)
    assert region["text"].splitlines()[3:5] == [
        "Tanggapan: belum ditanggapi akun resmi yang berwenang.",
        "Unggahan lain: 1 unggahan akun resmi menyebut isu ini sejak awal jendela, tetapi tidak dihitung sebagai "
        "tanggapan (bukan akun instansi yang berwenang, atau tidak menyebut wilayahnya).",
    ]
