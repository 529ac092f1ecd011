"""Rejected rows into ``raw.ingest_rejects``: rows whose cells are wrong, and damaged lines.

A row that parsed into the header's columns but has a bad cell keeps its raw cells (as JSON,
only the columns the profile uses). A line that could not be split into the header's columns
(``ingestion.repair``) keeps the text of the line itself.
"""

from __future__ import annotations

import duckdb

from ingestion.normalize import resolve_columns
from ingestion.profiles import Profile
from ingestion.sources import Source, quote_ident


def insert_rejects(con: duckdb.DuckDBPyConnection, profile: Profile, source: Source, file_id: str, name: str) -> None:
    """Copy the problems of ``_parsed`` to ``raw.ingest_rejects`` with the row's raw cells.

    The raw cells (as JSON, only the columns the profile uses) are built for rejected rows
    only, so a clean file pays nothing for them. A private author's handle is pseudonymized
    there too, as in ``raw.media_mentions``.
    """
    cols = resolve_columns(con, profile, source)
    used = sorted({c for cs in cols.values() for c in cs})
    params: dict[str, object] = dict(source.params, **{f"c{i}": c for i, c in enumerate(used)})
    private = "private_handle" in [d[0] for d in con.execute("select * from _parsed limit 0").description]
    authors = set(cols.get("author", []))

    def cell(column: str) -> str:
        value = f"s.{quote_ident(column)}"
        if not private:
            return value
        hidden = (
            "citra_pseudonym(p.private_handle)" if column in authors else f"citra_redact({value}, p.private_handle)"
        )
        return f"case when p.private_handle is null or {value} is null then {value} else {hidden} end"

    raw_json = "json_object(" + ", ".join(f"$c{i}, {cell(c)}" for i, c in enumerate(used)) + ")"
    params.update(file_id=file_id, name=name)
    handle = "private_handle" if private else "null::varchar as private_handle"
    con.execute(
        f"""insert into raw.ingest_rejects
            select $file_id, $name, p.source_row, p.problem.col, p.problem.reason, {raw_json}::varchar, now()
            from (select source_row, {handle}, unnest(problems) as problem from _parsed where len(problems) > 0) p
            join {source.sql} s using (source_row)
            order by p.source_row""",
        params,
    )


def insert_damaged_lines(
    con: duckdb.DuckDBPyConnection, profile: Profile, source: Source, delim: str, file_id: str, name: str
) -> int:
    """Copy ``_damaged_lines`` (``ingestion.repair``) to ``raw.ingest_rejects``; returns their number.

    The line's text is kept so staff can find and fix it. A damaged line cannot be trusted to
    have its author in the author column, so the cells at that position are pseudonymized
    unless they name an official account (as private authors' handles are elsewhere).
    """
    if not source.damaged_lines:
        return 0
    names = [d[0] for d in con.execute(f"select * from {source.sql} limit 0", source.params).description]
    authors = resolve_columns(con, profile, source).get("author", [])
    line = "line"
    params: dict[str, object] = {"file_id": file_id, "name": name}
    if authors:
        params.update(
            delim=delim,
            author_idx=[names.index(a) for a in authors],  # source_row is column 1: cell i is names[i]
            officials=[r[0] for r in con.execute("select account from _official_accounts").fetchall()],
        )
        handle = "lower(ltrim(trim(cell), '@'))"
        line = (
            f"array_to_string(list_transform(string_split(line, $delim), lambda cell, i: case"
            f" when list_contains($author_idx::integer[], i) and nullif({handle}, '') is not null"
            f" and not list_contains($officials::varchar[], {handle}) then citra_pseudonym({handle})"
            f" else cell end), $delim)"
        )
    con.execute(
        f"""insert into raw.ingest_rejects
            select $file_id, $name, source_row, 'line', reason, json_object('line', {line})::varchar, now()
            from _damaged_lines order by source_row""",
        params,
    )
    return source.damaged_lines


def damage_note(con: duckdb.DuckDBPyConnection, name: str, damaged: int) -> str:
    """A line for the log and the run's metadata: which rows of ``name`` were set aside."""
    rows = [r[0] for r in con.execute("select source_row from _damaged_lines order by source_row limit 6").fetchall()]
    shown = ", ".join(map(str, rows[:5])) + (", ..." if damaged > 5 else "")
    return f"{name}: {damaged} damaged line{'s' if damaged > 1 else ''} set aside (row{'s' if damaged > 1 else ''} {shown}); see raw.ingest_rejects"
