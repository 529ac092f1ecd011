"""The file registry makes a re-dropped or renamed export a no-op."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, meltwater_row, write_meltwater, write_table

from ingestion.load import ingest_media


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the date rules judge by (its rows are dated up to February 2026): pinned, so the tests pass on any day."""
    monkeypatch.setenv("CITRA_TODAY", "2026-03-01")


ROWS = [
    meltwater_row(
        Date="06-Feb-2026 03:03PM",
        Headline="Jalan Rusak di Tapin",
        URL="https://a.id/1",
        Source="Kalsel Pos",
        Sentiment="Negative",
        Input_Name="Infrastruktur",
        Document_ID="d1",
    ),
    meltwater_row(
        Date="07-Feb-2026 08:15AM",
        Headline="Festival Pasar Terapung",
        URL="https://a.id/2",
        Source="Antara",
        Sentiment="Positive",
        Input_Name="Pariwisata",
        Document_ID="d2",
    ),
]


def ingest(home: Path):
    return ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def counts(home: Path) -> tuple[int, int]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(
            "select (select count(*) from raw.media_mentions), (select count(*) from raw.ingest_files)"
        ).fetchall()[0]


def test_same_file_twice_is_ingested_once(citra_home: Path) -> None:
    write_meltwater(citra_home / "landing" / "media" / "mw.csv", ROWS)
    assert ingest(citra_home).rows_loaded == 2
    second = ingest(citra_home)
    assert [o.status for o in second.outcomes] == ["skipped"]
    assert counts(citra_home) == (2, 1)


def test_renamed_duplicate_export_is_skipped(citra_home: Path) -> None:
    landing = citra_home / "landing" / "media"
    write_meltwater(landing / "mw.csv", ROWS)
    ingest(citra_home)
    shutil.copy(landing / "mw.csv", landing / "meltwater_februari_final_v2.csv")
    report = ingest(citra_home)
    renamed = next(o for o in report.outcomes if o.name == "meltwater_februari_final_v2.csv")
    assert renamed.status == "skipped" and "already ingested as 'mw.csv'" in renamed.message
    assert counts(citra_home) == (2, 1)


def test_registry_records_profile_rows_and_range(citra_home: Path) -> None:
    landing = citra_home / "landing" / "media"
    write_meltwater(landing / "mw.csv", ROWS, utf16=True)
    write_table(
        landing / "kliping.csv",
        GENERIC_HEADER,
        [
            {
                "date": "2025-01-05 10:30",
                "title": "Kliping koran",
                "outlet": "Banjarmasin Post",
                "media_type": "print",
                "issue": "Pendidikan",
                "sentiment": "positif",
                "reach": "1.234",
            },
        ],
        encoding="utf-8-sig",
    )
    ingest(citra_home)
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        files = con.execute(
            """select file_name, profile, vendor, status, rows_read, rows_loaded, rows_rejected,
                      strftime(timezone('Asia/Makassar', min_published_at), '%Y-%m-%d %H:%M')
               from raw.ingest_files order by file_name"""
        ).fetchall()
        generic = con.execute(
            "select reach, sentiment, media_type from raw.media_mentions where vendor = 'manual'"
        ).fetchall()
    assert files == [
        ("kliping.csv", "generic", "manual", "loaded", 1, 1, 0, "2025-01-05 10:30"),
        ("mw.csv", "meltwater", "meltwater", "loaded", 2, 2, 0, "2026-02-06 15:03"),
    ]
    # the generic template is read with Indonesian number format: 1.234 is one thousand two hundred thirty-four
    assert generic == [(1234, "positive", "print")]
