"""From a landed CSV/XLSX to the typed temp table ``_parsed``, however the file was written.

Both loaders (media and platform) hand in ``build(source, day_order, forms)``, which creates
``_parsed`` from a source of text cells. This module picks the source, the date forms and
the day order:

1. the fast read (``ingestion.sources``): a CSV where it lies, in one pass, typing only the
   date forms (``ingestion.dates.FORMS``) that the sniffed rows show; when another form turns
   up further down, the rows are typed again with all of them;
2. if ``ingestion.integrity`` finds that the fast read is not exactly the file (a damaged
   line, a stray quote, a NUL, a blank line), the rows are typed again from
   ``ingestion.repair``, which sets the damaged lines aside; ``careful`` goes there at once
   (a retry after the fast read failed outright);
3. the day order is decided from all of the file's day/month dates
   (``ingestion.day_order``); when it is not the profile's default, the rows are typed again.

A clean file in its profile's day order, whose first rows show its date forms, is read and
typed once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.dates import FORMS, sample_forms
from ingestion.day_order import COUNTS_SQL, DayOrder, decide_day_order
from ingestion.integrity import fast_read_is_exact
from ingestion.readers import Layout
from ingestion.repair import repair_source
from ingestion.sources import CSV_REJECTS, CSV_SCANS, Source, open_source

log = logging.getLogger(__name__)

Build = Callable[[Source, "str | None", frozenset[str]], None]
DATE_FIELDS = ("published_at", "date")  # the date field of media, post and daily profiles


@dataclass(frozen=True)
class ParsedFile:
    """What ``_parsed`` was built from, what was decided on the way, and the caller's summary."""

    source: Source
    day_order: DayOrder
    summary: tuple


def _facts(
    con: duckdb.DuckDBPyConnection, source: Source, forms: frozenset[str], summary: str, params: dict[str, object]
) -> tuple:
    """(last row, irregular lines, rows in a date form not typed, 7 day-order counts, the caller's
    summary...) in one query: on a small file each query costs more than its rows."""
    ragged = "count(*) filter (where __ragged)" if source.ragged else "0"
    rejects = "0"
    if source.scanned:
        rejects = f"(select count(*) from {CSV_REJECTS} join {CSV_SCANS} using (scan_id) where file_path = $path)"
    counts = COUNTS_SQL if "dm" in forms else "0, 0, 0, null, null, null, null"
    if source.scanned:
        params = dict(params, path=str(source.scanned.path))
    return con.execute(
        f"select max(source_row), {ragged} + {rejects}, count(*) filter (where date_unplanned), {counts},"
        f" {summary} from _parsed",
        params,
    ).fetchall()[0]


def parse_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: Layout,
    workdir: Path,
    build: Build,
    name: str,
    summary: str,
    params: dict[str, object],
    careful: bool = False,
) -> ParsedFile:
    """Build ``_parsed`` for ``path``; the caller closes the source (``sources.close_source``).

    ``summary`` is the caller's select list over the final ``_parsed`` (``params`` its values).
    """
    profile = layout.profile
    fields = [c for f in DATE_FIELDS for c in profile.fields.get(f, ())]
    forms = sample_forms(layout.sample_column(tuple(fields)))
    if careful and layout.kind == "csv":
        source = repair_source(con, path, layout, workdir)
    else:
        source = open_source(con, path, layout, workdir)
    build(source, None, forms)
    facts = _facts(con, source, forms, summary, params)
    if not fast_read_is_exact(con, source, layout.names(), layout.delimiter, facts[0], facts[1]):
        log.info("%s: damaged or irregular lines; reading it line by line", name)
        source = repair_source(con, path, layout, workdir)
        build(source, None, forms)
        facts = _facts(con, source, forms, summary, params)
    if facts[2]:  # a date form the sniffed rows did not show
        forms = FORMS
        build(source, None, forms)
        facts = _facts(con, source, forms, summary, params)
    order = decide_day_order(facts[3:10], profile.day_order, profile.name)
    if order.order is not None and order.order != profile.day_order:
        build(source, order.order, forms)
        facts = _facts(con, source, forms, summary, params)
    return ParsedFile(source, order, facts[10:])


def exact_source(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, workdir: Path, careful: bool) -> Source:
    """A source whose rows are exactly the file's, for loaders without dates to type (rosters):
    the fast read when ``ingestion.integrity`` passes it, else the line-by-line repair (damaged
    lines in ``_damaged_lines``). The fast read skips damaged lines silently; this never does."""
    if careful and layout.kind == "csv":
        return repair_source(con, path, layout, workdir)
    source = open_source(con, path, layout, workdir)
    if source.scanned is None:
        return source
    ragged = "count(*) filter (where __ragged)" if source.ragged else "0"
    last, irregular = con.execute(f"select max(source_row), {ragged} from {source.sql}", source.params).fetchall()[0]
    skipped = con.execute(
        f"select count(*) from {CSV_REJECTS} join {CSV_SCANS} using (scan_id) where file_path = $path",
        {"path": str(source.scanned.path)},
    ).fetchall()[0][0]
    if fast_read_is_exact(con, source, layout.names(), layout.delimiter, last, irregular + skipped):
        return source
    return repair_source(con, path, layout, workdir)
