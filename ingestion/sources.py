"""A sniffed file's rows as a DuckDB subquery of text cells: ``source_row`` plus the header's columns.

A clean CSV is read where it lies, in one pass, straight into the normalizing query. The read
is strict (a line with too many or too few cells, a broken quote or bad bytes is not guessed
at) but never fails: DuckDB skips such lines and lists them in the temp table
``_csv_rejects``. ``ingestion.integrity`` then says whether the rows are exactly the file's,
and if not, ``ingestion.repair`` reads the file again line by line.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from ingestion.readers import Layout, excel_rows

# DuckDB's lists of the lines its strict reads skipped, and of the reads that skipped any:
# kept for the connection (a file's count is taken by its path, see ingestion.parse)
CSV_REJECTS, CSV_SCANS = "_csv_rejects", "_csv_scans"
TAIL = "__citra_tail"  # one column more than the header: a line with an extra cell fills it
NO_NULL = "\x01"  # as nullstr: an empty cell reads as '', so only a missing cell reads as NULL


def quote_ident(name: str) -> str:
    """A column name of the file's header as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class ScannedText:
    """The text file DuckDB scans, for ``ingestion.integrity`` to count its lines."""

    path: Path
    encoding: str  # utf-8 | utf-16 (LE), as DuckDB reads it
    header_lines: int  # lines up to and including the header
    decode_errors: int  # characters a re-encoding could not decode (0 when DuckDB decodes itself)


@dataclass(frozen=True)
class Source:
    """A file's rows as a DuckDB subquery (``source_row`` + text columns) and its parameters.

    ``scanned`` is set for a CSV read in place: its rows are exact only once
    ``ingestion.integrity`` has checked them, and ``ragged`` says that the subquery has a
    column ``__ragged`` (the line has more or fewer cells than the header) that the
    normalizing query keeps in ``_parsed`` for that check. ``damaged_lines`` counts the lines a
    repaired source set aside (temp table ``_damaged_lines``).
    """

    sql: str
    params: dict[str, object]
    scanned: ScannedText | None = None
    damaged_lines: int = 0
    ragged: bool = False


def _transcode_to_utf8(path: Path, encoding: str, workdir: Path) -> tuple[Path, int]:
    """DuckDB reads UTF-8 and UTF-16 LE itself; anything else (and a UTF-16 file cut off in the
    middle of a character) is re-encoded in chunks. Returns the copy and how many characters
    could not be decoded (they become U+FFFD; the integrity check then sends the file to repair)."""
    target = workdir / (path.stem + ".utf8.csv")
    codec = encoding.replace("-sig", "")
    errors = 0
    with path.open("rb") as src, target.open("wb") as dst:
        if encoding in ("utf-16-be", "utf-16-le"):
            src.read(2)
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        while chunk := src.read(1 << 22):
            text = decoder.decode(chunk)
            errors += text.count("\ufffd")
            dst.write(text.encode("utf-8"))
        text = decoder.decode(b"", final=True)
        errors += text.count("\ufffd")
        dst.write(text.encode("utf-8"))
    return target, errors


def open_source(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, workdir: Path) -> Source:
    """Make ``path`` queryable; ``workdir`` holds a UTF-8 copy when DuckDB cannot decode it."""
    if layout.kind == "excel":
        return _excel_source(con, path, layout)
    source, encoding, errors = path, "utf-16" if layout.encoding == "utf-16-le" else "utf-8", 0
    truncated_utf16 = layout.encoding == "utf-16-le" and path.stat().st_size % 2 == 1
    if layout.encoding in ("utf-16-be", "cp1252") or truncated_utf16:
        (source, errors), encoding = _transcode_to_utf8(path, layout.encoding, workdir), "utf-8"
    names = layout.names()
    named = [n for n, h in zip(names, layout.header, strict=True) if h.strip()] or names
    extra = f"coalesce({TAIL}, '') <> ''" if layout.trailing_delimiter else f"{TAIL} is not null"
    return Source(
        f"(select row_number() over () + $src_offset as source_row, * exclude ({TAIL}),"
        f" {extra} or {quote_ident(named[-1])} is null as __ragged from read_csv($src_path,"
        " encoding = $src_encoding, delim = $src_delim, header = true, skip = $src_skip,"
        " auto_detect = false, columns = $src_columns, quote = '\"', escape = '\"', strict_mode = true,"
        " null_padding = true, nullstr = $src_null, ignore_errors = true, store_rejects = true,"
        f" rejects_table = '{CSV_REJECTS}', rejects_scan = '{CSV_SCANS}', parallel = false))",
        {
            "src_offset": layout.header_index + 1,
            "src_path": str(source),
            "src_encoding": encoding,
            "src_delim": layout.delimiter,
            "src_skip": layout.header_index,
            "src_columns": dict.fromkeys([*names, TAIL], "VARCHAR"),
            "src_null": NO_NULL,
        },
        ScannedText(source, encoding, layout.header_index + 1, errors),
        ragged=True,
    )


def _excel_source(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout) -> Source:
    """The sheet's rows below the header; blank rows are skipped but keep their row numbers."""
    first = layout.header_index + 2  # the sheet's row number of the first data row
    rows = [
        (first + i, r)
        for i, r in enumerate(excel_rows(path)[layout.header_index + 1 :])
        if any(v is not None and str(v).strip() for v in r)
    ]
    columns = {"source_row": pa.array([n for n, _ in rows], pa.int64())}
    for i, name in enumerate(layout.names()):
        columns[name] = pa.array([None if i >= len(r) else r[i] for _, r in rows], pa.string())
    con.register("_excel_src", pa.table(columns))
    return Source("(select * from _excel_src)", {})


def close_source(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    """Unregister the sheet of an XLSX (safe also after an error: no SQL is run)."""
    if layout.kind == "excel":
        con.unregister("_excel_src")
