"""Which models and seeds a build leaves as they are (orchestration/defs/dbt/unchanged.py), on a
small hand-made manifest: two sources, a seed, staging, marts, a model that reads the date, and
the data tests between them. The end-to-end check (a build leaving models, then a run of every
model changing nothing) is in tests/test_incremental_months.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.defs.dbt import unchanged
from orchestration.defs.dbt.assets import selector_args

SOURCES = {"source.citra.raw.media": ("raw", "media"), "source.citra.raw.posts": ("raw", "posts")}
# node -> (resource type, schema, parents, macros)
NODES = {
    "seed.citra.regions": ("seed", "reference", [], []),
    "model.citra.stg_media": ("model", "staging", ["source.citra.raw.media"], []),
    "model.citra.stg_posts": ("model", "staging", ["source.citra.raw.posts"], []),
    "model.citra.fct": ("model", "marts", ["model.citra.stg_media", "seed.citra.regions"], []),
    "model.citra.mart_posts": ("model", "marts", ["model.citra.stg_posts", "seed.citra.regions"], []),
    "model.citra.hoax_status": ("model", "intermediate", ["model.citra.stg_posts"], ["macro.citra.status_day"]),
    "model.citra.mart_hoax": ("model", "marts", ["model.citra.hoax_status"], []),
    "test.citra.not_null_fct_id.1": ("test", "marts", ["model.citra.fct"], []),
    "test.citra.relationships_mart_posts_region.2": (
        "test",
        "marts",
        ["model.citra.mart_posts", "seed.citra.regions"],
        [],
    ),
    "test.citra.relationships_fct_region.3": ("test", "marts", ["model.citra.fct", "seed.citra.regions"], []),
    "test.citra.source_not_null_posts_id.4": ("test", "raw", ["source.citra.raw.posts"], []),
    "test.citra.source_not_null_media_id.5": ("test", "raw", ["source.citra.raw.media"], []),
}
BUILDABLE = {uid for uid, (kind, *_rest) in NODES.items() if kind in ("model", "seed")}


def manifest(macro_sql: str = "{{ citra_today() }}") -> dict:
    nodes = {
        uid: {
            "unique_id": uid,
            "name": uid.split(".")[2],
            "resource_type": kind,
            "schema": schema,
            "alias": uid.split(".")[2],
            "raw_code": f"select * from {parents}",
            "config": {},
            "checksum": {"name": "sha256", "checksum": uid},
            "depends_on": {"nodes": parents, "macros": macros},
        }
        for uid, (kind, schema, parents, macros) in NODES.items()
    }
    children: dict[str, list[str]] = {uid: [] for uid in [*nodes, *SOURCES]}
    for uid, node in nodes.items():
        for parent in node["depends_on"]["nodes"]:
            children[parent].append(uid)
    return {
        "nodes": nodes,
        "sources": {uid: {"schema": s, "identifier": i, "columns": {}} for uid, (s, i) in SOURCES.items()},
        "macros": {
            "macro.citra.status_day": {"macro_sql": macro_sql, "depends_on": {"macros": ["macro.citra.citra_today"]}},
            "macro.citra.citra_today": {"macro_sql": "current_date", "depends_on": {"macros": []}},
        },
        "child_map": children,
        "parent_map": {uid: node["depends_on"]["nodes"] for uid, node in nodes.items()},
        "metadata": {"dbt_version": "1.11.0"},
    }


PRESENT = {(schema, uid.split(".")[2]) for uid, (kind, schema, *_rest) in NODES.items() if kind != "test"}
BEFORE = {"source.citra.raw.media": "10:1", "source.citra.raw.posts": "5:7", "code": "c1"}


def names(uids: frozenset[str]) -> set[str]:
    return {uid.split(".")[2] for uid in uids}


def test_a_new_export_runs_what_reads_it_and_leaves_the_rest_with_their_tests() -> None:
    # bugs caught: a mart two steps below a changed source left as it was (only direct children
    # followed); a relationships test between a rebuilt model and an unchanged seed left out; a
    # test of an unchanged source run for nothing; the date-reading model left as it was
    m = manifest()
    now = {**BEFORE, "source.citra.raw.media": "20:9"}
    plan = unchanged.plan(m, BUILDABLE, now, ("run-1", BEFORE), PRESENT, frozenset({"model.citra.hoax_status"}))
    assert names(plan.skip) == {
        "regions",
        "stg_posts",
        "mart_posts",
        "relationships_mart_posts_region",
        "source_not_null_posts_id",
    }
    assert "1 changed source(s) since run run-1 (raw.media)" in plan.reason
    assert plan.reason.startswith("4 of 7 models and seeds run, 3 unchanged")
    assert plan.digests == now


def test_nothing_is_left_without_an_earlier_run_or_after_a_code_change() -> None:
    # bugs caught: the first build on a warehouse skipping models that were never built; a new
    # Citra version (new SQL, new macro, new seed file) keeping the marts of the old one
    m = manifest()
    first = unchanged.plan(m, BUILDABLE, BEFORE, None, PRESENT, frozenset())
    assert first.skip == frozenset() and "no earlier run" in first.reason
    code_changed = unchanged.plan(m, BUILDABLE, {**BEFORE, "code": "c2"}, ("run-1", BEFORE), PRESENT, frozenset())
    assert code_changed.skip == frozenset() and "code changed" in code_changed.reason
    files: list[Path] = []
    old = unchanged.run_inputs(m, BUILDABLE, files).code
    assert unchanged.run_inputs(manifest("{{ citra_today() }} - 1"), BUILDABLE, files).code != old


def test_a_dropped_table_is_built_again_with_what_depends_on_it() -> None:
    # bug caught: a mart dropped by hand (or a failed first build) never rebuilt while its
    # sources stay unchanged
    m = manifest()
    present = PRESENT - {("marts", "mart_posts")}
    plan = unchanged.plan(m, BUILDABLE, BEFORE, ("run-1", BEFORE), present, frozenset())
    assert "model.citra.mart_posts" not in plan.skip
    assert {"model.citra.stg_posts", "seed.citra.regions", "model.citra.fct"} <= plan.skip


def test_the_models_that_read_the_date_always_run_with_what_depends_on_them() -> None:
    # bug caught: a hoax's status frozen at the day of the last change (it is judged at today)
    m = manifest()
    inputs = unchanged.run_inputs(m, BUILDABLE, [])
    assert inputs.clock == frozenset({"model.citra.hoax_status"})  # through the macro status_day
    assert set(inputs.sources) == set(SOURCES)
    plan = unchanged.plan(m, BUILDABLE, BEFORE, ("run-1", BEFORE), PRESENT, inputs.clock)
    assert names(plan.skip) & {"hoax_status", "mart_hoax"} == set()
    assert {"fct", "mart_posts", "stg_media"} <= names(plan.skip)


def test_outputs_are_ordered_parents_first_and_a_shared_name_is_never_excluded() -> None:
    # bugs caught: Dagster refusing the run (a multi-asset's outputs out of dependency order);
    # `--exclude name` also leaving out another node of that name that must run
    m = manifest()
    order = unchanged.in_build_order(m, BUILDABLE)
    for uid in order:
        for parent in m["parent_map"][uid]:
            if parent in BUILDABLE:
                assert order.index(parent) < order.index(uid)
    m["nodes"]["test.citra.regions.9"] = {**m["nodes"]["test.citra.not_null_fct_id.1"], "name": "regions"}
    assert unchanged.excluded_names(m, frozenset({"seed.citra.regions", "model.citra.stg_posts"})) == ["stg_posts"]


def test_a_selector_dbt_cannot_take_on_its_command_line_is_refused(tmp_path: Path) -> None:
    # bug caught: a new kind of selection in selectors.yml silently dropped from every build's
    # exclusion (tests that guard the SQL would run in production, or worse, models be left out)
    path = tmp_path / "selectors.yml"
    path.write_text(
        "selectors:\n  - name: production_build\n    definition:\n      union:\n"
        "        - method: fqn\n          value: '*'\n        - exclude:\n"
        "            - method: tag\n              value: sql_guard\n              children: true\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=str(path)):
        selector_args("production_build", path)
    path.write_text(path.read_text(encoding="utf-8").replace("              children: true\n", ""), encoding="utf-8")
    assert selector_args("production_build", path) == ("fqn:*", "tag:sql_guard")
