"""The report's early-warning section: the month's alerts with their response times and the
share answered within 24 hours, read from marts.issue_alerts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest
from report_warehouse import BURST_DAY, add_platform_marts, build_warehouse

from alerts.config import load_config
from alerts.run import refresh
from reporting.data import read_report_data
from reporting.render import render_html

DEC = date(2024, 12, 1)
WITA = ZoneInfo("Asia/Makassar")
ANSWER = datetime(2024, 12, 10, 15, 0, tzinfo=WITA)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    """The report warehouse (15 negative banjir mentions on 10 December, 06:00-17:59 WITA), the
    provincial Diskominfo's post on the floods in Banjarmasin at 15:00 that day, a tourism
    office's post on them at 12:00 (not an agency responsible for floods), and the alerts published."""
    path = build_warehouse(tmp_path / "warehouse.duckdb")
    add_platform_marts(path)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema reference")
        con.execute("create table reference.issue_keywords as select 'banjir' as issue_code, 'banjir' as keyword")
        con.execute(
            "create table marts.dim_account as select * from (values "
            "('instagram', 'diskominfokalsel', 'Diskominfo Kalsel', 'diskominfo_kalsel', 'Diskominfo Kalsel', '63'), "
            "('instagram', 'disparkalsel', 'Dispar Kalsel', 'dispar_kalsel', 'Dispar Kalsel', '63')) "
            "as t(platform, account, account_name, agency_code, agency_name, region_code)"
        )
        con.execute("alter table marts.mart_platform_posts add column post_text varchar")
        con.executemany(
            "insert into marts.mart_platform_posts (platform, account, post_id, published_at, month, url, engagements, "
            "post_text) values (?, ?, ?, ?, date '2024-12-01', ?, 10, ?)",
            [
                (
                    "instagram",
                    "diskominfokalsel",
                    "p2",
                    ANSWER,
                    "https://instagram.example/p2",
                    "Posko banjir Banjarmasin dibuka",
                ),
                (
                    "instagram",
                    "disparkalsel",
                    "p3",
                    datetime(2024, 12, 10, 12, tzinfo=WITA),
                    None,
                    "Banjir di Banjarmasin",
                ),
            ],
        )
    refresh(path, tmp_path / "none", tmp_path / "q", load_config(), datetime(2024, 12, 31, tzinfo=WITA), "run-1")
    return path


def test_alerts_of_the_month_show_their_response_time_and_the_share_answered_within_24_hours(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    # province-wide, the 06-12 window (9 of the 15) and the whole day burst: 06:00 to midnight;
    # in Banjarmasin (8 of the 15, and 2 of the background) only the whole day: from 00:00
    section = data.sections["respons"]
    region, province = section.alerts  # oldest window first
    assert (province.kind, province.issue_name, province.region_name) == ("negative_burst", "Banjir", None)
    assert (region.kind, region.region_name) == ("negative_burst", "Kota Banjarmasin")
    assert (province.window_start, region.window_start) == (
        datetime(2024, 12, 10, 6, tzinfo=WITA),
        datetime(2024, 12, 10, 0, tzinfo=WITA),
    )
    assert [(a.status, a.first_response_at, a.response_hours) for a in (province, region)] == [
        ("answered", ANSWER, 9.0),
        ("answered", ANSWER, 15.0),
    ]
    r = section.responses
    assert (r.alerts, r.answered, r.answered_within_24h, r.median_response_hours) == (2, 2, 2, 12.0)
    html = render_html(data)
    assert (
        "2 peringatan dini; 2 dijawab unggahan akun resmi, <b>100,0% dalam 24 jam</b>; "
        "median waktu respons 12,0 jam." in html
    )
    assert "10 Desember 2024 06.00 WITA" in html
    assert (
        '<a href="https://instagram.example/p2">10 Desember 2024 15.00 WITA</a><br>'
        '<span class="note">instagram/diskominfokalsel</span>' in html
    )
    # the tourism office's earlier post is not an answer, but staff see it was there
    assert [(a.other_posts_after, a.response_post_url) for a in (province, region)] == [
        (1, "https://instagram.example/p2")
    ] * 2
    assert '<th class="r">Unggahan lain</th>' in html and html.count('<td class="r">1</td></tr>') == 2
    assert "Lonjakan negatif" in html and "Dijawab" in html
    # the bursts section and the alerts name the same day: one rule
    assert [b.day for b in data.bursts] == [BURST_DAY]


def test_a_month_without_alerts_says_so_and_a_warehouse_without_the_mart_says_it_is_missing(
    warehouse: Path, tmp_path: Path
) -> None:
    assert "Tidak ada peringatan dini pada November 2024." in render_html(
        read_report_data(warehouse, date(2024, 11, 1))
    )
    bare = build_warehouse(tmp_path / "bare.duckdb")
    assert "Peringatan dini belum berjalan" in render_html(read_report_data(bare, DEC))


def test_response_time_objective_is_measured_from_the_alerts(warehouse: Path) -> None:
    # catches: the objective "Respons isu negatif dalam 24 jam" (report.yml) left as not measured
    objectives = read_report_data(warehouse, DEC).sections["sasaran"]
    [row] = [r for r in objectives.rows if r.objective.metric == "response_hours"]
    # median of the 9 and 15 hours of December's two answered alerts; November had no alert
    assert (row.current.value, row.current.met, row.current.small) == (12.0, True, False)
    assert [c.value for c in row.cells if c.month == date(2024, 11, 1)] == [None]
