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
import logging
from dataclasses import dataclass
from pathlib import Path

import fastexcel

from ingestion.archives import check_zip
from ingestion.errors import UnreadableFileError
from ingestion.profiles import Profile, UnknownLayoutError, detect_profile, load_profiles, normalize_header

log = logging.getLogger(__name__)

SNIFF_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
DELIMITERS = ("\t", ";", ",", "|")
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
)
CONTROL_BYTES = [c for c in range(32) if c not in (9, 10, 13)] + [127]


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
    trailing_delimiter: bool = False  # rows end with a delimiter the header lacks ("a,b,c," under "a,b,c")
    sample: tuple[tuple[str, ...], ...] = ()  # the first rows below the header, as sniffed

    def sample_column(self, candidates: tuple[str, ...]) -> list[str]:
        """The sample's cells in the first header column named like one of ``candidates``."""
        wanted = [normalize_header(c) for c in candidates]
        found = [i for i, h in enumerate(self.header) if normalize_header(h) in wanted]
        return [row[found[0]] for row in self.sample if found and found[0] < len(row)]

    def names(self) -> list[str]:
        """Column names: blank and repeated header cells get a suffix, as DuckDB's CSV reader does."""
        seen: dict[str, int] = {}
        names = []
        for i, name in enumerate(self.header):
            name = name.strip() or f"column{i}"
            if name in seen:
                seen[name] += 1
                name = f"{name}_{seen[name]}"
            else:
                seen[name] = 0
            names.append(name)
        return names


def detect_encoding(head: bytes) -> str:
    """Encoding from the byte-order mark, else UTF-8, unless the head has invalid UTF-8 and not
    one valid multi-byte character: then Windows-1252. A UTF-8 export with a damaged byte stays
    UTF-8 (its damaged line is set aside), so its other rows keep their letters."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    text = codecs.getincrementaldecoder("utf-8")(errors="replace").decode(head, final=False)
    if "\ufffd" not in text or any(ord(c) > 127 and c != "\ufffd" for c in text):
        return "utf-8"
    return "cp1252"


def looks_binary(head: bytes) -> bool:
    """A file format that is not text (PDF, ZIP, images, old .xls), or a head where more than
    5 % of the bytes are control characters (random bytes have 11 %). A few stray NULs in a
    text export are damage to set aside line by line, not a reason to refuse the file."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.startswith(BINARY_MAGIC):
        return True
    controls = sum(head.count(bytes([c])) for c in CONTROL_BYTES)
    return controls > max(2, len(head) // 20)


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
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(sample), delimiter=delimiter))
    except csv.Error:  # damage below the header is for the reader to set aside, not a reason to give up
        if not rows:
            raise
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
        rows = [[("" if v is None else str(v)) for v in r] for r in excel_rows(path, HEADER_SEARCH_ROWS, name)]
        index, profile = _find_header(rows, name, profiles)
        sample = tuple(tuple(r) for r in rows[index + 1 :])
        return Layout("excel", "xlsx", "", index, rows[index], profile, _preamble(rows, index), sample=sample)
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise UnreadableFileError(f"{name}: the file is empty")
    if looks_binary(head):
        raise UnreadableFileError(f"{name}: binary content, not a CSV or text export")
    encoding = detect_encoding(head)
    try:
        delimiter, skip, rows = _candidate_rows(_decode_head(path, encoding))
    except csv.Error:  # e.g. a first line of megabytes: no export looks like that
        raise UnreadableFileError(
            f"{name}: not a readable CSV (its first line is not a row of cells); expected a header, then one row per line"
        ) from None
    index, profile = _find_header(rows, name, profiles)
    header = rows[index]
    below = [r for r in rows[index + 1 :] if any(c.strip() for c in r)]
    trailing = bool(below) and sum(len(r) == len(header) + 1 and not r[-1] for r in below) >= 0.8 * len(below)
    preamble, sample = _preamble(rows, index), tuple(tuple(r) for r in below)
    return Layout("csv", encoding, delimiter, skip + index, header, profile, preamble, trailing, sample)


def excel_rows(path: Path, limit: int | None = None, name: str | None = None) -> list[list[object]]:
    """The first sheet's cells as text (fastexcel writes datetime cells as ISO text)."""
    name = name or path.name
    check_zip(path, name)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception:  # fastexcel raises its own error types for corrupt workbooks
        log.warning("%s: fastexcel cannot open it", name, exc_info=True)
        raise UnreadableFileError(
            f"{name}: not a readable Excel workbook (damaged, or not an .xlsx file); open and save it again in Excel"
        ) from None
    sheet = reader.load_sheet(0, header_row=None, dtypes="string", n_rows=limit)
    return [list(r) for r in zip(*(sheet.to_arrow().column(i).to_pylist() for i in range(sheet.width)))]
