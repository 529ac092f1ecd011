"""Read a damaged CSV line by line: every row that parses loads, every damaged line is set aside.

Downloads and file shares damage exports in a few typical ways: flipped bytes, a stray NUL or
quote, a cut-off last line, a line with an extra delimiter, a header pasted in again. This
reader is for such files only (``ingestion.integrity`` decides); clean files never pay for it.

Each physical line is tried as a row of the header's columns. A quote left open at the end of
a line starts a cell that spans lines (a headline with a line break); it is kept only if it
closes, yields the header's columns and does not swallow lines that are whole rows on their
own. Otherwise the quote was stray: that one line is set aside and reading resumes on the next
line, so one stray quote costs one row, not the rest of the file. Row numbers are those of the
file as a spreadsheet shows it: the header is row 1 (below any report lines), a cell spanning
lines is one row, a blank line is a row of its own.

Good rows go to a clean UTF-8 copy with their row number, damaged lines to the temp table
``_damaged_lines`` (row, reason, text: ``READ_CHARS`` of it, cut to ``SHOWN_CHARS`` once its
private handles are hidden, so that a cut never leaves half a handle in clear text).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from ingestion.readers import Layout
from ingestion.sources import Source

MAX_ROW_CHARS = 2 * 1024 * 1024  # DuckDB's own limit of a CSV line
MAX_ROW_LINES = 5_000  # a quoted cell spanning more lines than this is a stray quote
SHOWN_CHARS = 1_000  # of a damaged line, kept in raw.ingest_rejects
READ_CHARS = 4 * SHOWN_CHARS  # of a damaged line, searched for private handles before it is cut
BAD_BYTE = "\udcff"  # stands for bytes that do not decode; never part of decoded text
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
LINE = re.compile(r"([^\r\n]*)(\r\n|\n|\r)")

codecs.register_error("citra-bad-byte", lambda error: (BAD_BYTE, error.end))
csv.field_size_limit(MAX_ROW_CHARS)  # Python's default (128 kB) is below what DuckDB reads


def _lines(path: Path, encoding: str) -> Iterator[tuple[str, str]]:
    """(text, line break) of every physical line; bytes that do not decode become ``BAD_BYTE``."""
    bom = {"utf-8-sig": 3, "utf-16-le": 2, "utf-16-be": 2}.get(encoding, 0)
    decoder = codecs.getincrementaldecoder(encoding.replace("-sig", ""))(errors="citra-bad-byte")
    with path.open("rb") as fh:
        fh.read(bom)
        rest = ""
        while True:
            chunk = fh.read(1 << 22)
            text = rest + decoder.decode(chunk, final=not chunk)
            cut = len(text) - 1 if not chunk else text.rfind("\n")  # a \r at the end may start a \r\n
            if chunk and cut < 0 and len(text) > 1 << 22:  # a file with lone \r line breaks
                cut = text.rfind("\r", 0, len(text) - 1)
            end = 0
            for match in LINE.finditer(text, 0, cut + 1):
                yield match.group(1), match.group(2)
                end = match.end()
            rest = text[end:]
            if not chunk:
                if rest:
                    yield rest, ""
                return


class _Rows:
    """Rows of the header's ``ncols`` columns from physical lines, with look-ahead for quotes."""

    def __init__(self, lines: Iterator[tuple[str, str]], layout: Layout, ncols: int) -> None:
        self.lines, self.pending = lines, deque[tuple[str, str]]()
        self.delim, self.ncols, self.trailing_delimiter = layout.delimiter, ncols, layout.trailing_delimiter
        named = [i for i, h in enumerate(layout.header) if h.strip()]
        self.unnamed_tail = ncols - 1 - named[-1] if named else ncols  # blank header cells at the end
        self.sep = DELIMITER_NAMES.get(self.delim, f"'{self.delim}'")

    def line(self, i: int) -> tuple[str, str] | None:
        while len(self.pending) <= i:
            nxt = next(self.lines, None)
            if nxt is None:
                return None
            self.pending.append(nxt)
        return self.pending[i]

    def take(self, n: int) -> None:
        for _ in range(n):
            self.pending.popleft()

    def cells(self, text: str, strict: bool = True) -> list[str]:
        """The cells of one line; strict: a quote left open or misplaced raises ``csv.Error``."""
        if '"' not in text:
            return text.split(self.delim)
        return next(csv.reader([text], delimiter=self.delim, strict=strict), [])

    def count(self, text: str, strict: bool) -> int:
        try:
            return len(self.cells(text, strict))
        except csv.Error:
            return -1

    def fit(self, cells: list[str]) -> tuple[list[str] | None, str | None]:
        """The cells as the header's columns, or why they are not."""
        n = len(cells)
        if n == self.ncols:
            return cells, None
        if n == self.ncols + 1 and self.trailing_delimiter and not cells[-1]:
            return cells[: self.ncols], None
        if n < self.ncols <= n + self.unnamed_tail:
            return cells + [""] * (self.ncols - n), None
        if n > self.ncols:
            return None, (
                f"the line has {n} cells where the header has {self.ncols}: an extra {self.sep} or a stray"
                " quote; the other lines loaded"
            )
        return None, (
            f"the line has {n} cells where the header has {self.ncols}: it is cut off or lost a {self.sep};"
            " the other lines loaded"
        )

    def spanning(self, start: int = 0) -> tuple[list[str], int] | None:
        """The row whose quoted cell opens on pending line ``start``, and its number of lines."""
        taken = 0

        def feed() -> Iterator[str]:
            nonlocal taken
            size = 0
            while (line := self.line(start + taken)) is not None and taken < MAX_ROW_LINES and size <= MAX_ROW_CHARS:
                taken += 1
                size += len(line[0])
                yield line[0] + line[1]

        try:
            cells = next(csv.reader(feed(), delimiter=self.delim, strict=True))
        except (csv.Error, StopIteration):
            return None
        return cells, taken

    def row_cells_at(self, i: int) -> int:
        """How many cells the row starting on pending line ``i`` has (-1: none parses)."""
        text = self.pending[i][0]
        count = self.count(text, strict=True)
        if count >= 0 or '"' not in text:
            return count
        found = self.spanning(i)
        return len(found[0]) if found else self.count(text, strict=False)

    def swallows_rows(self, taken: int) -> bool:
        """A stray opening quote: the first line without it is a whole row, and a later line
        starts a whole row too (on its own, or with a quoted cell of its own spanning lines)."""
        first = self.pending[0][0]
        starts = [m.start() for m in re.finditer('"', first) if m.start() == 0 or first[m.start() - 1] == self.delim]
        if not starts:
            return False
        if self.count(first[: starts[-1]] + first[starts[-1] + 1 :], strict=True) != self.ncols:
            return False
        return any(self.row_cells_at(i) == self.ncols for i in range(1, taken))


def _rows(rows: _Rows, first_row: int) -> Iterator[tuple[int, list[str] | None, str | None, str]]:
    """(row number, cells or None, why not, text of a damaged line) of every row."""
    row = first_row - 1
    while (line := rows.line(0)) is not None:
        row += 1
        text = line[0]
        if not text.strip():
            rows.take(1)
            continue
        reason, taken, cells = None, 1, None
        if "\x00" in text:
            reason = "the line holds a NUL byte: the file was damaged (in a download or on a share)"
        elif BAD_BYTE in text:
            reason = "the line holds bytes that are not text in the file's encoding: the file was damaged"
        elif len(text) > MAX_ROW_CHARS:
            reason = f"the line is longer than {MAX_ROW_CHARS // 2**20} MB: not a row of an export"
        else:
            try:
                cells = rows.cells(text)
            except csv.Error as exc:
                if "unexpected end of data" not in str(exc):
                    reason = "a quote in the middle of a cell (a stray quote?); the other lines loaded"
                else:
                    found = rows.spanning()
                    spanned = "".join(rows.pending[i][0] for i in range(found[1])) if found else ""
                    if "\x00" in spanned or BAD_BYTE in spanned:
                        found = None
                    if found is None or rows.fit(found[0])[0] is None or rows.swallows_rows(found[1]):
                        reason = (
                            'a quote (") opened in this line does not close as a cell spanning lines'
                            " (a stray quote?); the line was set aside and the lines after it loaded"
                        )
                    else:
                        cells, taken = found
            if cells is not None:
                cells, reason = rows.fit(cells)
        yield row, cells, reason, text.replace(BAD_BYTE, "\ufffd")[:READ_CHARS]
        rows.take(taken)


def repair_source(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, workdir: Path) -> Source:
    """Read ``path`` line by line into a clean copy (in ``workdir``) and ``_damaged_lines``."""
    names = layout.names()
    target = workdir / (path.stem + ".repaired.csv")
    damaged: list[tuple[int, str, str]] = []
    lines = _lines(path, layout.encoding)
    for _ in range(layout.header_index + 1):  # report lines and the header
        next(lines, None)
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for row, cells, reason, text in _rows(_Rows(lines, layout, len(names)), layout.header_index + 2):
            if cells is None:
                damaged.append((row, reason or "", text))
            else:
                writer.writerow([row, *cells])
    con.register(
        "_damaged_src",
        pa.table(
            {
                "source_row": pa.array([d[0] for d in damaged], pa.int64()),
                "reason": pa.array([d[1] for d in damaged], pa.string()),
                "line": pa.array([d[2] for d in damaged], pa.string()),
            }
        ),
    )
    con.execute("create or replace temp table _damaged_lines as select * from _damaged_src")
    con.unregister("_damaged_src")
    return Source(
        "(select * from read_csv($rep_path, columns = $rep_columns, header = false, auto_detect = false,"
        " delim = ',', quote = '\"', escape = '\"', strict_mode = true, parallel = false))",
        {"rep_path": str(target), "rep_columns": {"source_row": "BIGINT", **dict.fromkeys(names, "VARCHAR")}},
        damaged_lines=len(damaged),
    )
