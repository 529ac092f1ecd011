"""The same export in every encoding and delimiter offices receive loads to the same rows."""

from __future__ import annotations

import codecs
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_text

from ingestion.load import ingest_media

ROWS = [
    {
        "date": "2025-03-01 07:45",
        "title": "Café Banua buka cabang di Banjarbaru",
        "outlet": "Jejakrekam.com",
        "issue": "Ekonomi",
        "sentiment": "positif",
        "reach": "1.500",
        "region": "Kota Banjarbaru",
    },
    {
        "date": "2025-03-02 19:00",
        "title": "Keluhan warga soal air PDAM",
        "outlet": "Radar Banjarmasin",
        "issue": "Pelayanan Publik",
        "sentiment": "negatif",
        "reach": "2,5 rb",
    },
]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    if encoding == "utf-16-le-bom":
        return text.encode("utf-16")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters_give_identical_rows(citra_home: Path, encoding: str, delimiter: str) -> None:
    path = citra_home / "landing" / "media" / "kliping.csv"
    path.write_bytes(encode(csv_text(GENERIC_HEADER, ROWS, delimiter=delimiter), encoding))
    report = ingest_media(citra_home / "warehouse.duckdb", citra_home / "landing" / "media", citra_home / "quarantine")
    assert report.rows_loaded == 2, report.outcomes
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("select title, reach, sentiment from raw.media_mentions order by published_at").fetchall()
    assert rows == [
        ("Café Banua buka cabang di Banjarbaru", 1500, "positive"),
        ("Keluhan warga soal air PDAM", 2500, "negative"),
    ]


def test_leading_sep_line_sets_the_delimiter(citra_home: Path) -> None:
    path = citra_home / "landing" / "media" / "excel_export.csv"
    path.write_text("sep=;\r\n" + csv_text(GENERIC_HEADER, ROWS, delimiter=";"), encoding="utf-8")
    report = ingest_media(citra_home / "warehouse.duckdb", citra_home / "landing" / "media", citra_home / "quarantine")
    assert report.rows_loaded == 2
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select min(source_row) from raw.media_mentions").fetchall() == [(3,)]
