"""Rejected rows into ``raw.ingest_rejects``: rows whose cells are wrong, and damaged lines.

A row that parsed into the header's columns but has a bad cell keeps its raw cells (as JSON,
only the columns the profile uses). A line that could not be split into the header's columns
(``ingestion.repair``) keeps the text of the line itself.
"""

from __future__ import annotations

import duckdb

from ingestion.normalize import quote_ident, resolve_columns
from ingestion.profiles import Profile
from ingestion.readers import Source


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
