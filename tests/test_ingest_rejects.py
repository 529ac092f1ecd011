"""Each kind of bad row is set aside with a precise reason; the good rows beside it load."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_text

from ingestion.load import ingest_media

GOOD = {
    "date": "2025-03-01 07:45",
    "title": "Jembatan baru diresmikan",
    "outlet": "Antara Kalsel",
    "issue": "Infrastruktur",
    "sentiment": "positif",
    "reach": "1.500",
}


@pytest.mark.parametrize(
    ("bad", "column", "reason"),
    [
        (
            {"date": "31 Okt 2024 25:10"},
            "date",
            "date '31 Okt 2024 25:10' is not a date; expected a format like 2026-02-06 15:03",
        ),
        ({"date": ""}, "date", "date is empty; expected a format like 2026-02-06 15:03"),
        ({"title": "", "url": ""}, "title/url", "no title and no URL: nothing identifies the mention"),
        ({"reach": "-20"}, "reach", "reach -20 is negative"),
        ({"engagement": "banyak"}, "engagement", "engagement 'banyak' is not a number"),
        (
            {"sentiment": "sangat bagus"},
            "sentiment",
            "sentiment 'sangat bagus' is not a known label; expected positive, neutral, negative "
            "(or Indonesian positif, netral, negatif)",
        ),
    ],
    ids=["bad-date", "empty-date", "no-title-no-url", "negative-count", "not-a-number", "unknown-sentiment"],
)
def test_bad_row_goes_to_rejects_and_good_rows_load(citra_home: Path, bad: dict, column: str, reason: str) -> None:
    rows = [GOOD, {**GOOD, "title": "Baris rusak", **bad}, {**GOOD, "title": "Baris ketiga"}]
    (citra_home / "landing" / "media" / "kliping_2025-03.csv").write_text(
        csv_text(GENERIC_HEADER, rows), encoding="utf-8"
    )
    report = ingest_media(citra_home / "warehouse.duckdb", citra_home / "landing" / "media", citra_home / "quarantine")
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        rejects = con.execute(
            "select file_name, source_row, column_name, reason, raw_values from raw.ingest_rejects"
        ).fetchall()
        titles = con.execute("select title from raw.media_mentions order by source_row").fetchall()
    assert [r[:4] for r in rejects] == [("kliping_2025-03.csv", 3, column, reason)]
    assert '"outlet":"Antara Kalsel"' in rejects[0][4]
    assert titles == [("Jembatan baru diresmikan",), ("Baris ketiga",)]


def test_row_numbers_stay_exact_in_a_large_file(citra_home: Path) -> None:
    rows = [{**GOOD, "title": f"Berita {i}", "document_id": f"k-{i}"} for i in range(60_000)]
    rows[45_000] = {**rows[45_000], "sentiment": "???"}
    rows[59_999] = {**rows[59_999], "date": "kemarin"}
    (citra_home / "landing" / "media" / "besar.csv").write_text(csv_text(GENERIC_HEADER, rows), encoding="utf-8")
    report = ingest_media(citra_home / "warehouse.duckdb", citra_home / "landing" / "media", citra_home / "quarantine")
    assert (report.rows_loaded, report.rows_rejected) == (59_998, 2)
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        rejects = con.execute("select source_row, column_name from raw.ingest_rejects order by source_row").fetchall()
        mismatched = con.execute(
            "select count(*) from raw.media_mentions where source_row <> substr(document_id, 3)::int + 2"
        ).fetchall()[0][0]
    assert rejects == [(45_002, "sentiment"), (60_001, "date")]  # header is row 1
    assert mismatched == 0
