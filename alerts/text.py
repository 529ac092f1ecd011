"""Matching words in text the same way everywhere: watchlist terms in mentions, an issue's
keywords in official posts.

Text and term are folded the same way (lower case, accents stripped, every run of characters
that is not a letter or digit becomes one space) and the term must appear as whole words:
"tambang" matches "Lubang Tambang!" and "#tambang", not "tambangan".
"""

from __future__ import annotations

import re
import unicodedata

import duckdb

MACRO_SQL = """
    create or replace temp macro citra_fold(x) as
      ' ' || trim(regexp_replace(lower(strip_accents(coalesce(x, ''))), '[^a-z0-9]+', ' ', 'g')) || ' '
"""


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """``citra_fold(text)``: the folded text padded with spaces, so ``contains(citra_fold(text),
    citra_fold(term))`` is a whole-word match."""
    con.execute(MACRO_SQL)


def load_temp(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, str], rows: list[list]) -> None:
    """Temp table ``name`` (a fixed name of the caller) with ``columns`` (name -> type) and ``rows``,
    in one statement: one list parameter per column (faster than a row per insert, and no
    Arrow time-zone conversion)."""
    con.execute(f"create or replace temp table {name} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
    if rows:
        values = ", ".join(f"unnest(?::{t}[])" for t in columns.values())
        con.execute(f"insert into {name} select {values}", [list(col) for col in zip(*rows)])


def fold(text: str | None) -> str:
    """The same folding in Python (for terms read from files and for messages)."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " " + " ".join(re.findall(r"[a-z0-9]+", plain)) + " "
