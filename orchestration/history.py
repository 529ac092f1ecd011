"""Dagster's run history (SQLite files in DAGSTER_HOME): no disk flush per stored event.

Dagster stores every event of a run (step started, asset materialized, check evaluated, log line)
in its own SQLite transaction on a fresh connection, in WAL mode. Two SQLite defaults then cost
a flush to disk per event, a few hundred per build and seconds on a busy disk:
`synchronous=FULL` flushes each commit, and the close of the last connection to a database
checkpoints its WAL into the database file. This process therefore sets `synchronous=NORMAL`
(SQLite's recommended setting for WAL: the files stay consistent after a crash of any process;
only a power cut may lose the last events of a run, never the warehouse, which is DuckDB's) and
keeps one idle connection open to each history database it touches, so that WAL checkpoints
happen in batches (SQLite's auto-checkpoint) and once more when the process ends.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_keepers: dict[str, sqlite3.Connection] = {}


def _on_connect(dbapi_connection: object, _record: object) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("pragma synchronous=normal")
        path = next((row[2] for row in cursor.execute("pragma database_list").fetchall() if row[1] == "main"), "")
    finally:
        cursor.close()
    if path and path not in _keepers:
        _keepers[path] = sqlite3.connect(path, check_same_thread=False)


def relax_history_flushes() -> None:
    """Applies to every SQLite database this process opens through SQLAlchemy (Dagster's
    storage); installed once per process."""
    if not event.contains(Engine, "connect", _on_connect):
        event.listen(Engine, "connect", _on_connect)
