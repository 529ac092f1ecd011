"""Rejected rows into ``raw.ingest_rejects``: rows whose cells are wrong, and damaged lines.

A row that parsed into the header's columns but has a bad cell keeps its raw cells (as JSON,
only the columns the profile uses). A line that could not be split into the header's columns
(``ingestion.repair``) keeps the text of the line itself. Neither keeps a private handle in
clear text (``ingestion.pseudonyms``, ``ingestion.damaged_privacy``).
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from ingestion.damaged_privacy import hide_damaged_lines
from ingestion.handles import SQL_HINT
from ingestion.normalize import resolve_columns
from ingestion.profiles import Profile
from ingestion.pseudonyms import ensure_pseudonyms
from ingestion.repair import SHOWN_CHARS
from ingestion.sources import Source, quote_ident


def _hidden(value: str, handle: str, links: str, keep: str) -> str:
    """SQL: ``value`` through ``citra_hide`` (``ingestion.pseudonyms``), unless it cannot hold a handle."""
    return (
        f"case when {value} is null or ({handle} is null and not regexp_matches(coalesce({links}, ''), $hint_re, 'i')"
        f" and not regexp_matches({value}, $hint_re, 'i')) then {value} else citra_hide({value}, {handle}, {links}, {keep}) end"
    )


def insert_rejects(con: duckdb.DuckDBPyConnection, profile: Profile, source: Source, file_id: str, name: str) -> None:
    """Copy the problems of ``_parsed`` to ``raw.ingest_rejects`` with the row's raw cells.

    The raw cells (as JSON, only the columns the profile uses) are built for rejected rows
    only, so a clean file pays nothing for them. Private handles are hidden there and in the
    reason (which may quote a cell) as in ``raw.media_mentions``: the private author's cell is
    its pseudonym, and the author, the accounts of the row's social links and @mentions are
    replaced in every other cell; a platform export's own account stays readable.
    """
    ensure_pseudonyms(con)
    cols = resolve_columns(con, profile, source)
    used = sorted({c for cs in cols.values() for c in cs})
    params: dict[str, object] = dict(source.params, **{f"c{i}": c for i, c in enumerate(used)}, hint_re=SQL_HINT)
    parsed = [d[0] for d in con.execute("select * from _parsed limit 0").description]
    handle = "private_handle" if "private_handle" in parsed else "null::varchar as private_handle"
    keep = "account as keep" if "account" in parsed and "private_handle" not in parsed else "null::varchar as keep"
    links = [f"s.{quote_ident(c)}" for f in ("url", "expanded_url") for c in cols.get(f, [])]
    link_sql = f"nullif(concat_ws(' ', {', '.join(links)}), '')" if links else "null::varchar"
    authors = set(cols.get("author", []))

    def cell(column: str) -> str:
        value = f"s.{quote_ident(column)}"
        hidden = _hidden(value, "p.private_handle", link_sql, "p.keep")
        if column in authors:
            return f"case when p.private_handle is null or {value} is null then {hidden} else citra_pseudonym(p.private_handle) end"
        return hidden

    raw_json = "json_object(" + ", ".join(f"$c{i}, {cell(c)}" for i, c in enumerate(used)) + ")"
    reason = _hidden("p.problem.reason", "p.private_handle", link_sql, "p.keep")
    params.update(file_id=file_id, name=name)
    con.execute(
        f"""insert into raw.ingest_rejects
            select $file_id, $name, p.source_row, p.problem.col, {reason}, {raw_json}::varchar, now()
            from (select source_row, {handle}, {keep}, unnest(problems) as problem from _parsed where len(problems) > 0) p
            join {source.sql} s using (source_row)
            order by p.source_row""",
        params,
    )


def insert_damaged_lines(
    con: duckdb.DuckDBPyConnection,
    profile: Profile,
    source: Source,
    delim: str,
    file_id: str,
    name: str,
    keep: str | None = None,
) -> int:
    """Copy ``_damaged_lines`` (``ingestion.repair``) to ``raw.ingest_rejects``; returns their number.

    The line's text is kept so staff can find and fix it, with every private handle the line
    may hold replaced by its pseudonym (``hide_damaged_lines``); ``keep`` is an account that
    stays readable (the official account a platform export belongs to).
    """
    if not source.damaged_lines:
        return 0
    ensure_pseudonyms(con)
    header = [d[0] for d in con.execute(f"select * from {source.sql} limit 0", source.params).description][1:]
    authors = [header.index(a) for a in resolve_columns(con, profile, source).get("author", [])]
    lines = con.execute("select source_row, reason, line from _damaged_lines order by source_row").fetchall()
    hidden = hide_damaged_lines(con, [line for _, _, line in lines], delim, authors, len(header), keep)
    con.register(
        "_damaged_hidden",
        pa.table(
            {
                "source_row": pa.array([r[0] for r in lines], pa.int64()),
                "reason": pa.array([r[1] for r in lines], pa.string()),
                "line": pa.array([text[:SHOWN_CHARS] for text in hidden], pa.string()),
            }
        ),
    )
    try:
        con.execute(
            """insert into raw.ingest_rejects
               select $file_id, $name, source_row, 'line', reason, json_object('line', line)::varchar, now()
               from _damaged_hidden order by source_row""",
            {"file_id": file_id, "name": name},
        )
    finally:
        con.unregister("_damaged_hidden")
    return source.damaged_lines


def damage_note(con: duckdb.DuckDBPyConnection, name: str, damaged: int) -> str:
    """A line for the log and the run's metadata: which rows of ``name`` were set aside."""
    rows = [r[0] for r in con.execute("select source_row from _damaged_lines order by source_row limit 6").fetchall()]
    shown = ", ".join(map(str, rows[:5])) + (", ..." if damaged > 5 else "")
    return f"{name}: {damaged} damaged line{'s' if damaged > 1 else ''} set aside (row{'s' if damaged > 1 else ''} {shown}); see raw.ingest_rejects"
