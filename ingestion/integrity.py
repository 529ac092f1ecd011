"""Is the fast read of a CSV exactly the file? If not, ``ingestion.repair`` reads it line by line.

The fast read (``ingestion.sources``) cannot tell on its own when a file was damaged in a way
its strict parser accepts: a stray quote can swallow the lines up to the next quote into one
cell, a NUL byte loads as text, a blank line shifts every row number after it. So a clean
file must also pass a count: the lines of the file equal the header's lines plus one per row
plus the line breaks inside quoted cells. The common case (no cell holds a line break) costs
one pass over the bytes to count line breaks (about 0.1 s per 100 MB); only a file whose count
differs pays for a second scan that counts the line breaks inside cells.
"""

from __future__ import annotations

import codecs
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


def _cell_breaks_sql(names: list[str], delim: str) -> tuple[str, str]:
    """(line breaks inside cells, a cell that swallowed whole rows) as SQL aggregates.

    A stray quote at the start of cell k swallows everything up to the next quote. It looks
    like a row that lost its quote when the text before its first line break, after k cells,
    fills the header's other columns, and one of its later lines holds a full row too.
    """
    n = len(names)
    breaks, swallowed = [], []
    for k, name in enumerate(names):
        col = '"' + name.replace('"', '""') + '"'
        breaks.append(f"coalesce(length({col}) - length(replace({col}, chr(10), '')), 0)")
        segs = f"string_split({col}, chr(10))"
        count = "(length({x}) - length(replace({x}, $delim, '')))"
        swallowed.append(
            f"(contains({col}, chr(10)) and {count.format(x=segs + '[1]')} = {n - 1 - k}"
            f" and ({count.format(x=segs + '[-1]')} = {k} or list_bool_or(list_transform("
            f"{segs}[2:-2], lambda s: {count.format(x='s')} = {n - 1}))))"
        )
    return " + ".join(breaks), " or ".join(swallowed)


def fast_read_is_exact(con: duckdb.DuckDBPyConnection, source: Source, names: list[str], delim: str) -> bool:
    """True when ``_parsed`` (built from ``source``) holds every line of the file as it is."""
    scanned = source.scanned
    if scanned is None:
        return True
    if scanned.decode_errors or con.execute("select count(*) from _csv_rejects").fetchall()[0][0]:
        return False
    stats = text_stats(scanned)
    if stats.has_nul:
        return False
    ragged = "count(*) filter (where __ragged)" if source.ragged else "0"
    last, ragged_rows = con.execute(f"select max(source_row), {ragged} from _parsed").fetchall()[0]
    if ragged_rows:
        return False
    if (last or scanned.header_lines) == stats.lines:
        return True
    breaks, swallowed = _cell_breaks_sql(names, delim)
    rows, inside, swallowing = con.execute(
        f"select count(*), sum({breaks}), bool_or({swallowed}) from {source.sql}",
        dict(source.params, delim=delim),
    ).fetchall()[0]
    return scanned.header_lines + rows + (inside or 0) == stats.lines and not swallowing
