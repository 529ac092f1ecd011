"""The alert `hoax` (alerts/hoax.py) on a hand-made warehouse, with the clock injected and a local
webhook: a hoax that resurfaces after its quiet days is notified once, a hoax without a
clarification 24 hours after its first spread is notified once, and each counts as answered by
a clarification or a debunk published after it, not before.

Hoax HX-BANJIR (fake flood-aid link) spreads on 1 and 2 October 2025 (WITA), is clarified on
2 October at 10:00, is quiet for 8 days and spreads again on 11 October from 09:00. Hoax
HX-SEKOLAH (false school closure) first spreads on 20 October at 08:00 WITA and has no
clarification.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_servers import http_receiver
from alert_warehouse import START, at, background, build

from alerts.channels import WebhookChannel
from alerts.config import load_config
from alerts.hoax import episodes
from alerts.run import notify, refresh

CLAIM = "Pendaftaran bantuan korban banjir Rp 3,5 juta per KK lewat link bantuanbanjir-kalsel.blogspot.com"
LINK = "https://diskominfo.kalselprov.go.id/hoaks-bantuan-banjir"
PRIVATE = "anon-1a2b3c4d5e6f7a8b"  # a private spreader, as the marts hold it


@pytest.fixture
def cfg() -> dict:
    cfg = copy.deepcopy(load_config())
    cfg["notify"].update(backoff_seconds=0.01, timeout_seconds=1.0)
    return cfg


def _spread(hoax: str, n: int, when: datetime, reach: int, outlet: str | None, author: str | None, media: str) -> tuple:
    local = when.astimezone(at(date(2025, 1, 1), 0).tzinfo)
    return (
        hoax,
        f"{hoax}-m{n}",
        "spread",
        when.astimezone(UTC),
        local.date(),
        media,
        outlet,
        author,
        reach,
        f"Daftar bantuan banjir 3,5 juta {n}",
        f"https://x.com/{author or 'media'}/status/{n}",
    )


def _warehouse(path: Path, mentions: list[tuple], klarifikasi: dict[str, datetime | None]) -> Path:
    """The marts the hoax rule reads, beside an empty copy of those the other rules read."""
    build(path, background(until=START))  # one quiet day in September: no other rule fires
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists raw")
        con.execute("""create or replace table marts.fct_hoax_mentions (hoax_id varchar, mention_id varchar, role varchar,
            published_at timestamptz, mention_date date, media_type varchar, outlet varchar, author varchar,
            reach bigint, title varchar, url varchar)""")
        if mentions:
            con.executemany("insert into marts.fct_hoax_mentions values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", mentions)
        con.execute("""create or replace table marts.dim_hoax (hoax_id varchar, claim varchar, klarifikasi_url varchar,
            klarifikasi_at timestamptz, registered_by varchar)""")
        con.execute("""create or replace table marts.mart_hoax (hoax_id varchar, issue varchar, region_code varchar,
            klarifikasi_at timestamptz)""")
        for hoax, when in klarifikasi.items():
            claim = CLAIM if hoax == "HX-BANJIR" else "Seluruh sekolah di Kalsel diliburkan dua minggu"
            con.execute(
                "insert into marts.dim_hoax values (?, ?, ?, ?, 'Diskominfo Kalsel')",
                [hoax, claim, LINK if when else None, when],
            )
            con.execute("insert into marts.mart_hoax values (?, 'banjir', null, ?)", [hoax, when])
        con.execute("""create or replace table raw.hoax_post_matches (hoax_id varchar, platform varchar, account varchar,
            post_id varchar, published_at timestamptz, score double, matched_on varchar, traced_at timestamptz)""")
        con.execute("""create or replace table raw.hoax_settings (effective_at timestamptz, quiet_days integer,
            klarifikasi_due_hours double, lookback_days integer, accept double, review double, config_file varchar)""")
        con.execute("insert into raw.hoax_settings values (now(), 7, 24, 7, 0.5, 0.35, 'hoaxes.yml')")
    return path


def _banjir(resurfaced: int = 3) -> list[tuple]:
    rows = [
        _spread("HX-BANJIR", 1, at(date(2025, 10, 1), 21, 40), 200, None, PRIVATE, "social"),
        _spread("HX-BANJIR", 2, at(date(2025, 10, 2), 6, 15), 700, "Info Banua", None, "online"),
    ]
    rows += [
        _spread("HX-BANJIR", 10 + i, at(date(2025, 10, 11), 9 + i), 1000 - i, None, PRIVATE, "social")
        for i in range(resurfaced)
    ]
    return rows


def _run(path: Path, cfg: dict, hook, now: datetime) -> list:
    refresh(path, path.parent / "landing" / "alerts", path.parent / "quarantine", cfg, now, "run")
    return notify(path, [WebhookChannel(hook.url + "/hooks/x")], cfg, now, "run")


def _alerts(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(
            """select alert_id, term, status, baseline, severity, window_start, first_response_at, response_hours,
                      response_account from marts.issue_alerts where kind = 'hoax' order by window_start"""
        ).fetchall()


def test_episodes_start_after_more_than_quiet_days_without_spread() -> None:
    days = [date(2025, 10, d) for d in (1, 2, 9, 18, 26)]
    # 2 -> 9: 6 silent days (3..8), no; 9 -> 18: 8 silent days, yes; 18 -> 26: exactly 7, yes
    assert episodes(days, 7) == [0, 3, 4]
    assert episodes(days, 8) == [0, 3]


def test_a_resurfacing_hoax_is_notified_once_with_claim_spreaders_and_clarification(tmp_path: Path, cfg: dict) -> None:
    klarifikasi = {"HX-BANJIR": at(date(2025, 10, 2), 10)}
    path = _warehouse(tmp_path / "warehouse.duckdb", _banjir(), klarifikasi)
    with http_receiver() as hook:
        # before it spreads again: the first episode was clarified within 24 hours, nothing to say
        assert _run(path, cfg, hook, at(date(2025, 10, 10), 12)) == []
        first = _run(path, cfg, hook, at(date(2025, 10, 11), 13))
        assert [(d.channel, d.outcome) for d in first] == [("webhook", "sent")]
        # rebuilds, and a later build that sees more spread of the same episode: nothing more
        assert _run(path, cfg, hook, at(date(2025, 10, 11), 14)) == []
        _warehouse(path, _banjir(resurfaced=6), klarifikasi)
        assert _run(path, cfg, hook, at(date(2025, 10, 12), 8)) == []
        [body] = hook.bodies()
    [(alert_id, term, status, baseline, severity, start, *_)] = _alerts(path)
    assert (body["alert_id"], body["kind"], body["hoax_id"], term) == (alert_id, "hoax", "HX-BANJIR", "HX-BANJIR")
    assert (baseline, severity, start) == (8.0, "medium", at(date(2025, 10, 11), 9))
    assert body["claim"] == CLAIM and body["klarifikasi_url"] == LINK
    assert "menyebar lagi setelah 8 hari tanpa sebaran" in body["text"] and LINK in body["text"]
    # the spreaders: the private account only as its pseudonym
    assert body["outlets"] == [{"outlet": PRIVATE, "mentions": 3}]
    assert status == "open"


def test_a_debunk_after_the_resurfacing_answers_it_and_the_old_clarification_does_not(
    tmp_path: Path, cfg: dict
) -> None:
    klarifikasi = {"HX-BANJIR": at(date(2025, 10, 2), 10)}
    path = _warehouse(tmp_path / "warehouse.duckdb", _banjir(), klarifikasi)
    with http_receiver() as hook:
        _run(path, cfg, hook, at(date(2025, 10, 11), 13))
        assert _alerts(path)[0][2] == "open"
        debunk = list(_spread("HX-BANJIR", 99, at(date(2025, 10, 11), 15, 30), 5000, "Kalsel Pos", None, "online"))
        debunk[2] = "debunk"
        _warehouse(path, [*_banjir(), tuple(debunk)], klarifikasi)
        _run(path, cfg, hook, at(date(2025, 10, 11), 16))
    [(_, _, status, *_, answered_at, hours, account)] = _alerts(path)
    assert (status, answered_at, hours, account) == ("answered", at(date(2025, 10, 11), 15, 30), 6.5, "Kalsel Pos")


def test_a_hoax_without_clarification_is_notified_once_after_the_deadline(tmp_path: Path, cfg: dict) -> None:
    first = at(date(2025, 10, 20), 8)
    mentions = [_spread("HX-SEKOLAH", i, first + timedelta(hours=i), 100, None, PRIVATE, "social") for i in range(3)]
    path = _warehouse(tmp_path / "warehouse.duckdb", mentions, {"HX-SEKOLAH": None})
    with http_receiver() as hook:
        assert _run(path, cfg, hook, first + timedelta(hours=23, minutes=59)) == []  # not yet due
        assert len(_run(path, cfg, hook, first + timedelta(hours=24))) == 1
        assert _run(path, cfg, hook, first + timedelta(hours=30)) == []
        [body] = hook.bodies()
    assert body["klarifikasi_url"] is None and "belum ada klarifikasi 24 jam setelah sebaran pertama" in body["text"]
    [(_, _, status, baseline, severity, start, *_)] = _alerts(path)
    assert (status, baseline, severity, start) == ("open", 0.0, "high", first)
    # the office clarifies at 10:00 the next day: 26 hours after the first spread
    _warehouse(path, mentions, {"HX-SEKOLAH": at(date(2025, 10, 21), 10)})
    with http_receiver() as hook:
        _run(path, cfg, hook, first + timedelta(hours=27))
    [(_, _, status, *_, hours, account)] = _alerts(path)
    assert (status, hours, account) == ("answered", 26.0, "Diskominfo Kalsel")


def test_a_clarification_within_the_deadline_raises_nothing(tmp_path: Path, cfg: dict) -> None:
    first = at(date(2025, 10, 20), 8)
    mentions = [_spread("HX-SEKOLAH", 1, first, 100, None, PRIVATE, "social")]
    path = _warehouse(tmp_path / "warehouse.duckdb", mentions, {"HX-SEKOLAH": first + timedelta(hours=23)})
    with http_receiver() as hook:
        assert _run(path, cfg, hook, first + timedelta(days=3)) == []
    assert _alerts(path) == []
