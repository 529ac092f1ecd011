"""How fast the office answered: official posts at known delays after planted bursts give exact
first_response_at and response_hours, and the monthly response mart counts them."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_warehouse import Mention, at, background, build, burst

from alerts.config import load_config
from alerts.run import refresh

DAY = date(2025, 10, 6)
LATER = date(2025, 10, 9)


def _refresh(path: Path, cfg: dict | None = None) -> None:
    cfg = cfg or load_config()
    refresh(path, path.parent / "landing" / "alerts", path.parent / "quarantine", cfg, at(LATER, 23), "run-1")


POSTS = [
    # before the burst window: never a response, however well it matches
    ("instagram", "diskominfokalsel", "p0", at(DAY, 5, 59), "Pemprov tertibkan tambang ilegal"),
    # after the window starts, by an account that is not registered: not the office's answer
    ("instagram", "akunwarga", "p1", at(DAY, 9), "Tambang longsor lagi"),
    # registered, after the start, but about something else
    ("facebook", "humasprovkalsel", "p2", at(DAY, 10), "Festival budaya Banjar dibuka"),
    # the answer: registered, matches 'batu bara' (whole words, case and punctuation ignored)
    ("facebook", "humasprovkalsel", "p3", at(DAY, 16, 45), "Klarifikasi soal angkutan BATU-BARA di Tanah Bumbu"),
    # a later matching post does not move the first response
    ("instagram", "diskominfokalsel", "p4", at(DAY + timedelta(days=1), 8), "Update tambang"),
]


def test_first_matching_official_post_after_window_start_is_the_response(tmp_path: Path) -> None:
    path = build(tmp_path / "w.duckdb", background() + burst(DAY, 8, 30), posts=POSTS)
    _refresh(path)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            """select region_code, status, first_response_at, response_hours, response_post_url, response_account
               from marts.issue_alerts order by region_code nulls first"""
        ).fetchall()
    # window_start 06:00 WITA, answer 16:45 WITA: 10.75 hours, for the province and the region alike
    assert rows == [
        (
            None,
            "answered",
            at(DAY, 16, 45),
            pytest.approx(10.75),
            "https://facebook.example/p3",
            "facebook/humasprovkalsel",
        ),
        (
            "6310",
            "answered",
            at(DAY, 16, 45),
            pytest.approx(10.75),
            "https://facebook.example/p3",
            "facebook/humasprovkalsel",
        ),
    ]


def test_post_after_the_response_horizon_does_not_answer(tmp_path: Path) -> None:
    late = [("instagram", "diskominfokalsel", "p9", at(DAY, 6) + timedelta(hours=30), "Soal tambang")]
    path = build(tmp_path / "w.duckdb", background() + burst(DAY, 8, 30), posts=late)
    cfg = copy.deepcopy(load_config())
    cfg["response"]["max_hours"] = 24
    _refresh(path, cfg)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select distinct status, first_response_at from marts.issue_alerts").fetchall() == [
            ("open", None)
        ]
    cfg["response"]["max_hours"] = 48
    _refresh(path, cfg)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select distinct response_hours from marts.issue_alerts").fetchall() == [(30.0,)]


def test_watchlist_alert_is_answered_by_a_post_that_names_the_term(tmp_path: Path) -> None:
    hoax = [Mention(at(DAY, 20, 15), "pendidikan", "negative", None, "Hoaks seragam gratis")]
    posts = [("instagram", "diskominfokalsel", "d1", at(DAY, 22, 5), "Cek fakta: HOAKS seragam gratis!")]
    path = build(
        tmp_path / "w.duckdb",
        background() + hoax,
        posts=posts,
        watchlist=[("hoaks seragam gratis", "pendidikan", DAY, None)],
    )
    _refresh(path)
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute(
            "select kind, window_start, first_response_at, response_hours from marts.issue_alerts"
        ).fetchall()
    # the 18-24 window of the first mention; pendidikan has no keyword here, the term answers
    assert row == [("watchlist", at(DAY, 18), at(DAY, 22, 5), pytest.approx(4 + 5 / 60))]


def test_monthly_response_mart_counts_answered_within_24_hours_and_the_median(tmp_path: Path) -> None:
    second = date(2025, 10, 8)
    posts = [
        ("facebook", "humasprovkalsel", "a", at(DAY, 16), "Soal tambang"),  # 10 h after 06:00
        ("facebook", "humasprovkalsel", "b", at(second, 12) + timedelta(hours=30), "Penanganan banjir"),  # 30 h
    ]
    mentions = background() + burst(DAY, 8, 30) + burst(second, 14, 8, "banjir", "6371")
    path = build(tmp_path / "w.duckdb", mentions, posts=posts)
    _refresh(path)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select * from marts.mart_response_monthly order by issue").fetchall()
        comments = con.execute(
            "select count(*) from duckdb_columns() where table_name = 'mart_response_monthly' and comment is not null"
        ).fetchall()[0][0]
    assert rows == [
        (date(2025, 10, 1), "banjir", 2, 2, 0, pytest.approx(30.0)),
        (date(2025, 10, 1), "lingkungan_tambang", 2, 2, 2, pytest.approx(10.0)),
    ]
    assert comments == 6
