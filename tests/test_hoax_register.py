"""The hoax register (landing/hoaxes/): headers in English or Indonesian, every accepted date
form, rejects naming file, row and problem, the content-hash registry, and which hoax a row
names. The decisions on its review queue are those of every queue (landing/decisions/, kind
hoax): tests/test_review_decisions.py."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
from exports import write_xlsx
from platform_exports import table_text, write

from hoaxes.claims import claim_key, generated_id
from ingestion.hoaxes.load import ingest_hoaxes

EN = ["hoax_id", "first_seen", "claim", "keywords", "category", "issue", "region", "klarifikasi_url", "klarifikasi_at",
      "source"]  # fmt: skip
ID = ["id_hoaks", "pertama_terlihat", "klaim", "kata_kunci", "kategori", "isu", "wilayah", "tautan_klarifikasi",
      "waktu_klarifikasi", "sumber"]  # fmt: skip


def _ingest(home: Path):
    return ingest_hoaxes(home / "warehouse.duckdb", home / "landing" / "hoaxes", home / "quarantine")


def _rows(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_accepted_date_form_is_read_in_english_and_indonesian_files(tmp_path: Path) -> None:
    """Catches a date form of the generic template not read for one of the two date columns, a
    day-first date read month-first, and an offset in the value ignored."""
    write(
        tmp_path / "landing" / "hoaxes" / "register.csv",
        table_text(
            EN,
            [
                ["A", "2025-01-16 09:00", "claim a", "", "hoaks", "Banjir", "", "https://k.example/a", "2025-01-16T20:00:00+07:00", ""],
                ["B", "16/01/2025 09:00", "claim b", "", "", "", "", "", "17/01/2025 08:30", ""],
                ["C", "1737000000", "claim c", "", "", "", "", "", "", ""],
                ["D", "6 Februari 2025", "claim d", "", "", "", "Kota Banjarmasin", "", "", ""],
            ],
        ),
        exported="2025-02-10",
    )  # fmt: skip
    write_xlsx(
        tmp_path / "landing" / "hoaxes" / "daftar.xlsx",
        ID,
        [
            {
                "id_hoaks": "E",
                "pertama_terlihat": datetime(2025, 3, 1, 7, 30),
                "klaim": "klaim e",
                "kategori": "Disinformasi",
            }
        ],
    )
    report = _ingest(tmp_path)
    assert [(o.status, o.rows_loaded, o.rows_rejected) for o in report.outcomes] == [("loaded", 4, 0), ("loaded", 1, 0)]
    rows = _rows(
        tmp_path,
        "select hoax_id, first_seen, klarifikasi_at, category, issue, region_code from raw.hoax_register order by 1",
    )
    utc = lambda *a: datetime(*a, tzinfo=UTC)  # noqa: E731
    assert rows == [
        ("A", utc(2025, 1, 16, 1), utc(2025, 1, 16, 13), "hoaks", "banjir", None),  # +07:00 in the value wins
        ("B", utc(2025, 1, 16, 1), utc(2025, 1, 17, 0, 30), None, None, None),
        ("C", utc(2025, 1, 16, 4), None, None, None, None),  # Unix epoch seconds
        ("D", utc(2025, 2, 5, 16), None, None, None, "6371"),
        ("E", utc(2025, 2, 28, 23, 30), None, "disinformasi", None, None),  # an Excel date, WITA wall clock
    ]  # fmt: skip


def test_bad_rows_are_set_aside_with_file_row_and_reason_and_good_rows_still_load(tmp_path: Path) -> None:
    write(
        tmp_path / "landing" / "hoaxes" / "register.csv",
        table_text(
            EN,
            [
                ["", "2025-01-16", "good claim", "", "", "", "", "", "", ""],
                ["", "kemarin", "claim with a relative date", "", "", "", "", "", "", ""],
                ["", "2025-01-16", "claim with a bad category", "", "rumor", "cuaca", "Atlantis", "ftp://x", "", ""],
                ["NEW-1", "", "", "", "", "", "", "", "", ""],
                ["", "", "", "", "", "", "", "https://k.example", "", ""],
                ["", "2099-01-01", "claim in the future", "", "", "", "", "", "", ""],
            ],
        ),
    )  # fmt: skip
    [outcome] = _ingest(tmp_path).outcomes
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 5)
    rejects = _rows(tmp_path, "select file_name, source_row, column_name, reason from raw.ingest_rejects order by 2, 3")
    reasons = {(row, column): reason for _, row, column, reason in rejects}
    assert {r[0] for r in rejects} == {"register.csv"}
    assert "is relative" in reasons[(3, "first_seen")]
    assert reasons[(4, "category")] == "category 'rumor' is not one of hoaks, disinformasi, misinformasi, malinformasi"
    assert "not in the taxonomy" in reasons[(4, "issue")] and "not a kabupaten/kota" in reasons[(4, "region")]
    assert "is not a link" in reasons[(4, "klarifikasi_url")]
    assert "'NEW-1' is not registered yet: a new hoax needs its claim" in reasons[(5, "claim")]
    assert "first_seen is empty" in reasons[(5, "first_seen")]
    assert reasons[(6, "claim")] == "no hoax_id and no claim: name the hoax (hoax_id) or write its claim"
    assert "is in the future" in reasons[(7, "first_seen")]


def test_a_later_row_names_its_hoax_by_id_or_by_the_same_claim_and_a_re_drop_is_skipped(tmp_path: Path) -> None:
    """Catches a later row with the same claim (other capitals, a [HOAKS] label) becoming a second
    hoax, a claim registered under an id losing its id, and the same file loaded twice."""
    landing = tmp_path / "landing" / "hoaxes"
    first = table_text(EN, [["", "2025-01-16", "Sekolah diliburkan dua minggu", "", "", "", "", "", "", ""],
                            ["HKS-9", "2025-01-17", "Jembatan Alalak ditutup", "", "", "", "", "", "", ""]])  # fmt: skip
    write(landing / "a.csv", first, exported="2025-01-16")
    write(
        landing / "b.csv",
        table_text(EN, [["", "", "[HOAKS] sekolah DILIBURKAN dua minggu!", "", "", "", "", "https://k.example/s", "2025-01-17 10:00", ""],
                        ["", "", "jembatan alalak ditutup", "", "", "", "", "https://k.example/j", "2025-01-18 10:00", ""],
                        ["hks-9", "", "", "", "", "", "", "", "", "Diskominfo"]]),
        exported="2025-01-18",
    )  # fmt: skip
    write(landing / "a copy.csv", first, exported="2025-01-19")
    report = _ingest(tmp_path)
    assert [(o.name, o.status) for o in report.outcomes] == [
        ("a.csv", "loaded"),
        ("b.csv", "loaded"),
        ("a copy.csv", "skipped"),
    ]
    school = generated_id(claim_key("Sekolah diliburkan dua minggu"))
    assert _rows(tmp_path, "select hoax_id, klarifikasi_url from raw.hoax_register order by ingested_at, source_row") == [
        (school, None), ("HKS-9", None), (school, "https://k.example/s"), ("HKS-9", "https://k.example/j"), ("HKS-9", None),
    ]  # fmt: skip
    assert _rows(tmp_path, "select count(distinct hoax_id) from raw.hoax_register") == [(2,)]
