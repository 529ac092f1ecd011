"""Tables of the dashboard: one definition gives the HTML table (Indonesian formats, through
``reporting.formatting``, the report's own module) and the CSV file a user downloads (raw values:
numbers with a decimal point, ISO dates, WITA times; UTF-8 with a byte-order mark so Excel reads
the Indonesian letters; text that a spreadsheet would run as a formula neutralized as in every
file Citra writes, ``ingestion.safe_export``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ingestion.safe_export import neutralize
from reporting import formatting as fmt
from reporting.render import web_url

# how a cell is shown; the CSV always gets the raw value
KINDS = {
    "text": lambda v: fmt.DASH if v in (None, "") else str(v),
    "int": fmt.number,
    "num1": lambda v: fmt.number(v, 1),
    "share": fmt.percent,
    "pp": lambda v: fmt.DASH if v is None else fmt.number(v, 1, signed=True),
    "signed": lambda v: fmt.DASH if v is None else fmt.number(v, signed=True),
    "change": fmt.signed_percent,
    "index": fmt.index,
    "month": lambda v: fmt.DASH if v is None else fmt.month_name(v),
    "date": lambda v: fmt.DASH if v is None else fmt.day(v),
    "datetime": fmt.post_time,
    "link": lambda v: fmt.DASH if v in (None, "") else str(v),
    "page": lambda v: fmt.DASH if v in (None, "") else str(v),
}
NUMERIC = {"int", "num1", "share", "pp", "signed", "change", "index"}


@dataclass(frozen=True)
class Column:
    """``key`` of the row dict, its Indonesian ``label``, how it is shown (``kind``); a ``link``
    column links its text to the web address in the row's ``link_key``, a ``page`` column to a page
    of the site; ``none_text`` replaces the dash for a null
    (e.g. a value withheld for privacy)."""

    key: str
    label: str
    kind: str = "text"
    link_key: str | None = None
    none_text: str | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


@dataclass
class Table:
    """A table of a page, saved beside it as ``csv/<page>-<name>.csv``. ``shown`` caps the rows
    of the HTML table (the CSV holds them all; 0: only the download link); ``folded`` tables (those
    that repeat a chart) open on a tap; a row whose ``_mark`` is true is highlighted."""

    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    note: str = ""
    shown: int | None = None
    folded: bool = False
    csv_path: str = field(default="", compare=False)

    @property
    def visible_rows(self) -> list[dict[str, Any]]:
        return self.rows if self.shown is None else self.rows[: self.shown]


def cell(column: Column, row: dict[str, Any]) -> str:
    """The cell as the page shows it."""
    value = row.get(column.key)
    if value is None and column.none_text:
        return column.none_text
    return KINDS[column.kind](value)


def cell_link(column: Column, row: dict[str, Any]) -> str | None:
    """Where a cell links to: a ``page`` cell to a page of the site, a ``link`` cell to its http(s)
    address; None otherwise (a vendor's `javascript:` link never becomes clickable)."""
    if not column.link_key:
        return None
    if column.kind == "page":
        return row.get(column.link_key)
    return web_url(row.get(column.link_key))


def _raw(value: Any) -> Any:
    if isinstance(value, datetime):
        local = value.astimezone(fmt.WITA) if value.tzinfo else value
        return local.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return "" if value is None else value


def to_csv(table: Table) -> bytes:
    """Every row of ``table`` as CSV (the labels as header, the link columns' addresses beside them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header, keys = [], []
    for column in table.columns:
        header.append(column.label)
        keys.append(column.key)
        if column.link_key and column.kind == "link":
            header.append("Tautan")
            keys.append(column.link_key)
    writer.writerow(header)
    for row in table.rows:  # a headline like `=HYPERLINK(...)` must not run in a spreadsheet
        writer.writerow([neutralize(_raw(row.get(key))) for key in keys])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
