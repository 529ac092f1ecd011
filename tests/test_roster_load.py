"""ASN roster files into ``raw.asn_roster``: the handle becomes the same keyed pseudonym as a
private author's, and no clear handle is stored anywhere (rows, rejects, registry, logs)."""

from __future__ import annotations

import json
import logging
import os
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from exports import write_xlsx
from platform_exports import WITA, table_text, write

from ingestion.load import ingest_media
from ingestion.normalize import quote_ident
from ingestion.pseudonyms import pseudonymize
from ingestion.roster.load import ingest_roster

KEY = b"citra-test-key"  # conftest's CITRA_PSEUDONYM_KEY
HEADER = ["platform", "handle", "agency_code", "unit", "active_from", "active_to"]
HANDLES = ["rina.dinkes_asn", "budi_bpbd_asn", "sari_dinkes_asn", "joko_asn_kalsel", "wati_asn_kalsel"]


def _ingest(home: Path):
    return ingest_roster(home / "warehouse.duckdb", home / "landing" / "roster", home / "quarantine")


def _all_text(warehouse: Path) -> str:
    """Every text cell of every table of the warehouse, lower-cased."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns where data_type = 'VARCHAR'"
        ).fetchall()
        cells = [
            str(value)
            for schema, table, column in columns
            for (value,) in con.execute(
                f"select {quote_ident(column)} from {quote_ident(schema)}.{quote_ident(table)}"
            ).fetchall()
            if value is not None
        ]
    return "\n".join(cells).lower()


def test_roster_accounts_are_stored_as_the_authors_pseudonyms_and_never_in_clear(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Catches a loader that stores the clear handle, or hashes it differently from the media
    ingestion (then roster and mentions would never join)."""
    write(
        tmp_path / "landing" / "roster" / "roster_2025-01-01.csv",
        table_text(
            HEADER,
            [
                ["Instagram", "@Rina.Dinkes_ASN", "dinkes_kalsel", "Bidang P2P", "", ""],
                ["tiktok", "https://www.tiktok.com/@budi_bpbd_asn?lang=id", "BPBD Kalsel", "", "01/02/2025", ""],
                ["Twitter", " sari_dinkes_asn ", "Dinas Kesehatan Provinsi Kalimantan Selatan", "", "", "2025-06-30"],
            ],
        ),
    )
    # the same person as a private author of a social mention: the pseudonyms must be equal
    write(
        tmp_path / "landing" / "media" / "kliping.csv",
        table_text(
            [
                "date",
                "title",
                "url",
                "expanded_url",
                "outlet",
                "media_type",
                "platform",
                "author",
                "issue",
                "sentiment",
            ],
            [
                [
                    "2025-01-05 10:00",
                    "Info vaksin https://bit.ly/x1",
                    "https://www.instagram.com/p/Abc123/",
                    "https://www.instagram.com/rina.dinkes_asn/p/Abc123/",
                    "Instagram",
                    "social",
                    "instagram",
                    "@rina.dinkes_asn",
                    "Kesehatan",
                    "positif",
                ]
            ],
        ),
    )
    with caplog.at_level(logging.DEBUG):
        report = _ingest(tmp_path)
        ingest_media(tmp_path / "warehouse.duckdb", tmp_path / "landing" / "media", tmp_path / "quarantine")
    assert [(o.status, o.rows_loaded, o.rows_rejected) for o in report.outcomes] == [("loaded", 3, 0)]
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            """select platform, pseudonym, agency_code, unit, active_from, active_to, roster_date
               from raw.asn_roster order by source_row"""
        ).fetchall()
        author, expanded = con.execute("select author, expanded_url from raw.media_mentions").fetchall()[0]
    assert rows == [
        (
            "instagram",
            pseudonymize("rina.dinkes_asn", KEY),
            "dinkes_kalsel",
            "Bidang P2P",
            None,
            None,
            date(2025, 1, 1),
        ),
        ("tiktok", pseudonymize("budi_bpbd_asn", KEY), "bpbd_kalsel", None, date(2025, 2, 1), None, date(2025, 1, 1)),
        ("x", pseudonymize("sari_dinkes_asn", KEY), "dinkes_kalsel", None, None, date(2025, 6, 30), date(2025, 1, 1)),
    ]
    assert author == rows[0][1]
    assert expanded == f"https://www.instagram.com/{author}/p/Abc123/"  # the expansion is redacted too
    text = _all_text(tmp_path / "warehouse.duckdb") + caplog.text.lower()
    assert [h for h in HANDLES[:3] if h in text] == []


def test_bad_rows_are_set_aside_by_row_and_column_without_quoting_any_cell(tmp_path: Path) -> None:
    """Catches a reject reason or raw_values that repeats a handle (also one typed into the wrong
    column), and a bad row that stops the good rows beside it from loading."""
    write(
        tmp_path / "landing" / "roster" / "roster_bkd_2025-03-01.csv",
        table_text(
            HEADER,
            [
                ["instagram", "rina.dinkes_asn", "dinkes_kalsel", "", "", ""],  # row 2: good
                ["friendster", "budi_bpbd_asn", "bpbd_kalsel", "", "", ""],  # row 3: platform
                ["x", "", "joko_asn_kalsel", "", "", ""],  # row 4: handle typed into the agency column
                ["x", "sari_dinkes_asn", "dinkes_kalsel", "", "31/13/2025", ""],  # row 5: not a date
                ["x", "wati_asn_kalsel", "dinkes_kalsel", "unit wati_asn_kalsel", "2025-05-01", "2025-04-01"],
                ["x", "@diskominfokalsel", "diskominfo_kalsel", "", "", ""],  # row 7: an official account
                ["", "", "", "", "", ""],  # blank line: not a row
            ],
        ),
    )
    [outcome] = _ingest(tmp_path).outcomes
    assert (outcome.status, outcome.rows_loaded, outcome.rows_rejected) == ("loaded", 1, 5)  # rows, not problems
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        rejects = con.execute(
            "select file_name, source_row, column_name, reason, raw_values from raw.ingest_rejects order by source_row"
        ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rejects] == [
        ("roster_bkd_2025-03-01.csv", 3, "platform"),
        ("roster_bkd_2025-03-01.csv", 4, "handle"),
        ("roster_bkd_2025-03-01.csv", 4, "agency_code"),
        ("roster_bkd_2025-03-01.csv", 5, "active_from"),
        ("roster_bkd_2025-03-01.csv", 6, "active_to"),
        ("roster_bkd_2025-03-01.csv", 7, "handle"),
    ]
    reasons = {r[1:3]: r[3] for r in rejects}
    assert reasons[(3, "platform")] == "platform is not known; expected x, instagram, tiktok, facebook or youtube"
    assert reasons[(4, "agency_code")].startswith("the agency is not in dbt_project/seeds/agencies.csv")
    assert reasons[(6, "active_to")] == "active_to is before active_from"
    assert "official account" in reasons[(7, "handle")]
    values = {r[1]: json.loads(r[4]) for r in rejects}
    assert values[3]["account"] == pseudonymize("budi_bpbd_asn", KEY)
    assert values[4] == dict.fromkeys(["platform", "account", "agency_code", "unit", "active_from", "active_to"]) | {
        "platform": "x"
    }
    assert values[6]["unit"] == "unit " + pseudonymize("wati_asn_kalsel", KEY)
    text = _all_text(tmp_path / "warehouse.duckdb")
    assert [h for h in HANDLES if h in text] == []


def test_the_roster_date_is_the_date_in_the_file_name_else_the_file_date(tmp_path: Path) -> None:
    """Catches a roster that holds from the day it was loaded (or from no day), which would
    count the wrong months."""
    rows = [["x", "rina.dinkes_asn", "dinkes_kalsel", "", "", ""]]
    roster = tmp_path / "landing" / "roster"
    write(roster / "dinkes" / "roster_20250701.csv", table_text(HEADER, rows))
    write(roster / "roster_bpbd_2025-09.csv", table_text(HEADER, [["x", "budi_bpbd_asn", "bpbd_kalsel", "", "", ""]]))
    undated = write(
        roster / "daftar_asn.csv", table_text(HEADER, [["x", "sari_dinkes_asn", "dinkes_kalsel", "", "", ""]])
    )
    stamp = datetime(2025, 11, 20, 23, 30, tzinfo=WITA).timestamp()  # 15:30 UTC: the WITA day counts
    os.utime(undated, (stamp, stamp))
    report = _ingest(tmp_path)
    assert [o.status for o in report.outcomes] == ["loaded"] * 3
    [note] = [o.message for o in report.outcomes if o.message]
    assert note.startswith("daftar_asn.csv: no date in the file name") and "2025-11-20" in note
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        dates = con.execute("select agency_code, roster_date from raw.asn_roster order by roster_date").fetchall()
    assert dates == [
        ("dinkes_kalsel", date(2025, 7, 1)),
        ("bpbd_kalsel", date(2025, 9, 1)),
        ("dinkes_kalsel", date(2025, 11, 20)),
    ]


def test_an_indonesian_xlsx_roster_with_excel_dates_and_profile_links_loads(tmp_path: Path) -> None:
    """Catches a roster layout tied to English CSV headers, or Excel date cells read as text."""
    write_xlsx(
        tmp_path / "landing" / "roster" / "daftar_asn_dinkes_2025-02-01.xlsx",
        ["platform", "akun", "kode_instansi", "unit_kerja", "aktif_sejak", "aktif_sampai"],
        [
            {"platform": "IG", "akun": "https://instagram.com/rina.dinkes_asn/", "kode_instansi": "Dinkes Kalsel"},
            {
                "platform": "X",
                "akun": "@sari_dinkes_asn",
                "kode_instansi": "dinkes_kalsel",
                "unit_kerja": "Sekretariat",
                "aktif_sejak": datetime(2025, 2, 10),
                "aktif_sampai": "14 Februari 2025",
            },
        ],
    )
    [outcome] = _ingest(tmp_path).outcomes
    assert (outcome.status, outcome.profile, outcome.rows_loaded, outcome.rows_rejected) == (
        "loaded",
        "roster_id",
        2,
        0,
    )
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select platform, pseudonym, unit, active_from, active_to from raw.asn_roster order by source_row"
        ).fetchall()
    assert rows == [
        ("instagram", pseudonymize("rina.dinkes_asn", KEY), None, None, None),
        ("x", pseudonymize("sari_dinkes_asn", KEY), "Sekretariat", date(2025, 2, 10), date(2025, 2, 14)),
    ]


def test_a_roster_without_its_header_is_quarantined_by_a_message_that_quotes_no_cell(tmp_path: Path) -> None:
    """Catches a quarantine message (stored in the registry and logged) that repeats the file's
    first row, which is a civil servant's handle when the header is missing."""
    write(
        tmp_path / "landing" / "roster" / "roster_2025-01-01.csv",
        "instagram,rina.dinkes_asn,dinkes_kalsel\r\nx,sari_dinkes_asn,dinkes_kalsel\r\n",
    )
    [outcome] = _ingest(tmp_path).outcomes
    assert outcome.status == "quarantined"
    assert "needs the columns: platform, handle, agency_code" in outcome.message
    assert (tmp_path / "quarantine" / "roster_2025-01-01.csv").exists()
    text = _all_text(tmp_path / "warehouse.duckdb") + outcome.message.lower()
    assert [h for h in HANDLES if h in text] == []


def test_a_damaged_roster_line_is_set_aside_by_row_without_its_text_and_the_rest_loads(tmp_path: Path) -> None:
    """Catches a roster loader whose fast read skips a damaged line silently (the civil servant is
    missing and nobody is told), that quarantines the whole roster for one line, or that keeps
    the damaged line's text (it holds a handle) in raw.ingest_rejects."""
    lines = table_text(HEADER, [["instagram", h, "dinkes_kalsel", "", "", ""] for h in HANDLES]).splitlines(True)
    lines[2] = lines[2].replace("instagram,", 'instagram,"', 1)  # row 3: a stray quote that never closes
    lines[4] = lines[4].replace("dinkes_kalsel", "dinkes\x00kalsel")  # row 5: a NUL from a broken download
    write(tmp_path / "landing" / "roster" / "roster_2025-02-01.csv", "".join(lines))
    [outcome] = _ingest(tmp_path).outcomes
    assert (outcome.status, outcome.rows_loaded, outcome.rows_rejected) == ("loaded", 3, 2)
    assert outcome.message == "roster_2025-02-01.csv: 2 damaged lines set aside (rows 3, 5); see raw.ingest_rejects"
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        loaded = con.execute("select source_row, pseudonym from raw.asn_roster order by source_row").fetchall()
        rejects = con.execute(
            "select source_row, column_name, raw_values from raw.ingest_rejects order by source_row"
        ).fetchall()
    assert loaded == [(row, pseudonymize(HANDLES[row - 2], KEY)) for row in (2, 4, 6)]
    assert rejects == [(3, "line", None), (5, "line", None)]
    text = _all_text(tmp_path / "warehouse.duckdb")
    assert [h for h in HANDLES if h in text] == []
