"""Dagster's run history (SQLite files in DAGSTER_HOME): commits without a disk flush each.

Dagster stores every event of a run (step started, asset materialized, check evaluated, log line)
in its own SQLite transaction, in WAL mode with SQLite's default `synchronous=FULL`: one flush
to disk per event, a few hundred per build, seconds on a busy disk. `synchronous=NORMAL` is
SQLite's recommended setting for WAL: the files stay consistent after a crash of any process;
only a power cut may lose the last events of a run (never the warehouse, which is DuckDB's).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False


def _normal_sync(dbapi_connection: object, _record: object) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("pragma synchronous=normal")
        cursor.close()


def relax_history_flushes() -> None:
    """Every SQLite connection this process opens through SQLAlchemy (Dagster's storage) skips
    the flush per commit; installed once per process."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _normal_sync)
        _installed = True
