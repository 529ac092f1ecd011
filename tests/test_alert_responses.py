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
from alerts.responses import match_responses
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
    late = [("instagram", "diskominfokalsel", "p9", at(DAY, 6) + timedelta(hours=30), "Soal tambang di Tanbu")]
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
        ("facebook", "humasprovkalsel", "a", at(DAY, 16), "Soal tambang di Tanah Bumbu"),  # 10 h after 06:00
        ("facebook", "humasprovkalsel", "b", at(second, 12) + timedelta(hours=30), "Penanganan banjir Banjarmasin"),
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


def test_regional_flood_alert_is_not_answered_by_a_post_about_floods_in_another_kabupaten(tmp_path: Path) -> None:
    posts = [
        # the disaster agency (responsible for floods) on floods in Banjarmasin: answers the
        # province-wide alert, not the one of Tanah Bumbu
        ("x", "bpbdkalsel", "f1", at(DAY, 10, 30), "Banjir di Kota Banjarmasin, tim evakuasi BPBD dikerahkan"),
        # the same agency on Tanah Bumbu, by the alias of its capital
        ("x", "bpbdkalsel", "f2", at(DAY, 15), "Banjir di Batulicin: posko pengungsi dibuka"),
    ]
    path = build(tmp_path / "w.duckdb", background() + burst(DAY, 8, 30, "banjir", "6310"), posts=posts)
    _refresh(path)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute(
            """select region_code, first_response_at, response_account, other_posts_after
               from marts.issue_alerts where issue = 'banjir' order by region_code nulls first"""
        ).fetchall()
    assert rows == [
        (None, at(DAY, 10, 30), "x/bpbdkalsel", 0),
        ("6310", at(DAY, 15), "x/bpbdkalsel", 1),
    ]


def _judge(path: Path, alerts: list[tuple[str, str, str | None]]) -> dict[str, tuple]:
    """match_responses for hand-made alerts (id, issue, region), all with window_start 06:00."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            "create temp table _alert_keys (alert_id varchar, issue varchar, term varchar, region_code varchar, "
            "window_start timestamptz)"
        )
        con.executemany(
            "insert into _alert_keys values (?, ?, null, ?, ?)", [(a, i, r, at(DAY, 6)) for a, i, r in alerts]
        )
        match_responses(con, load_config()["response"])
        rows = con.execute(
            "select alert_id, first_response_at, response_account, other_posts_after from _responses"
        ).fetchall()
    return {a: tuple(rest) for a, *rest in rows}


def test_only_a_responsible_or_coordinating_agency_naming_the_region_answers(tmp_path: Path) -> None:
    posts = [
        ("x", "bpbdkalsel", "p0", at(DAY, 5), "Banjir di Banjarmasin"),  # before the window: nowhere
        # tourism office: responsible for neither issue
        ("instagram", "disparkalsel", "p1", at(DAY, 7), "Festival budaya di bekas tambang Tanah Bumbu"),
        # 'Banjarmasin' holds 'banjar' but is another region than Kabupaten Banjar
        ("x", "bpbdkalsel", "p2", at(DAY, 8), "Banjir di Banjarmasin, tim evakuasi dikerahkan"),
        # Banjarmasin's Diskominfo coordinates Banjarmasin only, not Tanah Bumbu nor the province
        ("instagram", "diskominfotikbjm", "p3", at(DAY, 9), "Tambang pasir di Tanah Bumbu dipantau"),
        ("x", "bpbdkalsel", "p4", at(DAY, 10), "Banjir melanda Martapura, Kabupaten Banjar"),
        # a supporting agency (role pendukung) answers as well as the lead one
        ("instagram", "dpuprkalsel", "p5", at(DAY, 11), "Jalan angkutan batu bara diperbaiki"),
        # Tanah Bumbu's own Diskominfo, naming its capital
        ("instagram", "diskominfotanbu", "p6", at(DAY, 12), "Penertiban tambang ilegal di Batulicin"),
        # later qualifying posts neither move the first response nor count as other posts
        ("instagram", "dlhkalsel", "p7", at(DAY, 13), "Reklamasi lubang tambang di Tanbu"),
    ]
    path = build(tmp_path / "w.duckdb", [Mention(at(DAY, 1), "banjir", "neutral", None)], posts=posts)
    judged = _judge(
        path,
        [
            ("province_mining", "lingkungan_tambang", None),
            ("banjar_flood", "banjir", "6303"),
            ("banjarmasin_flood", "banjir", "6371"),
            ("tanbu_mining", "lingkungan_tambang", "6310"),
        ],
    )
    assert judged == {
        "province_mining": (at(DAY, 11), "instagram/dpuprkalsel", 3),  # p1, p3, p6 do not count
        "banjar_flood": (at(DAY, 10), "x/bpbdkalsel", 1),  # p2
        "banjarmasin_flood": (at(DAY, 8), "x/bpbdkalsel", 1),  # p4
        "tanbu_mining": (at(DAY, 12), "instagram/diskominfotanbu", 3),  # p1, p3, p5
    }


def test_coordinators_in_alerts_yml_must_be_a_list_of_agency_codes(tmp_path: Path) -> None:
    config = tmp_path / "alerts.yml"
    config.write_text("response:\n  coordinators: diskominfo_kalsel\n", encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_config(config)
    assert str(error.value) == (
        f"{config}: 'response.coordinators' must be a list of codes, e.g. [diskominfo_kalsel], not 'diskominfo_kalsel'"
    )
    config.write_text("response:\n  coordinators: [diskominfo_kalsel]\n  regional_coordinators:\n", encoding="utf-8")
    assert {k: v for k, v in load_config(config)["response"].items() if k != "max_hours"} == {
        "coordinators": ["diskominfo_kalsel"],
        "regional_coordinators": [],
    }
