"""File formats of the landing zone: Meltwater CSV (UTF-16 tab or UTF-8 comma) and clipping CSV/XLSX.

Writes in slices so a month of millions of rows never becomes one giant string, and makes the
XLSX byte-for-byte reproducible (openpyxl stamps the wall clock into the zip and core.xml).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import polars as pl
from openpyxl import Workbook

UTF16_BOM = b"\xff\xfe"
UTF8_BOM = b"\xef\xbb\xbf"
SLICE_ROWS = 100_000
FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


def _write_csv(
    df: pl.DataFrame, path: Path, *, separator: str, encoding: str, bom: bytes, line_terminator: str
) -> None:
    with path.open("wb") as fh:
        fh.write(bom)
        if df.height == 0:
            fh.write(separator.join(df.columns).encode(encoding) + line_terminator.encode(encoding))
            return
        for i, part in enumerate(df.iter_slices(SLICE_ROWS)):
            text = part.write_csv(
                None,
                separator=separator,
                include_header=i == 0,
                quote_style="necessary",
                line_terminator=line_terminator,
                float_precision=2,
            )
            fh.write(text.encode(encoding))


def write_meltwater(df: pl.DataFrame, path: Path, *, utf16: bool) -> None:
    """Meltwater export: UTF-16 LE with BOM and tabs (Windows line ends), or plain UTF-8 with commas."""
    if utf16:
        _write_csv(df, path, separator="\t", encoding="utf-16-le", bom=UTF16_BOM, line_terminator="\r\n")
    else:
        _write_csv(df, path, separator=",", encoding="utf-8", bom=b"", line_terminator="\n")


def write_kliping_csv(df: pl.DataFrame, path: Path) -> None:
    """Clipping sheet saved from Excel as 'CSV UTF-8': BOM, commas."""
    _write_csv(df, path, separator=",", encoding="utf-8", bom=UTF8_BOM, line_terminator="\r\n")


def write_kliping_xlsx(df: pl.DataFrame, path: Path, stamp: str) -> None:
    """Clipping sheet as .xlsx: one sheet, header in row 1, blanks as empty cells.

    ``stamp`` (ISO 8601, e.g. ``2025-05-01T00:00:00Z``) replaces openpyxl's wall-clock
    created/modified properties so that the bytes depend only on the data.
    """
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("kliping")
    ws.append(df.columns)
    for row in df.iter_rows():
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    _normalise_zip(buffer.getvalue(), path, stamp)


def _normalise_zip(data: bytes, path: Path, stamp: str) -> None:
    pattern = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = pattern.sub(lambda m: m.group(1) + stamp.encode() + m.group(3), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, content)
