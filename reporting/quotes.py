"""Which public officials a mention names: aliases of `reference.official_aliases` found as
whole words in its title and snippet, in one vectorized query (one regular expression of all
aliases, longest first, compiled once per query), not a Python loop per row.

The matches of the report's two months go into the temp table ``_official_mentions``
(mention_id, official_code, mention_date, issue, sentiment), read by the sections that show
who is quoted. Only public office holders are in the seed, never private persons.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb

TABLE = "_official_mentions"
REGEX_SPECIAL = re.compile(r"([.*+?^${}()|\[\]\\])")


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """True when ``schema.table`` is in the warehouse."""
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, table],
        ).fetchall()[0][0]
    )


def alias_pattern(aliases: list[str]) -> str | None:
    """`\\b(longest alias|...|short)\\b`: each alias escaped, lower-case, longest first so that
    `wakil gubernur kalsel` wins over `gubernur kalsel` inside it."""
    cleaned = sorted({" ".join(a.lower().split()) for a in aliases if a and a.strip()}, key=lambda a: (-len(a), a))
    if not cleaned:
        return None
    return r"\b(" + "|".join(REGEX_SPECIAL.sub(r"\\\1", a) for a in cleaned) + r")\b"


def match_officials(con: duckdb.DuckDBPyConnection, start: date, end: date) -> bool:
    """Fill ``_official_mentions`` with the officials named in mentions of ``[start, end)``;
    False (and an empty table) when the warehouse has no officials seed."""
    con.execute(
        f"""create or replace temp table {TABLE} (mention_id varchar, official_code varchar,
            mention_date date, issue varchar, sentiment varchar)"""
    )
    if not (has_table(con, "reference", "official_aliases") and has_table(con, "reference", "officials")):
        return False
    aliases = con.execute("select alias, official_code from reference.official_aliases").fetchall()
    pattern = alias_pattern([a for a, _ in aliases])
    if pattern is None:
        return True
    con.execute(
        f"""insert into {TABLE}
            with found as (
              select mention_id, mention_date, issue, sentiment,
                     unnest(regexp_extract_all(lower(concat_ws(' ', title, snippet)), ?, 1)) as alias
              from marts.fct_mentions where mention_date >= ? and mention_date < ?),
            aliases as (select distinct regexp_replace(lower(trim(alias)), '\\s+', ' ', 'g') as alias, official_code
                        from reference.official_aliases)
            select distinct found.mention_id, aliases.official_code, found.mention_date, found.issue, found.sentiment
            from found join aliases on found.alias = aliases.alias""",
        [pattern, start, end],
    )
    return True
