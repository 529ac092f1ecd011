"""Reminders: an alert still unanswered and unacknowledged `remind_after_hours` after its notice
gets one reminder per channel, exactly once; the clock is injected, nothing sleeps."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_servers import http_receiver
from alert_warehouse import WITA, at, background, build, burst

from alerts.channels import TelegramChannel, WebhookChannel
from alerts.config import load_config
from alerts.due import reminder_due
from alerts.events import Event, record
from alerts.outbox import Claim, claim
from alerts.run import notify, refresh, remind
from alerts.store import create_tables

DAY = date(2025, 10, 6)
NOW = at(DAY, 13)


@pytest.fixture
def cfg() -> dict:
    cfg = copy.deepcopy(load_config())
    cfg["notify"].update(backoff_seconds=0.01, timeout_seconds=1.0)
    return cfg


def _rows(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _sent_at(path: Path, channel: str) -> datetime:
    """When the notices went out on ``channel`` (the outcome's time: the injected clock)."""
    [(when,)] = _rows(
        path,
        "select distinct event_at from raw.alert_notifications where channel = ? and purpose = 'notice' and event = 'sent'",
        [channel],
    )
    return when


def test_unanswered_alert_gets_one_reminder_per_channel_after_remind_after_hours(tmp_path: Path, cfg: dict) -> None:
    path = build(tmp_path / "w.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    refresh(path, tmp_path / "none", tmp_path / "q", cfg, NOW, "build-1")
    with http_receiver() as hook:
        channels = [WebhookChannel(hook.url)]
        assert len(notify(path, channels, cfg, NOW, "build-1")) == 2
        sent = _sent_at(path, "webhook")
        assert remind(path, channels, cfg, sent + timedelta(hours=6) - timedelta(seconds=1), "hourly-1") == []
        with duckdb.connect(str(path), read_only=True) as con:
            assert not reminder_due(con, cfg["notify"], sent + timedelta(hours=5))
            assert reminder_due(con, cfg["notify"], sent + timedelta(hours=6))
        reminded = remind(path, channels, cfg, sent + timedelta(hours=6), "hourly-2")
        assert sorted((d.channel, d.purpose, d.outcome) for d in reminded) == [("webhook", "reminder", "sent")] * 2
        # the next hours, and the next build, send nothing more
        assert remind(path, channels, cfg, sent + timedelta(hours=7), "hourly-3") == []
        assert notify(path, channels, cfg, sent + timedelta(hours=7), "build-2") == []
        reminders = [p for p in hook.bodies() if p["purpose"] == "reminder"]
    assert len(hook.requests) == 4 and len(reminders) == 2
    region = next(p for p in reminders if p["region_code"] == "6310")
    assert region["text"].splitlines()[0] == (
        "Pengingat Citra – belum ditanggapi (peringatan dikirim 6 Oktober 2025 13.00 WITA): "
        "Lonjakan pemberitaan negatif: Lingkungan & Tambang, Kabupaten Tanah Bumbu"
    )
    assert "Tanggapan: belum ditanggapi akun resmi yang berwenang." in region["text"].splitlines()
    assert _rows(path, "select distinct reminded_at is not null, notifications from marts.issue_alerts") == [
        (True, "webhook: sent, webhook reminder: sent")
    ]


def test_no_reminder_once_answered_acknowledged_or_closed_nor_on_a_channel_that_never_delivered(
    tmp_path: Path, cfg: dict
) -> None:
    mentions = background(until=DAY) + burst(DAY, 8, 30) + burst(DAY, 8, 30, "banjir", "6371")
    path = build(tmp_path / "w.duckdb", mentions)
    refresh(path, tmp_path / "none", tmp_path / "q", cfg, NOW, "build-1")
    with http_receiver() as hook, http_receiver() as bot:
        hook.statuses = [400] * 4  # the webhook refuses every notice (not retried)
        channels = [WebhookChannel(hook.url), TelegramChannel("42:abc", "-1", bot.url)]
        notify(path, channels, cfg, NOW, "build-1")
        assert len(bot.requests) == 4
        ids = dict(_rows(path, "select coalesce(region_code, '') || ' ' || issue, alert_id from marts.issue_alerts"))
        # after the notices: the province's mining alert is answered by the next export (the
        # governor's office, a coordinator: a province-wide alert needs no region), Tanah
        # Bumbu's is acknowledged, the province's flood alert closed; Banjarmasin's stays open
        post = ("facebook", "humasprovkalsel", "g1", at(DAY, 15), "Gubernur minta perusahaan tambang bertanggung jawab")
        build(path, mentions, posts=[post])
        with duckdb.connect(str(path)) as con:
            record(con, Event(ids["6310 lingkungan_tambang"], "ack", "Rina", None, at(DAY, 16), "cli"))
            record(con, Event(ids[" banjir"], "close", "Budi", None, at(DAY, 16), "cli"))
        refresh(path, tmp_path / "none", tmp_path / "q", cfg, at(DAY, 17), "build-2")
        reminded = remind(path, channels, cfg, at(DAY, 20), "hourly")
        reminders = [body for body in bot.bodies()[4:]]
    assert [(d.alert_id, d.channel) for d in reminded] == [(ids["6371 banjir"], "telegram")]
    assert len(reminders) == 1 and reminders[0]["text"].startswith("Pengingat Citra – belum ditanggapi")
    assert len(hook.requests) == 4  # no reminder where the notice never arrived


def test_reminders_can_be_switched_off_and_never_follow_an_old_notice(tmp_path: Path, cfg: dict) -> None:
    path = build(tmp_path / "w.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    refresh(path, tmp_path / "none", tmp_path / "q", cfg, NOW, "build-1")
    with http_receiver() as hook:
        channels = [WebhookChannel(hook.url)]
        notify(path, channels, cfg, NOW, "build-1")
        off = copy.deepcopy(cfg)
        off["notify"]["remind_after_hours"] = None
        assert remind(path, channels, off, NOW + timedelta(hours=7), "hourly") == []
        # a notice older than max_age_hours (72) is not followed by a reminder: after an upgrade,
        # or a daemon that was down for days, the office is not flooded with stale reminders
        assert remind(path, channels, cfg, NOW + timedelta(hours=73), "hourly") == []
        assert len(remind(path, channels, cfg, NOW + timedelta(hours=71), "hourly")) == 2


def test_outbox_of_a_warehouse_from_before_reminders_keeps_every_row_as_notices(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw")
        con.execute("""create table raw.alert_notifications (
            alert_id varchar not null, channel varchar not null, attempt integer not null, event varchar not null,
            event_at timestamptz not null, detail varchar, run_id varchar, primary key (alert_id, channel, attempt, event))""")
        con.execute(
            "insert into raw.alert_notifications values ('a1', 'webhook', 1, 'claimed', ?, null, 'r1'), "
            "('a1', 'webhook', 1, 'sent', ?, 'HTTP 200', 'r1')",
            [NOW, NOW],
        )
        create_tables(con)
        create_tables(con)  # every build calls it: the second time changes nothing
        rows = con.execute(
            "select alert_id, channel, purpose, attempt, event, detail from raw.alert_notifications order by event"
        ).fetchall()
        # the reminder of the same alert, channel and attempt is a claim of its own
        reminder = [Claim("a1", "webhook", "reminder", 1)]
        assert claim(con, reminder, NOW, "hourly") == reminder
    # catches: an upgrade that drops the outbox (every recent alert would be announced again)
    assert rows == [
        ("a1", "webhook", "notice", 1, "claimed", None),
        ("a1", "webhook", "notice", 1, "sent", "HTTP 200"),
    ]


def test_hourly_schedule_starts_a_run_only_when_a_reminder_is_due(tmp_path: Path, cfg: dict) -> None:
    import dagster as dg

    from orchestration.defs.alerts.reminders import alert_reminders_schedule
    from orchestration.resources import CitraHome

    path = build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))

    def tick(when: datetime) -> dg.RunRequest | dg.SkipReason:
        citra = CitraHome(home=str(tmp_path), warehouse_path=str(path))
        context = dg.build_schedule_context(scheduled_execution_time=when, resources={"citra": citra})
        return alert_reminders_schedule.evaluate_tick(context).run_requests or []

    assert tick(NOW) == []  # no alert table yet: nothing to remind
    refresh(path, tmp_path / "none", tmp_path / "q", cfg, NOW, "build-1")
    with http_receiver() as hook:
        notify(path, [WebhookChannel(hook.url)], cfg, NOW, "build-1")
    sent = _sent_at(path, "webhook")
    assert tick(sent + timedelta(hours=5)) == []
    [run] = tick(sent + timedelta(hours=6))
    assert run.run_key == f"alert_reminders_{(sent + timedelta(hours=6)).astimezone(WITA):%Y-%m-%dT%H:%M}"
