"""From a landed CSV/XLSX to the typed temp table ``_parsed``, however the file was written.

Both loaders (media and platform) hand in ``build(source, day_order)``, which creates
``_parsed`` from a source of text cells. This module picks the source and the day order:

1. the fast read (``ingestion.sources``): a CSV where it lies, in one pass;
2. if ``ingestion.integrity`` finds that the fast read is not exactly the file (a damaged
   line, a stray quote, a NUL, a blank line), the rows are typed again from
   ``ingestion.repair``, which sets the damaged lines aside; ``careful`` goes there at once
   (a retry after the fast read failed outright);
3. the day order is decided from all of the file's day/month dates
   (``ingestion.dates.decide_day_order``); when it is not the profile's default, the rows are
   typed again with it.

A clean file in its profile's day order is read and typed once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.dates import DayOrder, decide_day_order
from ingestion.integrity import fast_read_is_exact
from ingestion.readers import Layout
from ingestion.repair import repair_source
from ingestion.sources import Source, open_source

log = logging.getLogger(__name__)

Build = Callable[[Source, "str | None"], None]


@dataclass(frozen=True)
class ParsedFile:
    """What ``_parsed`` was built from, and what was decided on the way."""

    source: Source
    day_order: DayOrder


def parse_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: Layout,
    workdir: Path,
    build: Build,
    name: str,
    careful: bool = False,
) -> ParsedFile:
    """Build ``_parsed`` for ``path``; the caller closes the source (``sources.close_source``)."""
    if careful and layout.kind == "csv":
        source = repair_source(con, path, layout, workdir)
        build(source, None)
    else:
        source = open_source(con, path, layout, workdir)
        build(source, None)
        if not fast_read_is_exact(con, source, layout.names(), layout.delimiter):
            log.info("%s: damaged or irregular lines; reading it line by line", name)
            source = repair_source(con, path, layout, workdir)
            build(source, None)
    profile = layout.profile
    order = decide_day_order(con, profile.day_order, profile.name)
    if order.order is not None and order.order != profile.day_order:
        build(source, order.order)
    return ParsedFile(source, order)
