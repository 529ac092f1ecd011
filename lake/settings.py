"""Which engine builds the models, where the lake is and which office writes into it.

| variable      | default            | meaning                                                  |
|---------------|--------------------|----------------------------------------------------------|
| CITRA_ENGINE  | duckdb             | duckdb or spark: the engine dbt builds the models on     |
| CITRA_LAKE    | $CITRA_HOME/lake   | lake root: raw Parquet, Spark's tables and its catalog   |
| CITRA_OFFICE  | local              | this office's partition of the lake (kabupaten/kota code) |
"""

from __future__ import annotations

import re

ENGINES = ("duckdb", "spark")
OFFICE_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class SettingError(ValueError):
    """A setting with a value Citra cannot use; the message names the variable."""


def checked_engine(value: str | None) -> str:
    """The engine named by CITRA_ENGINE (empty means DuckDB)."""
    engine = (value or "duckdb").strip().lower()
    if engine not in ENGINES:
        raise SettingError(f"CITRA_ENGINE={value!r} is not an engine Citra knows; use duckdb or spark")
    return engine


def checked_office(value: str | None) -> str:
    """The office code of CITRA_OFFICE: it becomes a folder name in the lake, so only lowercase
    letters, digits, '-' and '_' are allowed."""
    office = (value or "local").strip()
    if not OFFICE_CODE.match(office):
        raise SettingError(
            f"CITRA_OFFICE={value!r} cannot name a lake partition; use lowercase letters, digits, '-' or '_'"
            " (for example kalsel or banjarmasin)"
        )
    return office
