"""Meltwater exports load into raw.media_mentions in both encodings, with times in WITA."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from exports import meltwater_row, write_meltwater

from ingestion.load import ingest_media
from ingestion.pseudonyms import pseudonym_key, pseudonymize


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the date rules judge by (its rows are dated up to February 2026): pinned, so the tests pass on any day."""
    monkeypatch.setenv("CITRA_TODAY", "2026-03-01")


ROWS = [
    meltwater_row(
        Date="06-Feb-2026 03:03PM",
        Headline="Banjir Rendam 300 Rumah di HSS",
        URL="https://kalsel.antaranews.com/berita/1",
        Source="Antara Kalsel",
        Reach="1,234",
        Engagement="17",
        Sentiment="Negative",
        Input_Name="Banjir",
        Document_ID="mw-1",
        City="Kandangan",
    ),
    meltwater_row(
        Date="31-Oct-2024 11:30PM",
        Headline='Pemprov Kalsel, "UMKM naik kelas"\nbaris dua',
        URL="https://twitter.com/warga_banjar/status/99",
        Source="Twitter",
        Influencer="@warga_banjar",
        Sentiment="Not Rated",
        Input_Name="Ekonomi & UMKM",
        Document_ID="mw-2",
    ),
    meltwater_row(
        Date="01-Nov-2024 12:30AM",
        Headline="Sekolah Baru di Banjarbaru",
        URL="https://www.instagram.com/p/abc",
        Source="Instagram",
        Reach="3423.0",
        Sentiment="Positive",
        Input_Name="Pendidikan",
        Document_ID="mw-3",
    ),
]


def ingest(home: Path):
    return ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def mentions(home: Path) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(
            """select document_id, published_at, title, outlet, media_type, platform, author,
                      issue_label, sentiment, reach, engagement, region_label, vendor
               from raw.media_mentions order by document_id"""
        ).fetchall()


@pytest.mark.parametrize("utf16", [True, False], ids=["utf16-tab", "utf8-comma"])
def test_meltwater_export_loads_every_row_with_utc_instants(citra_home: Path, utf16: bool) -> None:
    write_meltwater(citra_home / "landing" / "media" / "meltwater.csv", ROWS, utf16=utf16)
    report = ingest(citra_home)
    assert [o.status for o in report.outcomes] == ["loaded"]
    assert report.rows_loaded == 3 and report.rows_rejected == 0
    rows = {r[0]: r for r in mentions(citra_home)}
    flood = rows["mw-1"]
    # 15:03 WITA is 07:03 UTC
    assert flood[1] == datetime(2026, 2, 6, 7, 3, tzinfo=UTC)
    assert flood[2:] == (
        "Banjir Rendam 300 Rumah di HSS",
        "Antara Kalsel",
        "online",
        None,
        None,
        "Banjir",
        "negative",
        1234,
        17,
        "Kandangan",
        "meltwater",
    )
    tweet = rows["mw-2"]
    assert tweet[1] == datetime(2024, 10, 31, 15, 30, tzinfo=UTC)
    assert tweet[2] == 'Pemprov Kalsel, "UMKM naik kelas"\nbaris dua'
    assert (tweet[4], tweet[5], tweet[6], tweet[8], tweet[9]) == (
        "social",
        "x",
        pseudonymize("warga_banjar", pseudonym_key(citra_home)),
        None,
        None,
    )
    insta = rows["mw-3"]
    assert insta[1] == datetime(2024, 10, 31, 16, 30, tzinfo=UTC)
    assert (insta[5], insta[8], insta[9]) == ("instagram", "positive", 3423)


def test_both_encodings_give_identical_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITRA_PSEUDONYM_KEY", "one key for both homes")
    results = []
    for utf16 in (True, False):
        home = tmp_path / ("u16" if utf16 else "u8")
        write_meltwater(home / "landing" / "media" / "mw.csv", ROWS, utf16=utf16)
        ingest(home)
        results.append(mentions(home))
    assert results[0] == results[1]


def test_bad_rows_are_set_aside_with_file_row_and_reason(citra_home: Path) -> None:
    bad = [
        meltwater_row(
            Date="31-Okt-2024 25:10",
            Headline="Tanggal rusak",
            URL="https://a.id/1",
            Sentiment="Positive",
            Input_Name="Sosial",
            Document_ID="bad-1",
        ),
        meltwater_row(
            Date="02-Nov-2024 09:00AM",
            Headline="Sentimen aneh",
            URL="https://a.id/2",
            Sentiment="Great",
            Input_Name="Sosial",
            Document_ID="bad-2",
        ),
        meltwater_row(
            Date="02-Nov-2024 09:00AM",
            Headline="Jangkauan negatif",
            URL="https://a.id/3",
            Sentiment="Neutral",
            Reach="-5",
            Input_Name="Sosial",
            Document_ID="bad-3",
        ),
    ]
    write_meltwater(citra_home / "landing" / "media" / "mw_2024-11.csv", ROWS + bad, utf16=True)
    report = ingest(citra_home)
    assert report.rows_loaded == 3 and report.rows_rejected == 3
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        rejects = con.execute(
            "select file_name, source_row, column_name, reason from raw.ingest_rejects order by source_row"
        ).fetchall()
    # the header is row 1 and the three good rows are rows 2-4
    assert rejects == [
        (
            "mw_2024-11.csv",
            5,
            "Date",
            "date '31-Okt-2024 25:10' is not a date; expected a format like 06-Feb-2026 03:03PM",
        ),
        (
            "mw_2024-11.csv",
            6,
            "sentiment",
            "sentiment 'Great' is not a known label; expected positive, neutral, negative "
            "(or Indonesian positif, netral, negatif)",
        ),
        ("mw_2024-11.csv", 7, "reach", "reach -5 is negative"),
    ]
    assert {r[0] for r in mentions(citra_home)} == {"mw-1", "mw-2", "mw-3"}


def test_unreadable_file_is_quarantined_and_the_others_load(citra_home: Path) -> None:
    landing = citra_home / "landing" / "media"
    (landing / "broken.csv").write_bytes(b"\x00\x01\x02\x03 not an export")
    (landing / "other_vendor.csv").write_text("foo,bar,baz\n1,2,3\n", encoding="utf-8")
    write_meltwater(landing / "mw.csv", ROWS)
    report = ingest(citra_home)
    status = {o.name: (o.status, o.message) for o in report.outcomes}
    assert status["mw.csv"][0] == "loaded"
    assert status["broken.csv"] == ("quarantined", "broken.csv: binary content, not a CSV or text export")
    assert status["other_vendor.csv"][0] == "quarantined"
    assert "closest profile is" in status["other_vendor.csv"][1]
    assert (citra_home / "quarantine" / "broken.csv").exists()
    assert not (landing / "broken.csv").exists()
    assert len(mentions(citra_home)) == 3
