"""Which of the main dbt run's models and seeds need not run again: nothing they read changed.

A small build (one month's export, a press release, a correction) used to rebuild every one of the
~70 seeds and models and run their ~160 data tests, whatever it brought: each node costs dbt
0.05-0.4 s of its own bookkeeping on two cores, however small its data. A node's result depends
only on
- the rows of the dbt sources upstream of it (ingestion's and Python's `raw.*` tables), each
  hashed row by row over every column with its row count (`scorecard.fingerprint.relation_digest`);
- the project's code: every node's SQL, config and checksum (a seed's CSV file), every macro, the
  project files, and the dbt version; any change makes the next build run every node;
- the clock, for the nodes that call the macro `citra_today` (a hoax's status at today's date):
  they always run, with everything downstream of them.
So a node runs when a source upstream of it changed since the last successful run, when it or a
node upstream of it reads the clock, or when its table or view is missing from the warehouse;
every other model and seed is left as that run built it, and so are the data tests on them
(their data did not change). The month window (CITRA_MONTH_START/END) only bounds what an
incremental model rewrites: with its sources unchanged, there is nothing to rewrite.

After each successful run the digests are appended to ``raw.dbt_build_runs``. A hash of doubles
summed in parallel may differ in its last bit between two reads of the same rows: the cost is a
run that was not needed, never a stale mart. Plain logic over the manifest and the warehouse (no
Dagster import), like months.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from scorecard.fingerprint import code_digest, macro_closure, relation_digest

# nodes calling this macro (directly or through other macros) read the date: never left unbuilt
CLOCK_MACROS = frozenset({"macro.citra.citra_today"})
RUNS_TABLE = "dbt_build_runs"


@dataclass(frozen=True)
class RunInputs:
    """What the run reads: the dbt sources, a digest of the whole project's code, and the
    selected nodes that read the clock."""

    sources: dict[str, tuple[str, str]]  # source unique_id -> (schema, identifier)
    code: str
    clock: frozenset[str]


@dataclass(frozen=True)
class Plan:
    """The nodes left out (unique_ids of models and seeds, and of the data tests that read only
    those or unchanged sources) and why the rest run."""

    skip: frozenset[str]
    reason: str
    digests: dict[str, str]  # to record after a successful run


def run_inputs(manifest: dict, selected: set[str], project_files: list[Path]) -> RunInputs:
    """The inputs of the ``selected`` nodes (unique_ids) from a parsed manifest (a dict)."""
    nodes = manifest["nodes"]
    # every source, not only those of the selected models: data tests read sources directly
    sources = {uid: (source["schema"], source["identifier"]) for uid, source in manifest["sources"].items()}
    code = code_digest(manifest, sorted(nodes), sorted(manifest["macros"]), project_files, sorted(manifest["sources"]))
    clock = frozenset(
        uid for uid in selected if CLOCK_MACROS & set(macro_closure(manifest, nodes[uid]["depends_on"]["macros"]))
    )
    return RunInputs(dict(sorted(sources.items())), code, clock)


def digests(con: duckdb.DuckDBPyConnection, inputs: RunInputs) -> dict[str, str]:
    """Each upstream source's digest as the warehouse holds it now, and the code's."""
    parts = {uid: relation_digest(con, schema, name) for uid, (schema, name) in inputs.sources.items()}
    parts["code"] = inputs.code
    return parts


def downstream(manifest: dict, roots: set[str]) -> set[str]:
    """``roots`` and every node that depends on one of them, through any number of nodes."""
    children = manifest["child_map"]
    seen = set(roots)
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen


def in_build_order(manifest: dict, nodes: set[str] | frozenset[str]) -> list[str]:
    """``nodes`` ordered so that each comes after those of them it depends on (Dagster takes a
    multi-asset's outputs in that order)."""
    done: list[str] = []
    placed: set[str] = set()

    def place(uid: str) -> None:
        if uid in placed:
            return
        placed.add(uid)
        for parent in sorted(manifest["parent_map"].get(uid, [])):
            if parent in nodes:
                place(parent)
        done.append(uid)

    for uid in sorted(nodes):
        place(uid)
    return done


def present_relations(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(
        con.execute(
            """select schema_name, table_name from duckdb_tables()
               union all select schema_name, view_name from duckdb_views()"""
        ).fetchall()
    )


def plan(
    manifest: dict,
    selected: set[str],
    current: dict[str, str],
    previous: tuple[str, dict[str, str]] | None,
    present: set[tuple[str, str]],
    clock: frozenset[str],
) -> Plan:
    """What to leave unbuilt among the ``selected`` models and seeds, given the digests now
    (``current``), those of the last successful run (``previous``: its run id and digests, or
    None), the relations the warehouse holds and the nodes that read the clock."""
    buildable = {uid for uid in selected if manifest["nodes"][uid]["resource_type"] in ("model", "seed")}
    if previous is None:
        return Plan(frozenset(), f"no earlier run recorded in raw.{RUNS_TABLE}: every node runs", current)
    run_id, before = previous
    if before.get("code") != current["code"]:
        return Plan(frozenset(), f"the dbt project's code changed since run {run_id[:8]}: every node runs", current)
    changed = {uid for uid, digest in current.items() if uid != "code" and before.get(uid) != digest}
    missing = {
        uid for uid in buildable if (manifest["nodes"][uid]["schema"], manifest["nodes"][uid]["alias"]) not in present
    }
    runs = downstream(manifest, changed | missing | set(clock)) & buildable
    skipped = buildable - runs
    quiet = (set(manifest["sources"]) - changed) | skipped
    tests = {
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "test" and node["depends_on"]["nodes"] and set(node["depends_on"]["nodes"]) <= quiet
    }
    skip = frozenset(skipped | tests)
    said = [f"{len(changed)} changed source(s) since run {run_id[:8]}"]
    if changed:
        said[0] += " (" + ", ".join(sorted(uid.split(".", 2)[-1] for uid in changed)) + ")"
    if missing:
        said.append(f"{len(missing)} missing table(s) or view(s)")
    said.append(f"{len(clock)} reading the date")
    reason = f"{len(runs)} of {len(buildable)} models and seeds run, {len(skipped)} unchanged: " + "; ".join(said)
    return Plan(skip, reason, current)


def excluded_names(manifest: dict, skip: frozenset[str]) -> list[str]:
    """The names to pass to dbt's `--exclude` for the nodes ``skip``: a name that another node
    outside ``skip`` also bears is left out (that node must run; these then run too)."""
    bearers: dict[str, set[str]] = {}
    for uid, node in manifest["nodes"].items():
        bearers.setdefault(node["name"], set()).add(uid)
    return sorted({manifest["nodes"][uid]["name"] for uid in skip if bearers[manifest["nodes"][uid]["name"]] <= skip})


def last_run(con: duckdb.DuckDBPyConnection) -> tuple[str, dict[str, str]] | None:
    """The newest recorded successful run: (run_id, digests), or None."""
    recorded = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = ?", [RUNS_TABLE]
    ).fetchall()[0][0]
    if not recorded:  # a warehouse from before the table
        return None
    rows = con.execute(f"select run_id, inputs from raw.{RUNS_TABLE} order by recorded_at desc limit 1").fetchall()
    return (rows[0][0], json.loads(rows[0][1])) if rows else None


def record_run(con: duckdb.DuckDBPyConnection, run_id: str, parts: dict[str, str], now: datetime) -> None:
    """Append a successful run's digests to raw.dbt_build_runs."""
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    con.execute(
        f"insert into raw.{RUNS_TABLE} values (?, ?, ?, ?)", [run_id, now, digest, json.dumps(parts, sort_keys=True)]
    )
