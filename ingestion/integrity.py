"""Is the fast read of a CSV exactly the file? If not, ``ingestion.repair`` reads it line by line.

The fast read (``ingestion.sources``) cannot tell on its own when a file was damaged in a way
its strict parser accepts: a stray quote can swallow the lines up to the next quote into one
cell, a NUL byte loads as text, a blank line shifts every row number after it. So a clean
file must also pass a count: the lines of the file equal the header's lines plus one per row
plus the line breaks inside quoted cells. The counts run over the bytes with numpy:

1. line breaks (about 0.1 s per 100 MB): a file without line breaks in cells is done here;
2. otherwise line breaks inside quotes (about 0.3 s per 100 MB). A quoted cell spanning lines
   that holds as many delimiters as a whole row may be a stray quote that swallowed rows: only
   then DuckDB scans the file again to look at such cells (``_cell_breaks_sql``).
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass

import duckdb
import numpy as np

from ingestion.sources import ScannedText, Source

CHUNK = 1 << 22
TAIL = 1 << 16


@dataclass(frozen=True)
class TextStats:
    lines: int  # lines up to the last one that holds more than blanks
    has_nul: bool


def text_stats(scanned: ScannedText) -> TextStats:
    """Count the line breaks of the scanned file, as code units (numpy: 0.1 s per 100 MB)."""
    utf16 = scanned.encoding == "utf-16"
    unit = np.dtype("<u2") if utf16 else np.dtype(np.uint8)
    newlines, has_nul = 0, False
    with scanned.path.open("rb") as fh:
        if utf16:
            fh.read(2)  # the byte-order mark
        while chunk := fh.read(CHUNK):
            units = np.frombuffer(chunk[: len(chunk) - len(chunk) % unit.itemsize], dtype=unit)
            newlines += int(np.count_nonzero(units == 10))
            has_nul = has_nul or not units.all()
        start = max(2 if utf16 else 0, fh.tell() - TAIL)
        fh.seek(start - start % 2 if utf16 else start)
        tail = fh.read()
    text = codecs.decode(tail, "utf-16-le" if utf16 else "utf-8", errors="replace")
    blank_tail = text[len(text.rstrip()) :]
    return TextStats(newlines - blank_tail.count("\n") + 1, has_nul)


def _units(scanned: ScannedText) -> Iterator[np.ndarray]:
    """The scanned file's code units (bytes, or UTF-16 units without the byte-order mark)."""
    unit = np.dtype("<u2") if scanned.encoding == "utf-16" else np.dtype(np.uint8)
    with scanned.path.open("rb") as fh:
        if unit.itemsize == 2:
            fh.read(2)
        while chunk := fh.read(CHUNK):
            yield np.frombuffer(chunk[: len(chunk) - len(chunk) % unit.itemsize], dtype=unit)


def quoted_breaks(scanned: ScannedText, delim: str, ncols: int) -> tuple[int, bool]:
    """(line breaks inside quotes, whether a quoted stretch with a line break holds a row's worth
    of delimiters). Quotes pair up in order, as in a well-formed CSV (an escaped quote is two)."""
    quote, sep = ord('"'), ord(delim)
    quotes, inside_breaks, wide = 0, 0, False
    open_delims, open_break = 0, False  # the quoted stretch still open at the end of the last chunk
    for units in _units(scanned):
        qpos = np.flatnonzero(units == quote)
        npos = np.flatnonzero(units == 10)
        before = np.searchsorted(qpos, npos)  # quotes of this chunk before each line break
        inside = ((before + quotes) & 1) == 1
        inside_breaks += int(np.count_nonzero(inside))
        starts_open = quotes % 2 == 1
        ends_open = (quotes + len(qpos)) % 2 == 1
        if not wide and (inside.any() or (starts_open and open_break)):
            dpos = np.flatnonzero(units == sep)
            ordered = before[inside]  # sorted already: j, the stretch that ends at the j-th quote of the chunk
            stretches = ordered[np.flatnonzero(np.diff(ordered, prepend=-1))]
            if starts_open and open_break and (not len(stretches) or stretches[0] != 0):
                stretches = np.insert(stretches, 0, 0)
            ends = np.append(qpos, len(units))
            firsts = np.where(stretches > 0, np.append(-1, qpos)[stretches], -1)
            delims = np.searchsorted(dpos, ends[stretches]) - np.searchsorted(dpos, firsts, side="right")
            if starts_open:
                delims = delims + np.where(stretches == 0, open_delims, 0)
            wide = bool(np.any(delims[stretches < len(qpos)] >= ncols - 1))
            if ends_open:
                first = qpos[-1] if len(qpos) else -1
                carried = open_delims if not len(qpos) and starts_open else 0
                open_delims = carried + int(len(dpos) - np.searchsorted(dpos, first, side="right"))
                open_break = bool(np.any(stretches == len(qpos))) or (not len(qpos) and open_break)
        elif ends_open:  # no line break inside quotes here: only keep counting the open stretch
            first = qpos[-1] if len(qpos) else -1
            extra = int(np.count_nonzero(units[first + 1 :] == sep))
            open_delims = (open_delims if not len(qpos) else 0) + extra
            open_break = open_break if not len(qpos) else False
        else:
            open_delims, open_break = 0, False
        quotes += len(qpos)
    if quotes % 2 == 1 and open_break and open_delims >= ncols - 1:
        wide = True  # a quote that never closes swallowed the lines after it
    return inside_breaks, wide


def _cell_breaks_sql(names: list[str], source: str) -> str:
    """Rows, line breaks inside cells, and whether a cell swallowed whole rows, in one scan.

    A stray quote at the start of cell k swallows everything up to the next quote. It looks
    like a row that lost its quote when the text before its first line break, after k cells,
    fills the header's other columns, and one of its later lines holds a full row too. Only
    rows with a line break somewhere (their cells joined) pay for the per-cell checks.
    """
    n = len(names)
    cols = ['"' + name.replace('"', '""') + '"' for name in names]
    count = "(length({x}) - length(replace({x}, $delim, '')))"
    swallowed = []
    for k, col in enumerate(cols):
        segs = f"string_split({col}, chr(10))"
        swallowed.append(
            f"(contains({col}, chr(10)) and {count.format(x=segs + '[1]')} = {n - 1 - k}"
            f" and ({count.format(x=segs + '[-1]')} = {k} or list_bool_or(list_transform("
            f"{segs}[2:-2], lambda s: {count.format(x='s')} = {n - 1}))))"
        )
    return f"""select count(*),
        sum(case when contains(cells, chr(10)) then length(cells) - length(replace(cells, chr(10), '')) end),
        bool_or(case when contains(cells, chr(10)) then {" or ".join(swallowed)} end)
      from (select *, concat({", ".join(cols)}) as cells from {source})"""


def fast_read_is_exact(
    con: duckdb.DuckDBPyConnection, source: Source, names: list[str], delim: str, last: int | None, irregular: int
) -> bool:
    """True when ``_parsed`` (built from ``source``) holds every line of the file as it is.

    ``last`` is the highest row number in ``_parsed``, ``irregular`` the number of lines that
    DuckDB skipped or that had more or fewer cells than the header (``ingestion.parse``).
    """
    scanned = source.scanned
    if scanned is None:
        return True
    if scanned.decode_errors or irregular:
        return False
    stats = text_stats(scanned)
    if stats.has_nul:
        return False
    last = last or scanned.header_lines
    if last == stats.lines:
        return True
    inside, wide = quoted_breaks(scanned, delim, len(names))
    if last + inside == stats.lines and not wide:
        return True
    rows, inside, swallowing = con.execute(
        _cell_breaks_sql(names, source.sql), dict(source.params, delim=delim)
    ).fetchall()[0]
    return scanned.header_lines + rows + (inside or 0) == stats.lines and not swallowing
