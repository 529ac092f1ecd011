"""The cells of one register file, typed: temp tables ``_hoax_cells`` (text per field) and
``_hoax_dates`` (each date cell: ``first_seen`` and ``klarifikasi_at`` as instants).

Dates go through ``ingestion.dates`` like every export's: ISO 8601 with or without an offset,
day/month dates (the order decided once per file from both date columns, ``ingestion.day_order``),
Excel serials, epochs, month names in English or Indonesian; a cell in none of them gets the
same reason as a media date. Column names come from the file's header (quoted identifiers),
values that vary are named parameters.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import duckdb

from ingestion.dates import FORMS, date_ctes, date_params, sample_forms
from ingestion.day_order import COUNTS_SQL, DayOrder, decide_day_order
from ingestion.normalize import resolve_columns
from ingestion.profiles import Profile
from ingestion.readers import Layout
from ingestion.sources import Source, quote_ident

FIELDS = (
    "hoax_id",
    "first_seen",
    "claim",
    "keywords",
    "category",
    "issue",
    "region",
    "klarifikasi_url",
    "klarifikasi_at",
    "source",
)
DATE_FIELDS = ("first_seen", "klarifikasi_at")
SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


@cache
def region_codes(seeds: Path = SEEDS) -> dict[str, str]:
    """Lower-case region code, name and alias -> region code (the regions seeds)."""
    keys: dict[str, str] = {}
    with (seeds / "regions.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            keys[row["region_code"]] = row["region_code"]
            keys[" ".join(row["region_name"].split()).lower()] = row["region_code"]
    with (seeds / "region_aliases.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            keys.setdefault(" ".join(row["alias"].split()).lower(), row["region_code"])
    return keys


def _cell(columns: list[str]) -> str:
    parts = [f"nullif(trim({quote_ident(c)}), '')" for c in columns]
    if not parts:
        return "null::varchar"
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def build_cells(con: duckdb.DuckDBPyConnection, profile: Profile, source: Source) -> dict[str, str]:
    """Temp table ``_hoax_cells`` (source_row, one text column per field) of the non-blank rows;
    returns field -> the header's column name (for reasons)."""
    cols = resolve_columns(con, profile, source)
    cells = ", ".join(f"{_cell(cols.get(f, []))} as {f}" for f in FIELDS)
    con.execute(
        f"""create or replace temp table _hoax_cells as
            select * from (select source_row::integer as source_row, {cells} from {source.sql})
            where coalesce({", ".join(FIELDS)}) is not null""",
        source.params,
    )
    return {f: (cols.get(f) or [f])[0] for f in FIELDS}


def _type_dates(con: duckdb.DuckDBPyConnection, profile: Profile, order: str | None, forms: frozenset[str]) -> tuple:
    formats_local = (
        "coalesce(try_strptime(raw_date, $fmt_local::varchar[]),"
        " try_strptime(citra_month_en(raw_date), $fmt_local::varchar[]))"
        if profile.date_formats
        else "null::timestamp"
    )
    unpivoted = " union all ".join(
        f"select source_row, '{f}' as field, {f} as raw_date from _hoax_cells where {f} is not null"
        for f in DATE_FIELDS
    )
    con.execute(
        f"""create or replace temp table _hoax_dates as
            with cells as ({unpivoted}), {date_ctes("cells", formats_local, forms)}
            select source_row, field, raw_date, published_at as instant, date_reason, date_fit, dm_raw, date_unplanned
            from dated""",
        date_params(profile, order),
    )
    return con.execute(f"select count(*) filter (where date_unplanned), {COUNTS_SQL} from _hoax_dates").fetchall()[0]


def type_dates(con: duckdb.DuckDBPyConnection, layout: Layout) -> DayOrder:
    """Temp table ``_hoax_dates`` (source_row, field, raw_date, instant, date_reason) of both date
    columns; returns the file's day order and why (for ``raw.ingest_files``)."""
    profile = layout.profile
    forms = sample_forms(layout.sample_column(tuple(c for f in DATE_FIELDS for c in profile.fields.get(f, ()))))
    facts = _type_dates(con, profile, None, forms)
    if facts[0]:  # a date form the sniffed rows did not show
        forms = FORMS
        facts = _type_dates(con, profile, None, forms)
    order = decide_day_order(facts[1:], profile.day_order, profile.name)
    if order.order is not None and order.order != profile.day_order:
        _type_dates(con, profile, order.order, forms)
    return order
