"""The build stamp: what the published snapshot was built from.

After each successful publication the serving asset writes ``serving/.build-stamp.json`` with a
fingerprint of the build's inputs: the file registry (``raw.ingest_files``), what `citra alerts`
recorded between builds (``raw.alert_events``, ``raw.alert_notifications``), and the content of
the dbt project with its seeds, the quality rules and the alert rules. ``citra build`` recomputes it before starting a run: when
every file in ``landing/`` is already in the registry and the fingerprint is unchanged, the marts,
``marts.dq_gaps`` and the serving snapshot are already what a build would make, so it runs
nothing (no Dagster run, no dbt) and prints the summary. A build that failed after ingesting
leaves the old stamp behind, so the next ``citra build`` runs again.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingestion.landing import content_hash, list_landing_files
from ingestion.memory import open_read_only

STAMP_NAME = ".build-stamp.json"


def source_digest(paths: list[Path]) -> str:
    """SHA-256 over the names and bytes of files (a folder: every file under it)."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for path in paths:
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(str(file).encode())
        digest.update(file.read_bytes() if file.exists() else b"<missing>")
    return digest.hexdigest()


def registry_digest(con: duckdb.DuckDBPyConnection) -> str:
    """SHA-256 of the registry: which exports the warehouse holds (loaded or quarantined)."""
    has_registry = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'ingest_files'"
    ).fetchall()[0][0]
    if not has_registry:
        return "no registry"
    rows = con.execute("select file_id, status from raw.ingest_files order by file_id, status").fetchall()
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


# append-only raw tables that `citra alerts` writes between builds (ack, close, reopen, resend):
# a new row makes the next build run, so the serving copy shows the change and a released
# notification is sent; names from this fixed list only
BETWEEN_BUILDS = ("alert_events", "alert_notifications")


def between_builds_digest(con: duckdb.DuckDBPyConnection) -> str:
    """Row counts of the BETWEEN_BUILDS tables that exist (they only ever grow)."""
    present = {
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw' and list_contains(?, table_name)",
            [list(BETWEEN_BUILDS)],
        ).fetchall()
    }
    counts = [
        f"{name}={con.execute(f'select count(*) from raw.{name}').fetchall()[0][0]}"
        for name in BETWEEN_BUILDS
        if name in present
    ]
    return ",".join(counts)


def fingerprint(con: duckdb.DuckDBPyConnection, sources: list[Path]) -> str:
    """The build's inputs in one hash: the registry, the changes recorded between builds and
    the project's dbt, quality and alert files."""
    parts = f"{registry_digest(con)}|{between_builds_digest(con)}|{source_digest(sources)}"
    return hashlib.sha256(parts.encode()).hexdigest()


def write_stamp(serving_dir: Path, inputs: str, run_id: str) -> Path:
    """Record what the snapshot just published was built from (atomic replace)."""
    path = serving_dir / STAMP_NAME
    draft = path.with_name(f"{STAMP_NAME}.{os.getpid()}.tmp")
    built_at = datetime.now(UTC).isoformat(timespec="seconds")
    draft.write_text(json.dumps({"inputs": inputs, "run_id": run_id, "built_at": built_at}), encoding="utf-8")
    os.replace(draft, path)
    return path


def read_stamp(serving_dir: Path) -> dict | None:
    try:
        return json.loads((serving_dir / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(warehouse: Path, landing: Path, serving_dir: Path, sources: list[Path]) -> dict | None:
    """The stamp of the last build when nothing is new since (no unknown file in ``landing``,
    same registry, same project files), else None. A warehouse held by a writer is not up to
    date: the caller's build then waits for it as usual."""
    stamp = read_stamp(serving_dir)
    if stamp is None or not warehouse.exists() or not (serving_dir / "citra.duckdb").exists():
        return None
    hashes = sorted({content_hash(f.path) for f in list_landing_files(landing)})
    try:
        with open_read_only(warehouse) as con:
            if registry_digest(con) == "no registry":
                return None
            known = {
                row[0]
                for row in con.execute(
                    "select file_id from raw.ingest_files where list_contains(?, file_id)", [hashes]
                ).fetchall()
            }
            current = fingerprint(con, sources)
    except duckdb.Error:
        return None
    if len(known) < len(hashes) or current != stamp.get("inputs"):
        return None
    return stamp
