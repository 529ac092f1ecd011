"""What a report section is: a key, a heading, a template partial and a data function.

A section's ``build`` reads what it needs from the marts (through ``MonthContext``) and
returns plain data, which tests compare with the marts; its template partial
(``templates/sections/<name>.html.j2``) shows it as ``s``; ``charts`` turns the data into
SVG charts, shown as ``charts.<name>``. The core facts every section may use (totals, issues,
findings, recommendations) are ``d``, the `ReportData`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from reporting.model import ReportData
from reporting.periods import month_bounds, previous_month
from reporting.quotes import has_table


@dataclass
class MonthContext:
    """The read-only connection and the month's core facts, handed to every section's build."""

    con: duckdb.DuckDBPyConnection
    data: ReportData

    @property
    def start(self) -> date:
        return self.data.month

    @property
    def end(self) -> date:
        return month_bounds(self.data.month)[1]

    @property
    def before(self) -> date:
        return previous_month(self.data.month)

    def has_table(self, schema: str, table: str) -> bool:
        return has_table(self.con, schema, table)


@dataclass(frozen=True)
class Section:
    """One section of the report, in the order of ``reporting.sections.SECTIONS``."""

    key: str
    title: str
    template: str
    build: Callable[[MonthContext], Any] | None = None
    charts: Callable[[ReportData, Any], dict[str, str | None]] | None = None
    appendix: bool = False  # after the sign-off, under "Lampiran"
