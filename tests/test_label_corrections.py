"""Analysts' corrections in landing/corrections/: loaded append-only with author and time,
matched by mention id or URL, bad rows set aside with file, row and reason."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_text

from ingestion.corrections import ingest_corrections
from ingestion.load import ingest_media

MENTIONS = [
    {
        "date": "2025-03-01 07:45",
        "title": "Jembatan baru diresmikan",
        "url": "https://kalsel.example/a",
        "outlet": "Antara Kalsel",
        "issue": "Infrastruktur",
        "sentiment": "positif",
    },
    {
        "date": "2025-03-02 08:00",
        "title": "Banjir rendam tiga desa",
        "url": "https://kalsel.example/b",
        "outlet": "Radar Banjarmasin",
        "issue": "",
        "sentiment": "",
    },
]


def _warehouse(home: Path) -> tuple[Path, dict[str, str]]:
    """A warehouse with the two mentions; returns it and url -> mention_id."""
    (home / "landing" / "media" / "kliping_2025-03.csv").write_text(
        csv_text(GENERIC_HEADER, MENTIONS), encoding="utf-8"
    )
    warehouse = home / "warehouse.duckdb"
    ingest_media(warehouse, home / "landing" / "media", home / "quarantine")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        ids = dict(con.execute("select url, mention_id from raw.media_mentions").fetchall())
    return warehouse, ids


def _drop(home: Path, name: str, text: str, mtime: float | None = None) -> Path:
    folder = home / "landing" / "corrections"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def _ingest(home: Path, warehouse: Path):
    return ingest_corrections(warehouse, home / "landing" / "corrections", home / "quarantine")


def test_corrections_by_id_and_by_url_load_with_author_reason_and_time(citra_home: Path) -> None:
    # bug caught: a URL-only row dropped, or the author/time not kept with the correction
    warehouse, ids = _warehouse(citra_home)
    _drop(
        citra_home,
        "koreksi_2025-03.csv",
        "mention_id,url,sentiment,issue,who,why,time\n"
        f"{ids['https://kalsel.example/a']},,negatif,,Rina,judul menyindir,2025-03-05 10:00\n"
        f",https://kalsel.example/b,negative,Banjir,Budi,tanpa label dari vendor,2025-03-05 11:30\n",
    )
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (2, 0)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """select mention_id, matched_on, sentiment, issue, corrected_by, reason,
                      strftime(timezone('Asia/Makassar', corrected_at), '%Y-%m-%d %H:%M')
               from raw.label_corrections order by corrected_at"""
        ).fetchall()
    assert rows == [
        (
            ids["https://kalsel.example/a"],
            "mention_id",
            "negative",
            None,
            "Rina",
            "judul menyindir",
            "2025-03-05 10:00",
        ),
        (
            ids["https://kalsel.example/b"],
            "url",
            "negative",
            "banjir",
            "Budi",
            "tanpa label dari vendor",
            "2025-03-05 11:30",
        ),
    ]


def _stored(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select mention_id, matched_on, url, sentiment, issue, corrected_by, reason from raw.label_corrections"
        ).fetchall()


def test_indonesian_headers_are_read(citra_home: Path) -> None:
    # bug caught: an Indonesian header read into the wrong column (alasan as who, isu dropped),
    # or netral not standardized
    warehouse, ids = _warehouse(citra_home)
    _drop(
        citra_home,
        "koreksi.csv",
        "tautan,sentimen,isu,oleh,alasan\nhttps://kalsel.example/b,netral,banjir,Sari,berita netral\n",
    )
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    assert _stored(warehouse) == [
        (
            ids["https://kalsel.example/b"],
            "url",
            "https://kalsel.example/b",
            "neutral",
            "banjir",
            "Sari",
            "berita netral",
        )
    ]


def test_bad_rows_are_set_aside_with_row_and_reason_and_good_rows_load(citra_home: Path) -> None:
    # bug caught: one unknown mention or label failing the whole file, or silently ignored
    warehouse, ids = _warehouse(citra_home)
    good = ids["https://kalsel.example/a"]
    _drop(
        citra_home,
        "koreksi.csv",
        "mention_id,url,sentiment,issue,who,why\n"
        f"{good},,positive,,Rina,ok\n"  # row 2: good
        "tidak-ada,,positive,,Rina,\n"  # row 3: unknown mention
        f"{good},,bagus,,Rina,\n"  # row 4: unknown label
        f"{good},,,Olahraga,Rina,\n"  # row 5: issue outside the taxonomy
        f"{good},,negative,,,\n"  # row 6: no author
        ",,negative,,Rina,\n",  # row 7: no mention named
    )
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (1, 5)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rejects = con.execute(
            "select file_name, source_row, column_name, reason from raw.ingest_rejects order by source_row"
        ).fetchall()
        kept = con.execute("select count(*) from raw.label_corrections").fetchall()[0][0]
    assert kept == 1
    assert rejects == [
        ("koreksi.csv", 3, "mention_id", "no mention with id 'tidak-ada' in the warehouse"),
        (
            "koreksi.csv",
            4,
            "sentiment",
            "sentiment 'bagus' is not one of negative, neutral, positive (or positif, netral, negatif)",
        ),
        ("koreksi.csv", 5, "issue", "issue 'Olahraga' is not in the taxonomy (dbt_project/seeds/issues.csv)"),
        ("koreksi.csv", 6, "corrected_by", "who corrected it is missing: every correction keeps its author"),
        ("koreksi.csv", 7, "mention_id", "no mention_id and no url: name the mention to correct"),
    ]


def test_a_file_without_an_author_column_is_quarantined_with_the_reason(citra_home: Path) -> None:
    warehouse, ids = _warehouse(citra_home)
    _drop(citra_home, "koreksi.csv", f"mention_id,sentiment\n{ids['https://kalsel.example/a']},negative\n")
    report = _ingest(citra_home, warehouse)
    assert [o.status for o in report.outcomes] == ["quarantined"]
    assert "who (oleh)" in report.outcomes[0].message
    assert (citra_home / "quarantine" / "koreksi.csv").exists()


def test_a_second_file_appends_and_the_same_file_again_is_skipped(citra_home: Path) -> None:
    # bug caught: a later correction replacing (deleting) the earlier one, losing its history
    warehouse, ids = _warehouse(citra_home)
    mention = ids["https://kalsel.example/a"]
    _drop(citra_home, "k1.csv", f"mention_id,sentiment,who\n{mention},negative,Rina\n", mtime=1_741_000_000)
    _ingest(citra_home, warehouse)
    _drop(citra_home, "k2.csv", f"mention_id,sentiment,who\n{mention},neutral,Budi\n", mtime=1_741_100_000)
    report = _ingest(citra_home, warehouse)
    assert [o.status for o in report.outcomes] == ["skipped", "loaded"]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        history = con.execute(
            "select sentiment, corrected_by from raw.label_corrections order by corrected_at"
        ).fetchall()
    assert history == [("negative", "Rina"), ("neutral", "Budi")]


@pytest.mark.parametrize("suffix", [".xlsx"])
def test_xlsx_corrections_load(citra_home: Path, suffix: str) -> None:
    from openpyxl import Workbook

    warehouse, ids = _warehouse(citra_home)
    folder = citra_home / "landing" / "corrections"
    folder.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    sheet.append(["Mention ID", "Sentimen", "Oleh", "Alasan"])
    sheet.append([ids["https://kalsel.example/b"], "Negatif", "Sari", "banjir berdampak warga"])
    book.save(folder / f"koreksi{suffix}")
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (1, 0)
    # bug caught: a workbook's "Mention ID" or "Sentimen" header mis-read, Negatif not standardized
    assert _stored(warehouse) == [
        (ids["https://kalsel.example/b"], "mention_id", None, "negative", None, "Sari", "banjir berdampak warga")
    ]


def test_a_damaged_line_is_set_aside_and_the_rest_of_the_file_loads(citra_home: Path) -> None:
    # bug caught: a stray quote in one line silently drops it (DuckDB's fast read skips it) or
    # quarantines the whole file, losing the analysts' good corrections beside it
    warehouse, ids = _warehouse(citra_home)
    _drop(
        citra_home,
        "koreksi_rusak.csv",
        "mention_id,url,sentiment,issue,who,why,time\n"
        f"{ids['https://kalsel.example/a']},,negatif,,Rina,judul menyindir,2025-03-05 10:00\n"
        ',https://kalsel.example/x,negatif,,Budi,"kutip tidak ditutup,2025-03-05 10:30\n'
        f",https://kalsel.example/b,negative,Banjir,Budi,tanpa label dari vendor,2025-03-05 11:30\n",
    )
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (2, 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("select url, sentiment from raw.label_corrections order by url nulls first").fetchall()
        rejects = con.execute("select file_name, source_row from raw.ingest_rejects").fetchall()
    assert loaded == [(None, "negative"), ("https://kalsel.example/b", "negative")]
    assert rejects == [("koreksi_rusak.csv", 3)]


def test_a_correction_by_a_private_posts_link_matches_and_keeps_only_the_pseudonymized_link(citra_home: Path) -> None:
    # bug caught: the URL stored as typed (a private person's handle in clear text in
    # raw.label_corrections), or matched as typed, so a link copied from the platform never finds
    # the mention whose URL the warehouse keeps pseudonymized; a reject quoting the clear link
    import hashlib
    import hmac

    key = os.environ["CITRA_PSEUDONYM_KEY"].encode("utf-8")
    alias = "anon-" + hmac.new(key, b"budi_warga99", hashlib.sha256).hexdigest()[:16]
    post = {
        "date": "2025-03-03 09:00",
        "title": "Jalan rusak",
        "url": "https://x.com/budi_warga99/status/5",
        "outlet": "X",
        "media_type": "social",
        "author": "@budi_warga99",
        "issue": "Infrastruktur",
        "sentiment": "netral",
    }
    (citra_home / "landing" / "media" / "sosmed.csv").write_text(csv_text(GENERIC_HEADER, [post]), encoding="utf-8")
    warehouse = citra_home / "warehouse.duckdb"
    ingest_media(warehouse, citra_home / "landing" / "media", citra_home / "quarantine")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(mention, url)] = con.execute("select mention_id, url from raw.media_mentions").fetchall()
    assert url == f"https://x.com/{alias}/status/5"
    _drop(
        citra_home,
        "koreksi.csv",
        "tautan,sentimen,oleh,alasan\n"
        "https://x.com/Budi_Warga99/status/5,negatif,Rina,@budi_warga99 menyindir\n"
        "https://x.com/Budi_Warga99/status/6,negatif,Rina,\n",
    )
    report = _ingest(citra_home, warehouse)
    assert (report.rows_loaded, report.rows_rejected) == (1, 1)
    assert _stored(warehouse) == [
        (mention, "url", f"https://x.com/{alias}/status/5", "negative", None, "Rina", f"@{alias} menyindir")
    ]
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(reason, raw)] = con.execute(
            "select reason, raw_values from raw.ingest_rejects where file_name = 'koreksi.csv'"
        ).fetchall()
    assert reason == f"no mention with url 'https://x.com/{alias}/status/6' in the warehouse"
    assert "budi_warga99" not in raw.lower() and alias in raw
    # the link typed into the mention_id column: set aside, quoted hidden
    _drop(citra_home, "koreksi_id.csv", "mention_id,sentimen,oleh\nhttps://x.com/Budi_Warga99/status/5,negatif,Rina\n")
    assert (_ingest(citra_home, warehouse).rows_rejected) == 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(reason, raw)] = con.execute(
            "select reason, raw_values from raw.ingest_rejects where file_name = 'koreksi_id.csv'"
        ).fetchall()
    assert reason == f"no mention with id 'https://x.com/{alias}/status/5' in the warehouse"
    assert "budi_warga99" not in raw.lower()
