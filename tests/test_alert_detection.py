"""The alert rules on planted data: bursts at exact WITA times give alerts with exact windows,
counts and baselines; quiet data gives none; ids survive rebuilds and late data; the data-quality
table and the report name the same bursts as the alerts."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_warehouse import REGIONS, Mention, at, background, build, burst

from alerts.config import load_config
from alerts.detect import detect
from quality.gaps import negative_bursts

DAY = date(2025, 10, 6)  # a Monday


def _detect(path: Path) -> list:
    with duckdb.connect(str(path)) as con:
        return detect(con, load_config())


def _key(a) -> tuple:
    return (a.kind, a.issue, a.region_code, a.window_start, a.window_end)


def test_quiet_coverage_raises_no_alert(tmp_path: Path) -> None:
    # catches: a band so tight (or a zero-filled series so flat) that ordinary days alert
    assert _detect(build(tmp_path / "w.duckdb", background())) == []


def test_burst_in_one_six_hour_window_is_alerted_for_that_window_province_wide_and_in_its_region(
    tmp_path: Path,
) -> None:
    # 8 negative banjir mentions at 14:00-14:07 in Banjarmasin: the 12-18 window bursts, the day
    # (1 + 8 in the region, 2 + 8 province-wide) stays below its minimum of 10 or its band
    path = build(tmp_path / "w.duckdb", background() + burst(DAY, 14, 8, "banjir", "6371"))
    alerts = _detect(path)
    assert [_key(a) for a in alerts] == [
        ("negative_burst", "banjir", None, at(DAY, 12), at(DAY, 18)),
        ("negative_burst", "banjir", "6371", at(DAY, 12), at(DAY, 18)),
    ]
    # catches: counting the whole day, or the background of other windows, into the alert
    assert [(a.negative_mentions, a.mentions, a.baseline) for a in alerts] == [(8, 10, 0.0), (8, 9, 0.0)]
    assert all(a.severity == "medium" for a in alerts)


def test_burst_that_also_bursts_the_day_runs_from_its_first_window_to_midnight(tmp_path: Path) -> None:
    path = build(tmp_path / "w.duckdb", background() + burst(DAY, 8, 30))
    province, region = _detect(path)
    assert _key(province) == ("negative_burst", "lingkungan_tambang", None, at(DAY, 6), at(DAY + timedelta(days=1), 0))
    assert _key(region)[2:] == ("6310", at(DAY, 6), at(DAY + timedelta(days=1), 0))
    # 30 planted + the 07:30 background negative of each region in the window
    assert (province.negative_mentions, province.baseline) == (32, 2.0)
    assert (region.negative_mentions, region.baseline) == (31, 1.0)
    # (32 - 2) / (1.4826 x sqrt(2)): the robust z of the 06-12 window and of the day
    assert province.score == pytest.approx(30 / (1.4826 * 2**0.5))
    assert province.severity == "high"
    assert [h.title for h in province.headlines[:2]] == [
        "Lubang tambang longsor nomor 0",
        "Lubang tambang longsor nomor 1",
    ]
    assert province.outlets == [("Outlet 0", 10), ("Outlet 1", 10), ("Outlet 2", 10), ("Media Lokal", 2)]


def test_alert_id_is_the_same_on_a_rebuild_and_when_later_data_of_the_day_arrives(tmp_path: Path) -> None:
    first = _detect(build(tmp_path / "a.duckdb", background(until=DAY) + burst(DAY, 14, 8, "banjir", "6371")))
    # an export delivered later adds an earlier burst window of the same day: one alert, grown
    later = _detect(
        build(
            tmp_path / "b.duckdb",
            background() + burst(DAY, 14, 8, "banjir", "6371") + burst(DAY, 1, 9, "banjir", "6371"),
        )
    )
    assert [a.alert_id for a in first] == [a.alert_id for a in later]
    assert (later[1].window_start, later[1].window_end) == (at(DAY, 0), at(DAY + timedelta(days=1), 0))
    # a rebuild of the same data: the same ids (the id is not random or time-dependent)
    assert [a.alert_id for a in _detect(tmp_path / "b.duckdb")] == [a.alert_id for a in later]


def test_burst_without_enough_history_is_not_judged(tmp_path: Path) -> None:
    # 13 days of history (< min_history_days 14): the baseline is not yet trustworthy
    early = date(2025, 9, 14)
    assert _detect(build(tmp_path / "w.duckdb", background() + burst(early, 8, 40))) == []


def test_sharp_rise_of_share_of_voice_is_alerted_and_not_repeated_beside_a_negative_burst(tmp_path: Path) -> None:
    neutral = [
        Mention(at(DAY, 10) + timedelta(minutes=i), "pendidikan", "neutral", "6371", f"Sekolah {i}") for i in range(40)
    ]
    path = build(tmp_path / "w.duckdb", background() + neutral)
    [alert] = _detect(path)
    # pendidikan: 8 + 40 of 24 + 40 mentions that day, against a usual third
    assert (alert.kind, alert.issue, alert.region_code) == ("share_rise", "pendidikan", None)
    assert (alert.window_start, alert.window_end) == (at(DAY, 0), at(DAY + timedelta(days=1), 0))
    assert alert.share == pytest.approx(48 / 64) and alert.baseline == pytest.approx(1 / 3)
    assert alert.mentions == 48
    # the same rise made of negative mentions is the negative burst's alert, not a second one
    negative = [Mention(m.published, m.issue, "negative", m.region, m.title) for m in neutral]
    kinds = {(a.kind, a.issue) for a in _detect(build(tmp_path / "n.duckdb", background() + negative))}
    assert kinds == {("negative_burst", "pendidikan")}


def test_watchlist_term_alerts_once_on_its_first_mention_after_it_was_added(tmp_path: Path) -> None:
    hoax = [
        Mention(at(date(2025, 9, 20), 9), "banjir", "neutral", None, "Hoaks bendungan jebol beredar lagi"),
        Mention(at(DAY, 20, 15), "banjir", "negative", None, "Warga panik: hoaks bendungan jebol!"),
        Mention(at(DAY, 23, 50), "banjir", "neutral", None, "BPBD bantah HOAKS Bendungan-Jebol"),
        Mention(at(DAY + timedelta(days=1), 8), "banjir", "neutral", None, "Lagi, hoaks bendungan jebol"),
        Mention(at(DAY, 21), "banjir", "neutral", None, "Bendungan jebolan lama diperbaiki"),  # not the term
    ]
    watch = [("hoaks bendungan jebol", "banjir", date(2025, 10, 1), "high")]
    path = build(tmp_path / "w.duckdb", background() + hoax, watchlist=watch)
    [alert] = _detect(path)
    # the mention of 20 September is before added_on; the alert is the 18-24 window of 6 October
    assert (alert.kind, alert.term, alert.issue) == ("watchlist", "hoaks bendungan jebol", "banjir")
    assert (alert.window_start, alert.window_end) == (at(DAY, 18), at(DAY + timedelta(days=1), 0))
    assert (alert.mentions, alert.negative_mentions, alert.severity) == (2, 1, "high")
    # an export with an earlier mention (after added_on) arrives: the same alert, moved, not a second
    earlier = hoax + [Mention(at(date(2025, 10, 2), 3), "banjir", "neutral", None, "hoaks bendungan jebol?")]
    [moved] = _detect(build(tmp_path / "v.duckdb", background() + earlier, watchlist=watch))
    assert moved.alert_id == alert.alert_id and moved.window_start == at(date(2025, 10, 2), 0)


def test_dq_gaps_and_the_alerts_name_the_same_negative_bursts(tmp_path: Path) -> None:
    # one rule: dq_gaps lists exactly the province-wide negative-burst alerts, by issue and day
    mentions = background() + burst(DAY, 14, 8, "banjir", "6371") + burst(DAY + timedelta(days=2), 8, 30)
    path = build(tmp_path / "w.duckdb", mentions)
    alerts = _detect(path)
    with duckdb.connect(str(path)) as con:
        gaps = negative_bursts(con)
    assert (
        {(a.issue, a.day) for a in alerts if a.kind == "negative_burst" and a.region_code is None}
        == {(f.subject, f.start_date) for f in gaps}
        == {("banjir", DAY), ("lingkungan_tambang", DAY + timedelta(days=2))}
    )
    assert any("between 12:00 and 18:00 WITA" in f.detail for f in gaps)
    assert set(REGIONS) >= {a.region_code for a in alerts if a.region_code}
