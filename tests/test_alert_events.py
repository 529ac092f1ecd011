"""Acknowledge, close and reopen: from `citra alerts` and from CSV files in landing/alerts/;
every change is kept with its time and author, and a bad row is set aside with its reason."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from alert_warehouse import WITA, at, background, build, burst

from alerts.config import load_config
from alerts.run import refresh
from orchestration.cli import main

DAY = date(2025, 10, 6)
POST = [("facebook", "humasprovkalsel", "p3", at(DAY, 16, 45), "Soal tambang")]


@pytest.fixture
def home(citra_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A warehouse with the 08:00 burst (two alerts) published, as after a build."""
    warehouse = build(citra_home / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(warehouse))
    _refresh(citra_home)
    return citra_home


def _refresh(home: Path):
    return refresh(
        home / "warehouse.duckdb",
        home / "landing" / "alerts",
        home / "quarantine" / "alerts",
        load_config(),
        at(DAY, 13),
        "run-1",
    )


def _rows(home: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _ids(home: Path) -> tuple[str, str]:
    rows = _rows(home, "select alert_id from marts.issue_alerts order by region_code nulls first")
    return rows[0][0], rows[1][0]


def test_ack_close_and_reopen_change_the_status_and_keep_every_change(home: Path, capsys) -> None:
    province, _ = _ids(home)
    ack = [
        "alerts",
        "ack",
        province[:7],
        "--by",
        "Rina",
        "--note",
        "Kadis sudah diberi tahu",
        "--at",
        "2025-10-06 14:00",
    ]
    assert main(ack) == 0
    assert "acknowledged by Rina" in capsys.readouterr().out
    assert _rows(
        home, "select status, acknowledged_by, last_note from marts.issue_alerts where alert_id = ?", [province]
    ) == [("acknowledged", "Rina", "Kadis sudah diberi tahu")]
    assert main(["alerts", "close", province, "--by", "Budi", "--at", "2025-10-07 09:00"]) == 0
    assert _rows(
        home, "select status, closed_by, closed_at from marts.issue_alerts where alert_id = ?", [province]
    ) == [("closed", "Budi", datetime(2025, 10, 7, 9, tzinfo=WITA))]
    assert main(["alerts", "reopen", province, "--by", "Rina", "--at", "2025-10-07 10:00"]) == 0
    assert _rows(home, "select status, closed_at from marts.issue_alerts where alert_id = ?", [province]) == [
        ("acknowledged", None)
    ]
    history = _rows(home, "select action, actor, source from raw.alert_events order by happened_at")
    assert history == [("ack", "Rina", "cli"), ("close", "Budi", "cli"), ("reopen", "Rina", "cli")]
    # a rebuild keeps the state: it lives in raw.alert_events, not in the mart
    _refresh(home)
    assert _rows(home, "select status from marts.issue_alerts where alert_id = ?", [province]) == [("acknowledged",)]
    assert main(["alerts", "show", province]) == 0
    shown = capsys.readouterr().out
    assert "ack" in shown and "Budi" in shown and "Kadis sudah diberi tahu" in shown


def test_answer_by_an_official_post_outranks_acknowledged_and_closing_outranks_both(home: Path) -> None:
    province, region = _ids(home)
    main(["alerts", "ack", province, "--by", "Rina"])
    build(home / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30), posts=POST)
    _refresh(home)
    main(["alerts", "close", region, "--by", "Budi"])
    assert _rows(home, "select status from marts.issue_alerts order by region_code nulls first") == [
        ("answered",),
        ("closed",),
    ]


def test_show_says_who_answered_when_and_how_many_other_posts_did_not_count(home: Path, capsys) -> None:
    province, region = _ids(home)
    build(home / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30), posts=POST)
    _refresh(home)
    capsys.readouterr()
    assert main(["alerts", "show", province]) == 0
    shown = capsys.readouterr().out.splitlines()
    # the governor's office coordinates: a province-wide alert needs no region in the post
    assert shown[:3] == [
        "response           answered by Biro Adpim (facebook/humasprovkalsel) at 2025-10-06 16:45 WITA, "
        "10.8 h after the window started",
        "                   https://facebook.example/p3",
        "other posts        0 other official post(s) on the issue since the window started did not count "
        "(agency not responsible or coordinating, or the region not named)",
    ]
    assert main(["alerts", "show", region]) == 0
    shown = capsys.readouterr().out.splitlines()
    # the same post does not name Tanah Bumbu: not an answer there, but staff see it
    assert shown[0] == "response           not answered yet by a responsible or coordinating official account"
    assert shown[1].startswith("other posts        1 other official post(s)")
    assert "other_posts_after  1" in shown


def test_unknown_or_ambiguous_id_is_refused_with_a_clear_message(home: Path, capsys) -> None:
    assert main(["alerts", "ack", "ffffffffffff", "--by", "Rina"]) == 2
    assert "no alert has the id 'ffffffffffff'" in capsys.readouterr().err
    assert main(["alerts", "ack", "abc", "--by", "Rina"]) == 2
    assert "too short" in capsys.readouterr().err
    assert _rows(home, "select count(*) from raw.alert_events") == [(0,)]


def test_list_shows_open_alerts_newest_first(home: Path, capsys) -> None:
    # bursts on three days, each raising a province-wide and a regional alert; the mart holds
    # them oldest first, so a list that forgets to sort shows them the wrong way round
    mentions = background(until=DAY) + burst(DAY, 8, 30)
    mentions += burst(DAY - timedelta(days=2), 14, 12, "banjir", "6371")
    mentions += burst(DAY - timedelta(days=1), 20, 12, "pendidikan", "6310")
    build(home / "warehouse.duckdb", mentions)
    _refresh(home)
    ids = dict(_rows(home, "select issue || ' ' || coalesce(region_code, '-'), alert_id from marts.issue_alerts"))
    main(["alerts", "ack", ids["lingkungan_tambang 6310"], "--by", "Rina"])
    main(["alerts", "close", ids["banjir -"], "--by", "Budi"])
    capsys.readouterr()
    assert main(["alerts", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["id", "kind", "issue", "region"]
    # id, kind, issue, region, (no term), window start: date and time
    listed = [(line.split()[0], " ".join(line.split()[4:6])) for line in lines[1:]]
    # newest window first; alerts of the same window by id
    assert listed == [
        (ids["lingkungan_tambang -"], "2025-10-06 06:00"),
        *sorted([(ids["pendidikan -"], "2025-10-05 18:00"), (ids["pendidikan 6310"], "2025-10-05 18:00")]),
        (ids["banjir 6371"], "2025-10-04 12:00"),
    ]
    main(["alerts", "list", "--all"])
    assert len(capsys.readouterr().out.splitlines()) == 7


def test_changes_dropped_as_csv_count_once_and_bad_rows_are_set_aside(home: Path) -> None:
    province, region = _ids(home)
    landing = home / "landing" / "alerts"
    landing.mkdir(parents=True)
    csv = landing / "tindak_lanjut_oktober.csv"
    csv.write_text(
        "id_peringatan,tindakan,oleh,catatan,waktu\n"
        f"{province},terima,Rina,Sudah dibahas rapat pagi,2025-10-06 14:00\n"
        f"{region},tutup,,tanpa nama,\n"
        f"{region},hapus,Budi,,\n"
        "0123456789ab,tutup,Budi,,\n"
        f"{region},tutup,Budi,,kemarin sore\n",
        encoding="utf-8",
    )
    os.utime(csv, (at(DAY, 15).timestamp(),) * 2)
    done = _refresh(home)
    assert [(o.status, o.rows_loaded, o.rows_rejected) for o in done.files.outcomes] == [("loaded", 1, 4)]
    assert _rows(home, "select actor, action, happened_at, source from raw.alert_events") == [
        ("Rina", "ack", at(DAY, 14), "landing/alerts/tindak_lanjut_oktober.csv")
    ]
    rejects = _rows(home, "select source_row, column_name, reason from raw.ingest_rejects order by source_row")
    assert [(r[0], r[1]) for r in rejects] == [(3, "by"), (4, "action"), (5, "alert_id"), (6, "at")]
    assert (
        rejects[1][2]
        == "tindak_lanjut_oktober.csv row 4: 'hapus' is not one of ack, close, reopen (terima, tutup, buka)"
    )
    assert (
        rejects[2][2] == "tindak_lanjut_oktober.csv row 5: no alert has the id '0123456789ab' (see `citra alerts list`)"
    )
    assert _rows(home, "select status from marts.issue_alerts where alert_id = ?", [province]) == [("acknowledged",)]
    # the same file again (even renamed) changes nothing
    csv.rename(landing / "salinan.csv")
    assert [o.status for o in _refresh(home).files.outcomes] == ["skipped"]
    assert _rows(home, "select count(*) from raw.alert_events") == [(1,)]


def test_csv_without_the_needed_columns_is_quarantined_with_the_reason(home: Path) -> None:
    landing = home / "landing" / "alerts"
    landing.mkdir(parents=True)
    (landing / "salah.csv").write_text("nomor,keterangan\n1,x\n", encoding="utf-8")
    [outcome] = _refresh(home).files.outcomes
    assert outcome.status == "quarantined"
    assert outcome.message == "salah.csv: the header lacks alert_id, action, by; expected alert_id,action,by,note,at"
    assert (home / "quarantine" / "alerts" / "salah.csv").exists()
