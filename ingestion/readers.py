"""Read an export file, whatever its encoding, delimiter or format, into a DuckDB temp table.

Every cell arrives as text: typing is the profile's job (``ingestion/normalize.py``), so a bad
cell becomes a reject row instead of failing the whole file. The header row is found by
content (the first row that a profile accepts), never by a fixed row number, because vendors
put report metadata above it.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb
import fastexcel
import pyarrow as pa

from ingestion.archives import check_zip
from ingestion.errors import UnreadableFileError
from ingestion.profiles import Profile, UnknownLayoutError, detect_profile, load_profiles

SNIFF_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
DELIMITERS = ("\t", ";", ",", "|")
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class Layout:
    """What sniffing learned about a file: enough to read it and map its columns."""

    kind: str  # "csv" or "excel"
    encoding: str  # the file's own encoding, as detected
    delimiter: str
    header_index: int  # 0-based row of the header among the file's rows
    header: list[str]
    profile: Profile
    preamble: tuple[tuple[str, ...], ...] = ()  # non-blank rows above the header (report titles)


def detect_encoding(head: bytes) -> str:
    """Encoding from the byte-order mark; UTF-8 when it decodes, else Windows-1252."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _decode_head(path: Path, encoding: str) -> str:
    with path.open("rb") as fh:
        raw = fh.read(SNIFF_BYTES)
    bom = {"utf-8-sig": 3, "utf-16-le": 2, "utf-16-be": 2}.get(encoding, 0)
    codec = {"utf-8-sig": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}
    return codecs.getincrementaldecoder(codec.get(encoding, encoding))(errors="replace").decode(raw[bom:], final=False)


def _candidate_rows(text: str) -> tuple[str, int, list[list[str]]]:
    """Split the head of a text file into rows; returns the delimiter and the rows to search."""
    lines = text.splitlines()
    skip = 1 if lines and lines[0].strip().lower().startswith("sep=") else 0
    sample = "\n".join(lines[skip : skip + HEADER_SEARCH_ROWS])
    first = lines[skip] if len(lines) > skip else ""
    declared = lines[0].strip()[4:5] if skip else ""
    delimiter = declared if declared in DELIMITERS else max(DELIMITERS, key=lambda d: first.count(d))
    rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))
    return delimiter, skip, rows


def _find_header(rows: list[list[str]], name: str, profiles: tuple[Profile, ...] | None = None) -> tuple[int, Profile]:
    """The first row a profile accepts; otherwise an error naming the closest profile."""
    profiles = profiles or load_profiles()
    best: tuple[float, list[str]] = (-1.0, [])
    for index, row in enumerate(rows):
        cells = [c for c in row if c and c.strip()]
        if not cells:
            continue
        try:
            return index, detect_profile(row, profiles)
        except UnknownLayoutError:
            score = max(p.score(row) for p in profiles)
            if score > best[0]:
                best = (score, row)
    try:
        detect_profile(best[1], profiles)
    except UnknownLayoutError as exc:
        raise UnreadableFileError(f"{name}: {exc}") from None
    raise UnreadableFileError(f"{name}: no header row found")  # pragma: no cover


def _preamble(rows: list[list[str]], index: int) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(r) for r in rows[:index] if any(c.strip() for c in r))


def sniff(path: Path, name: str | None = None, profiles: tuple[Profile, ...] | None = None) -> Layout:
    """Detect format, encoding, delimiter, header row and profile (media by default) of ``path``."""
    name = name or path.name
    if path.suffix.lower() in EXCEL_SUFFIXES:
        rows = [[("" if v is None else str(v)) for v in r] for r in _excel_rows(path, HEADER_SEARCH_ROWS, name)]
        index, profile = _find_header(rows, name, profiles)
        return Layout("excel", "xlsx", "", index, rows[index], profile, _preamble(rows, index))
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise UnreadableFileError(f"{name}: the file is empty")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UnreadableFileError(f"{name}: binary content, not a CSV or text export")
    encoding = detect_encoding(head)
    try:
        delimiter, skip, rows = _candidate_rows(_decode_head(path, encoding))
    except csv.Error as exc:  # e.g. a single line of megabytes: no export looks like that
        raise UnreadableFileError(f"{name}: not a readable CSV ({exc}); expected one mention per line") from None
    index, profile = _find_header(rows, name, profiles)
    return Layout("csv", encoding, delimiter, skip + index, rows[index], profile, _preamble(rows, index))


def _excel_rows(path: Path, limit: int | None = None, name: str | None = None) -> list[list[object]]:
    name = name or path.name
    check_zip(path, name)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # fastexcel raises its own error types for corrupt workbooks
        raise UnreadableFileError(f"{name}: not a readable Excel workbook ({exc})") from None
    sheet = reader.load_sheet(0, header_row=None, dtypes="string", n_rows=limit)
    return [list(r) for r in zip(*(sheet.to_arrow().column(i).to_pylist() for i in range(sheet.width)))]


def _transcode_to_utf8(path: Path, encoding: str, workdir: Path) -> Path:
    """DuckDB reads UTF-8 and UTF-16 LE itself; anything else (and a UTF-16 file cut off in the
    middle of a character) is re-encoded in chunks, a broken character becoming U+FFFD."""
    target = workdir / (path.stem + ".utf8.csv")
    codec = encoding.replace("-sig", "")
    with path.open("rb") as src, target.open("wb") as dst:
        if encoding in ("utf-16-be", "utf-16-le"):
            src.read(2)
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        while chunk := src.read(1 << 22):
            dst.write(decoder.decode(chunk).encode("utf-8"))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))
    return target


@dataclass(frozen=True)
class Source:
    """A file's rows as a DuckDB subquery (``source_row`` + text columns) and its parameters.

    The subquery reads the file where it lies, so a clean CSV is scanned once, straight
    into the normalizing query; only rejected rows make a second pass for their raw cells.
    """

    sql: str
    params: dict[str, object]


def open_source(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, workdir: Path) -> Source:
    """Make ``path`` queryable; ``workdir`` holds a UTF-8 copy when DuckDB cannot decode it."""
    if layout.kind == "excel":
        rows = _excel_rows(path)[layout.header_index + 1 :]
        names = _unique_names(layout.header)
        columns = {n: [None if i >= len(r) else r[i] for r in rows] for i, n in enumerate(names)}
        con.register("_excel_src", pa.table({n: pa.array(v, pa.string()) for n, v in columns.items()}))
        return Source(
            "(select row_number() over () + $src_offset as source_row, * from _excel_src)",
            {"src_offset": layout.header_index + 1},
        )
    source, encoding = path, "utf-16" if layout.encoding == "utf-16-le" else "utf-8"
    truncated_utf16 = layout.encoding == "utf-16-le" and path.stat().st_size % 2 == 1
    if layout.encoding in ("utf-16-be", "cp1252") or truncated_utf16:
        source, encoding = _transcode_to_utf8(path, layout.encoding, workdir), "utf-8"
    return Source(
        "(select row_number() over () + $src_offset as source_row, * from read_csv($src_path,"
        " encoding = $src_encoding, delim = $src_delim, header = true, skip = $src_skip,"
        " all_varchar = true, quote = '\"', escape = '\"', null_padding = true,"
        " strict_mode = false, parallel = false))",
        {
            "src_offset": layout.header_index + 1,
            "src_path": str(source),
            "src_encoding": encoding,
            "src_delim": layout.delimiter,
            "src_skip": layout.header_index,
        },
    )


def close_source(con: duckdb.DuckDBPyConnection, layout: Layout) -> None:
    if layout.kind == "excel":
        con.unregister("_excel_src")


def _unique_names(header: list[str]) -> list[str]:
    """Blank and repeated header cells get a suffix, as DuckDB's CSV reader does."""
    seen: dict[str, int] = {}
    names = []
    for i, name in enumerate(header):
        name = name.strip() or f"column{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 0
        names.append(name)
    return names
