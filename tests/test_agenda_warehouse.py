"""The matcher over the warehouse (agenda/warehouse.py): each build matches only what is new,
an edited release is matched again, other settings match everything again; agenda.yml is
checked."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from agenda.settings import AgendaSettings, load_settings
from agenda.warehouse import match_warehouse
from ingestion.schema import create_raw_schema

WITA = ZoneInfo("Asia/Makassar")
T0 = datetime(2025, 3, 4, 10, 0, tzinfo=WITA)
BRIDGE = "Gubernur Kalsel Resmikan Jembatan Sungai Alalak Senilai Rp 1,5 Miliar"
SCHOOL = "Disdikbud Kalsel Resmikan Gedung Baru SMA Negeri 2 Marabahan"


def _release(con: duckdb.DuckDBPyConnection, rid: str, title: str, at: datetime, file: str = "r1") -> None:
    con.execute(
        """insert into raw.releases (release_id, url, url_key, published_at, title, lead, agency_code, agency_source,
               source_kind, export_date, source_file_id, source_row, profile, ingested_at)
           values (?, null, null, ?, ?, '', 'dpupr_kalsel', 'column', 'template', ?, ?, 1, 'releases', now())""",
        [rid, at, title, at.date(), file],
    )


def _mention(con: duckdb.DuckDBPyConnection, mid: str, title: str, at: datetime, file: str) -> None:
    con.execute(
        """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at, title,
               export_date, ingested_at) values (?, ?, 1, 'meltwater', 'meltwater', ?, ?, ?, now())""",
        [mid, file, at, title, at.date()],
    )


def _pairs(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str, str]]:
    return set(con.execute("select release_id, mention_id, band from raw.release_matches").fetchall())


@pytest.fixture
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    create_raw_schema(connection)
    _release(connection, "bridge", BRIDGE, T0)
    _mention(
        connection,
        "m1",
        "Jembatan Sungai Alalak Rp1,5 M Diresmikan Gubernur Kalimantan Selatan",
        T0 + timedelta(hours=3),
        "f1",
    )
    _mention(connection, "m2", "Warga Marabahan Keluhkan Atap Sekolah Bocor", T0 + timedelta(days=3), "f1")
    return connection


def test_a_build_matches_only_new_exports_against_known_releases_and_new_releases_against_everything(con) -> None:
    settings = AgendaSettings()
    first = match_warehouse(con, settings)
    assert (first.releases_matched, first.files_matched) == (1, 1)
    assert _pairs(con) == {("bridge", "m1", "accept")}
    again = match_warehouse(con, settings)
    assert (again.releases_matched, again.files_matched, again.pairs_written) == (0, 0, 0)
    # a new export brings a pickup of the known release; a new release finds its pickup in the old export
    _mention(con, "m3", "VIDEO: Gubernur Kalsel Resmikan Jembatan Sungai Alalak", T0 + timedelta(days=1), "f2")
    _release(con, "school", SCHOOL, T0 + timedelta(days=2), "r2")
    third = match_warehouse(con, settings)
    assert (third.releases_matched, third.files_matched) == (1, 1)
    assert {p[:2] for p in _pairs(con)} == {("bridge", "m1"), ("bridge", "m3")}  # m2 carries neither
    _mention(con, "m4", "Gedung Baru SMA Negeri 2 Marabahan Diresmikan Disdikbud Kalsel", T0 + timedelta(days=3), "f3")
    match_warehouse(con, settings)
    assert ("school", "m4", "accept") in _pairs(con)


def test_an_edited_release_is_matched_again_and_loses_the_pairs_of_its_old_text(con) -> None:
    match_warehouse(con, AgendaSettings())
    # the template corrects the release: a different event, the old pickup no longer fits
    _release(con, "bridge", SCHOOL, T0, "r2")
    _mention(con, "m4", "Gedung Baru SMA Negeri 2 Marabahan Diresmikan", T0 + timedelta(days=1), "f1")
    run = match_warehouse(con, AgendaSettings())
    assert run.releases_matched == 1
    assert {p[:2] for p in _pairs(con)} == {("bridge", "m4")}


def test_other_thresholds_or_window_match_everything_again(con) -> None:
    match_warehouse(con, AgendaSettings())
    run = match_warehouse(con, AgendaSettings(window_days=1))
    assert run.full and run.releases_matched == 1
    assert con.execute("select count(distinct matcher_version) from raw.release_match_inputs").fetchall() == [(1,)]
    # one day: m1 (3 hours after) still counts
    assert {p[:2] for p in _pairs(con)} == {("bridge", "m1")}


def test_agenda_yml_values_are_checked_with_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yml"
    path.write_text("window_days: 7\naccept: 0.8\nreview: 0.6\n", encoding="utf-8")
    assert (load_settings(path).window_days, load_settings(path).accept) == (7, 0.8)
    for text, message in (
        ("window_days: 0\n", "window_days must be a whole number of days"),
        ("accept: 0.5\nreview: 0.6\n", "review (0.6) must not be above accept (0.5)"),
        ("windows: 14\n", "unknown keys windows"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=re.escape(message)) as error:
            load_settings(path)
        assert str(path) in str(error.value)
    assert load_settings(tmp_path / "missing.yml") == AgendaSettings()
