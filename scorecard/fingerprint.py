"""What the scorecard's dbt run reads, as one fingerprint, so a build runs it only when that changed.

The rapor's models (dbt_project/models/scorecard, selector `scorecard_build`) are tables rebuilt
from every month each time, in a dbt run of their own after the alerts: seconds of dbt start-up
whatever changed. Their result depends only on
- the content of the relations they read (from the dbt manifest: every model, seed and source a
  scorecard node depends on, outside the scorecard's own models), each hashed row by row over
  every column, with its row count: a changed label, a new mention, a new alert all change it;
- their code: SQL and config of the scorecard's models and tests, the macros they call, and the
  project files that carry vars and selectors (dbt_project.yml, selectors.yml);
- scorecard.yml (its versions are in raw.scorecard_weights too, read above), and the dbt version.
No clock: none of these models reads the date (a test holds them to that).

After each successful run the fingerprint is appended to ``raw.scorecard_runs``; the next build
computes it again before starting dbt and skips the run when it equals the last one recorded.
A hash of doubles summed in parallel may differ in its last bit between two builds of the same
data: the cost is a run that was not needed, never a stale rapor.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

# the folder of the scorecard's models, as the manifest writes original_file_path
SCORECARD_PATH = "dbt_project/models/scorecard/"
# sources the scorecard reads only through a staging view that selects named columns: hashed over
# that view's documented columns, so what other steps keep in the table (the alerts' notification
# bookkeeping, written after the scorecard's run) does not make the next build run it again
THROUGH_STAGING = {"source.citra.marts.issue_alerts": "model.citra.stg_alerts__issue_alerts"}


@dataclass(frozen=True)
class ScorecardInputs:
    """The relations the scorecard's models read (schema, name), the columns hashed of each
    (empty: every column), and a digest of their code."""

    relations: tuple[tuple[str, str], ...]
    code: str
    columns: tuple[tuple[tuple[str, str], tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Fingerprint:
    """The digest of everything the run reads, and each part's own digest (to say what changed)."""

    digest: str
    parts: dict[str, str]

    def changed_since(self, previous: dict[str, str]) -> list[str]:
        """The parts whose digest differs from (or is missing in) ``previous``."""
        keys = sorted(set(self.parts) | set(previous))
        return [key for key in keys if self.parts.get(key) != previous.get(key)]


def macro_closure(manifest: dict, names: set[str] | list[str]) -> list[str]:
    """Every macro reached from ``names`` through the macros they call."""
    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in seen or name not in manifest["macros"]:
            continue
        seen.add(name)
        todo += manifest["macros"][name]["depends_on"]["macros"]
    return sorted(seen)


def scorecard_inputs(manifest: dict, project_files: list[Path]) -> ScorecardInputs:
    """The scorecard's inputs from a parsed dbt manifest (manifest.json as a dict)."""
    nodes = manifest["nodes"]
    own = {uid for uid, node in nodes.items() if node["original_file_path"].startswith(SCORECARD_PATH)}
    models = {uid for uid in own if nodes[uid]["resource_type"] == "model"}
    # the data tests on the scorecard's models are in its run too, wherever they are declared
    own |= {
        uid
        for uid, node in nodes.items()
        if node["resource_type"] == "test" and models & set(node["depends_on"]["nodes"])
    }
    upstream: set[tuple[str, str]] = set()
    narrowed: dict[tuple[str, str], tuple[str, ...]] = {}
    macros: set[str] = set()
    for uid in sorted(own):
        node = nodes[uid]
        macros |= set(node["depends_on"]["macros"])
        for dep in node["depends_on"]["nodes"]:
            if dep in models:
                continue
            if dep in nodes:
                upstream.add((nodes[dep]["schema"], nodes[dep]["alias"]))
            elif dep in manifest["sources"]:
                source = manifest["sources"][dep]
                upstream.add((source["schema"], source["identifier"]))
                if THROUGH_STAGING.get(dep) == uid:
                    narrowed[(source["schema"], source["identifier"])] = tuple(nodes[uid]["columns"])
    code = code_digest(manifest, sorted(own), macro_closure(manifest, macros), project_files)
    return ScorecardInputs(tuple(sorted(upstream)), code, tuple(sorted(narrowed.items())))


def code_digest(
    manifest: dict, nodes: Sequence[str], macros: Sequence[str], project_files: list[Path], sources: Sequence[str] = ()
) -> str:
    """SHA-256 of the code of dbt ``nodes`` (SQL, config, test and checksum: a seed's file), the
    column definitions of ``sources``, the ``macros``' SQL, the ``project_files`` and the dbt
    version, in the order given."""
    code = hashlib.sha256()
    for uid in nodes:
        node = manifest["nodes"][uid]
        part = {key: node.get(key) for key in ("unique_id", "raw_code", "config", "test_metadata", "checksum")}
        code.update(json.dumps(part, sort_keys=True, default=str).encode())
    for uid in sources:
        code.update(json.dumps(manifest["sources"][uid].get("columns", {}), sort_keys=True, default=str).encode())
    for name in macros:
        code.update(name.encode())
        code.update(manifest["macros"][name]["macro_sql"].encode())
    for path in project_files:
        code.update(path.name.encode())
        code.update(path.read_bytes() if path.exists() else b"<missing>")
    code.update(str(manifest["metadata"].get("dbt_version")).encode())
    return code.hexdigest()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def relation_digest(con: duckdb.DuckDBPyConnection, schema: str, name: str, columns: tuple[str, ...] = ()) -> str:
    """Row count and the sum of every row's hash (over ``columns``, or all of them): any changed,
    added or removed row changes it, in any order. "missing" when the relation does not exist."""
    exists = con.execute(
        """select count(*) from (select schema_name, table_name as name from duckdb_tables()
                                 union all select schema_name, view_name from duckdb_views())
           where schema_name = ? and name = ?""",
        [schema, name],
    ).fetchall()[0][0]
    if not exists:
        return "missing"
    # identifiers come from the dbt manifest and are quoted; they cannot be query parameters
    row = ", ".join(f"t.{_quoted(column)}" for column in columns) if columns else "t"
    rows, total = con.execute(
        f"select count(*), coalesce(sum(hash({row})::hugeint), 0) from {_quoted(schema)}.{_quoted(name)} as t"
    ).fetchall()[0]
    return f"{rows}:{total}"


def fingerprint(con: duckdb.DuckDBPyConnection, inputs: ScorecardInputs, config_file: Path) -> Fingerprint:
    """The fingerprint of the scorecard's inputs as the warehouse holds them now."""
    narrowed = dict(inputs.columns)
    parts = {
        f"{schema}.{name}": relation_digest(con, schema, name, narrowed.get((schema, name), ()))
        for schema, name in inputs.relations
    }
    parts["code"] = inputs.code
    parts["scorecard.yml"] = hashlib.sha256(config_file.read_bytes()).hexdigest() if config_file.exists() else "missing"
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return Fingerprint(digest, parts)


def last_run(con: duckdb.DuckDBPyConnection) -> tuple[str, str, datetime, dict[str, str]] | None:
    """The newest recorded run: (run_id, fingerprint, recorded_at, parts), or None."""
    recorded = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'scorecard_runs'"
    ).fetchall()[0][0]
    if not recorded:  # a warehouse from before the table: no run recorded
        return None
    rows = con.execute(
        "select run_id, fingerprint, recorded_at, inputs from raw.scorecard_runs order by recorded_at desc limit 1"
    ).fetchall()
    if not rows:
        return None
    run_id, digest, recorded_at, inputs = rows[0]
    return run_id, digest, recorded_at, json.loads(inputs)


def record_run(con: duckdb.DuckDBPyConnection, run_id: str, fp: Fingerprint, now: datetime) -> None:
    """Append a successful run's fingerprint to raw.scorecard_runs."""
    con.execute(
        "insert into raw.scorecard_runs values (?, ?, ?, ?)",
        [run_id, now, fp.digest, json.dumps(fp.parts, sort_keys=True)],
    )


def models_present(con: duckdb.DuckDBPyConnection, relations: list[tuple[str, str]]) -> bool:
    """True when every one of the scorecard's own tables and views exists (a run that was skipped
    must leave them as the last run wrote them; a table dropped by hand makes the next build run)."""
    present = set(
        con.execute(
            """select schema_name, table_name from duckdb_tables()
               union all select schema_name, view_name from duckdb_views()"""
        ).fetchall()
    )
    return all(relation in present for relation in relations)


def own_relations(manifest: dict) -> list[tuple[str, str]]:
    """The scorecard's own models as (schema, name)."""
    return sorted(
        (node["schema"], node["alias"])
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["original_file_path"].startswith(SCORECARD_PATH)
    )
