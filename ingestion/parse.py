"""From a landed CSV/XLSX to the typed temp table ``_parsed``, however the file was written.

Both loaders (media and platform) hand in ``build(source, day_order)``, which creates
``_parsed`` from a source of text cells. This module decides which source and which day
order: the day order is decided from all of the file's day/month dates
(``ingestion.dates.decide_day_order``); when it is not the profile's default, the rows are
typed again with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.dates import DayOrder, decide_day_order
from ingestion.readers import Layout, Source, open_source

Build = Callable[[Source, "str | None"], None]


@dataclass(frozen=True)
class ParsedFile:
    """What ``_parsed`` was built from, and what was decided on the way."""

    source: Source
    day_order: DayOrder


def parse_file(con: duckdb.DuckDBPyConnection, path: Path, layout: Layout, workdir: Path, build: Build) -> ParsedFile:
    """Build ``_parsed`` for ``path``; the caller closes the source (``readers.close_source``)."""
    source = open_source(con, path, layout, workdir)
    build(source, None)
    profile = layout.profile
    order = decide_day_order(con, profile.day_order, profile.name)
    if order.order is not None and order.order != profile.day_order:
        build(source, order.order)
    return ParsedFile(source, order)
