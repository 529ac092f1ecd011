"""Publish a read-only snapshot of the `marts` schema for BI tools.

DuckDB allows one writer or many readers per file, so BI tools never open the warehouse: they
open `serving/citra.duckdb` (or `serving/parquet/`), which the pipeline replaces by an atomic
rename. A reader keeps the snapshot it opened; a new connection sees the new one.

After an incremental build (dbt rebuilt only some WITA months), ``publish(..., months=...)``
starts the new file from a copy of the previous snapshot and replaces only those months of the
month-incremental tables (the other, small tables are copied whole), instead of copying every
mention again; a table whose row count then differs from the warehouse's is copied whole. The
result equals a full publication cell by cell (tests/test_serving_incremental.py).
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from ingestion.memory import memory_limit

# DuckDB 1.0 and later read this format; BI drivers lag behind the Python package.
STORAGE_VERSION = "v1.0.0"
SCHEMA = "marts"
# marts that dbt rebuilds month by month (delete+insert on `month`): all else stays as it was
MONTHLY_TABLES = ("fct_mentions", "mart_issue_sentiment_monthly")


@dataclass(frozen=True)
class TableDocs:
    """Comments for a table whose producer does not write them (e.g. a Python asset)."""

    description: str
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Published:
    """What was published: the file, the Parquet folder, and rows per table."""

    database: Path
    parquet: Path
    rows: dict[str, int]
    seconds: float
    incremental: tuple[str, ...] = ()  # tables of which only the built months were copied


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    """COMMENT ON takes no parameters; a string literal with quotes doubled is the safe form."""
    return "'" + text.replace("'", "''") + "'"


def _copy_comments(con: duckdb.DuckDBPyConnection, table: str, docs: TableDocs | None) -> None:
    """Carry table and column comments over (dbt persist_docs wrote them in the warehouse)."""
    table_comment = con.execute(
        "select comment from duckdb_tables() where database_name = 'wh' and schema_name = ? and table_name = ?",
        [SCHEMA, table],
    ).fetchall()[0][0]
    table_comment = table_comment or (docs.description if docs else None)
    target = f"pub.{SCHEMA}.{_quote(table)}"
    con.execute(f"comment on table {target} is {_literal(table_comment) if table_comment else 'null'}")
    columns = con.execute(
        """select column_name, comment from duckdb_columns()
           where database_name = 'wh' and schema_name = ? and table_name = ? order by column_index""",
        [SCHEMA, table],
    ).fetchall()
    for column, comment in columns:
        comment = comment or (docs.columns.get(column) if docs else None)
        con.execute(f"comment on column {target}.{_quote(column)} is {_literal(comment) if comment else 'null'}")


def _swap_parquet(staged: Path, link: Path) -> None:
    """Point `parquet` at the new folder with one atomic rename of a symlink, then drop all but
    the previous version (a reader that listed the old files can still finish)."""
    tmp_link = link.with_name(f".{link.name}.{os.getpid()}.link")
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(staged.name)
    if link.exists() and not link.is_symlink():
        shutil.rmtree(link)
    previous = link.resolve() if link.is_symlink() else None
    os.replace(tmp_link, link)
    for old in link.parent.glob(f".{link.name}-*"):
        if old.is_dir() and old not in (staged, previous):
            shutil.rmtree(old, ignore_errors=True)


def _columns(con: duckdb.DuckDBPyConnection, database: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        """select column_name, data_type from duckdb_columns()
           where database_name = ? and schema_name = ? and table_name = ? order by column_index""",
        [database, SCHEMA, table],
    ).fetchall()


def _count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return con.execute(f"select count(*) from {relation}").fetchall()[0][0]


def _copy_months(con: duckdb.DuckDBPyConnection, table: str, months: tuple[date, date]) -> bool:
    """Replace the months ``[start, end)`` of ``table`` in the staged copy; False (nothing
    trusted) when its columns or its row count then differ from the warehouse's."""
    source, target = f"wh.{SCHEMA}.{_quote(table)}", f"pub.{SCHEMA}.{_quote(table)}"
    if _columns(con, "pub", table) != _columns(con, "wh", table):
        return False
    con.execute(f"delete from {target} where month >= ? and month < ?", list(months))
    con.execute(f"insert into {target} select * from {source} where month >= ? and month < ?", list(months))
    return _count(con, target) == _count(con, source)


def publish(
    warehouse: Path,
    serving_dir: Path,
    extra_docs: dict[str, TableDocs] | None = None,
    months: tuple[date, date] | None = None,
) -> Published:
    """Copy every `marts` table of the warehouse (opened read-only) into a new serving file and
    Parquet folder, then swap them in. Nothing is replaced unless everything was written.

    ``months`` (first days, half-open) says that only those months of ``MONTHLY_TABLES`` changed
    since the current snapshot was published: the new file then starts from a copy of it."""
    started = time.perf_counter()
    extra_docs = extra_docs or {}
    serving_dir.mkdir(parents=True, exist_ok=True)
    database = serving_dir / "citra.duckdb"
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staged_db = serving_dir / f".citra.duckdb.{stamp}.tmp"
    staged_parquet = serving_dir / f".parquet-{stamp}"
    staged_parquet.mkdir()
    rows: dict[str, int] = {}
    incremental: list[str] = []
    from_previous = months is not None and database.exists()
    try:
        if from_previous:
            shutil.copyfile(database, staged_db)
        # bounded like every other connection of a build (it spills beyond the limit)
        con = duckdb.connect(":memory:", config={"memory_limit": memory_limit()})
        try:
            con.execute(f"attach {_literal(str(warehouse))} as wh (read_only)")
            if from_previous:
                con.execute(f"attach {_literal(str(staged_db))} as pub")
            else:
                con.execute(f"attach {_literal(str(staged_db))} as pub (storage_version '{STORAGE_VERSION}')")
            con.execute(f"create schema if not exists pub.{SCHEMA}")
            listed = """select table_name from duckdb_tables()
                        where database_name = ? and schema_name = ? order by table_name"""
            tables = [name for (name,) in con.execute(listed, ["wh", SCHEMA]).fetchall()]
            for (stale,) in con.execute(listed, ["pub", SCHEMA]).fetchall():
                if stale not in tables:
                    con.execute(f"drop table pub.{SCHEMA}.{_quote(stale)}")
            for table in tables:
                target = f"pub.{SCHEMA}.{_quote(table)}"
                previous = from_previous and table in MONTHLY_TABLES and bool(_columns(con, "pub", table))
                if previous and _copy_months(con, table, months):
                    incremental.append(table)
                else:
                    con.execute(f"create or replace table {target} as select * from wh.{SCHEMA}.{_quote(table)}")
                _copy_comments(con, table, extra_docs.get(table))
                rows[table] = _count(con, target)
                parquet_file = staged_parquet / f"{table}.parquet"
                con.execute(f"copy {target} to {_literal(str(parquet_file))} (format parquet, compression zstd)")
            con.execute("checkpoint pub")
            con.execute("detach pub")
        finally:
            con.close()
        os.replace(staged_db, database)
    except BaseException:
        staged_db.unlink(missing_ok=True)
        shutil.rmtree(staged_parquet, ignore_errors=True)
        raise
    _swap_parquet(staged_parquet, serving_dir / "parquet")
    return Published(database, serving_dir / "parquet", rows, time.perf_counter() - started, tuple(incremental))
