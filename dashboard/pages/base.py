"""What a dashboard page is: a module with a ``build(ctx)`` that reads its data from the serving
copy and returns one or more ``Document``s (an HTML file each), registered in ``PAGES``.

A document's ``data`` is plain dataclasses: it is what the tests compare with the marts and what
the site fingerprints (a page whose data did not change is not written again). Its ``figures``
and ``tables`` are pure functions of that data, called only when the page is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from dashboard.scope import Scope
from dashboard.tables import Table


@dataclass
class PageContext:
    """The read-only connection to the serving copy, whose site it is, and the month shown."""

    con: duckdb.DuckDBPyConnection
    scope: Scope
    month: date | None  # the latest complete month with data; None while there is none
    data_through: date | None
    tables: frozenset[str]  # the marts tables of the serving copy

    def has(self, *names: str) -> bool:
        return all(name in self.tables for name in names)

    @property
    def params(self) -> dict[str, Any]:
        return self.scope.params


@dataclass
class Document:
    """One HTML file of the site: ``path`` in the site folder, its template (shown with ``d`` =
    ``data``), the charts (``figures(data)`` -> name: Plotly figure or None) and the tables
    (``tables(data)``, each also written as CSV)."""

    path: str
    title: str
    template: str
    data: Any
    figures: Callable[[Any], dict[str, dict | None]] | None = None
    tables: Callable[[Any], list[Table]] | None = None
    nav_key: str = ""


@dataclass(frozen=True)
class Page:
    """A page of the site, in navigation order. ``requires`` names the marts tables it reads: a
    page whose table is missing from the serving copy is left out of the site (not an error),
    unless it is ``shown_without_data``: then it is built anyway and says that there is no data yet
    (its build checks ``ctx.has`` itself)."""

    key: str
    title: str
    requires: tuple[str, ...]
    build: Callable[[PageContext], list[Document]]
    shown_without_data: bool = False
