"""The warn check on mart_release_pickup: releases whose pickup window has closed with no pickup
warn; a release still inside its window, or picked up, does not."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration.defs.agenda.checks import releases_without_pickups_check
from orchestration.defs.agenda.resources import AgendaSettingsResource
from orchestration.resources import CitraHome


def test_only_releases_whose_window_closed_without_a_pickup_warn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2025-03-20")
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts")
        con.execute(
            """create table marts.mart_release_pickup as select * from (values
                 ('closed, no pickup', timestamptz '2025-03-01 02:00:00+00', 0),
                 ('closed, picked up', timestamptz '2025-03-01 02:00:00+00', 3),
                 ('window still open', timestamptz '2025-03-10 02:00:00+00', 0),
                 ('closed long ago', timestamptz '2024-09-01 02:00:00+00', 0)
               ) t(title, published_at, pickups)"""
        )
        con.execute(
            """alter table marts.mart_release_pickup add column published_at_wita timestamp;
               update marts.mart_release_pickup set published_at_wita = timezone('Asia/Makassar', published_at);
               alter table marts.mart_release_pickup add column agency_code varchar default 'dinkes_kalsel';
               alter table marts.mart_release_pickup add column issue varchar default 'kesehatan';
               alter table marts.mart_release_pickup add column pairs_to_review bigint default 0;
               alter table marts.mart_release_pickup add column release_id varchar default 'r';
               create table marts.release_review_queue as select 1 as review_rank"""
        )
    check = releases_without_pickups_check()
    result = check(
        citra=CitraHome(home=str(tmp_path), warehouse_path=str(warehouse)), agenda_settings=AgendaSettingsResource()
    )
    assert not result.passed and result.metadata["releases_without_pickups"].value == 1
    assert "closed, no pickup" in result.metadata["releases"].value
    assert result.metadata["pairs_waiting_for_review"].value == 1
