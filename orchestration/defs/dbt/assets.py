"""The dbt project as Dagster assets: `dbt build` runs models, seeds and their tests.

dbt tests appear as asset checks on the models they test; an error-severity test that fails
stops the models downstream of it, and the run (and `citra build`) fails.

Mention models are incremental by WITA month (see docs/architecture.md): each run rebuilds only
the months it has to, passed to dbt as environment variables `CITRA_MONTH_START`/`CITRA_MONTH_END`
(the macro `month_window` also reads vars `month_start`/`month_end`, for hand-run `dbt build`).

A build runs dbt's selector `production_build` (selectors.yml): seeds, models and the data tests
that guard incoming data; unit tests and the tests that guard the SQL run in `make test` and CI.
It is passed to dbt as `--select`/`--exclude` (`selector_args`), so that a build can add the
models and seeds whose inputs did not change since the last run (unchanged.py) to the exclusion:
dbt ignores `--exclude` beside `--selector`. Those models and seeds still yield their output,
marked "not rebuilt", so the steps downstream run as after any build.
"""

import json
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import dagster as dg
import yaml
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets, get_asset_key_for_model

from ingestion.load import connect
from ingestion.memory import open_read_only
from lake.marts import copy_spark_marts
from lake.raw import export_snapshots
from orchestration.constants import WRITER_POOL
from orchestration.defs.dbt import unchanged
from orchestration.defs.dbt.invocation import (
    BUILD,
    keep_partial_parse,
    month_window_env,
    prune_run_targets,
    run_target,
)
from orchestration.defs.dbt.months import changed_months, parse_months
from orchestration.defs.dbt.project import citra_dbt_project, prepared_manifest
from orchestration.progress import StepProgress, report
from orchestration.resources import CitraHome
from orchestration.settings import REPO_ROOT

# the mention models whose last build bounds what ingestion added since
INCREMENTAL_MODELS = ["fct_mentions", "mart_issue_sentiment_monthly"]

# dbt's YAML selector (selectors.yml) that every build runs
BUILD_SELECTOR = "production_build"


class DbtBuildConfig(dg.Config):
    """Which months to rebuild. Empty: the months of the exports ingested since the last build
    (everything on the first build). In the launchpad: `months: ["2025-10"]` rebuilds October
    2025 only; `full_refresh: true` drops and rebuilds every model from all data;
    `rebuild_unchanged: true` runs the models and seeds whose inputs did not change, too."""

    months: list[str] = []
    full_refresh: bool = False
    rebuild_unchanged: bool = False  # run every model and seed, even those whose inputs did not change


def last_built(instance: dg.DagsterInstance) -> float | None:
    """When the mention models were last all materialized (None if either never was)."""
    events = [instance.get_latest_materialization_event(model_key(name)) for name in INCREMENTAL_MODELS]
    return None if any(e is None for e in events) else min(e.timestamp for e in events)


def dbt_build_args(config: DbtBuildConfig) -> list[str]:
    """`dbt build`, with --full-refresh when asked (the month window goes by environment)."""
    return [*BUILD, "--full-refresh"] if config.full_refresh else list(BUILD)


def _selection(item: Mapping[str, Any], where: str) -> str:
    if "intersection" in item:
        return ",".join(_selection(part, where) for part in item["intersection"])
    if set(item) - {"method", "value"} or "method" not in item:
        raise ValueError(f"{where}: cannot pass {dict(item)} to dbt as --exclude (only method/value and intersection)")
    return f"{item['method']}:{item['value']}"


def selector_args(name: str = BUILD_SELECTOR, selectors: Path | None = None) -> tuple[str, str]:
    """(select, exclude) for dbt's command line that select what YAML selector ``name`` does.

    Only the shape selectors.yml uses is accepted: `union: [{method: fqn, value: "*"}, {exclude:
    [...]}]`, each exclusion a method/value or an intersection of them; anything else is an error
    naming the file (tests/test_build_selection.py compares both selections with `dbt ls`)."""
    path = selectors or REPO_ROOT / "selectors.yml"
    where = f"{path}, selector {name}"
    found = [s for s in yaml.safe_load(path.read_text(encoding="utf-8"))["selectors"] if s["name"] == name]
    if not found:
        raise ValueError(f"{path}: no selector named {name}")
    union = found[0]["definition"].get("union") or []
    selects = [_selection(item, where) for item in union if "exclude" not in item]
    excludes = [_selection(item, where) for part in union if "exclude" in part for item in part["exclude"]]
    if not selects or set(found[0]["definition"]) != {"union"}:
        raise ValueError(f"{where}: expected a union of selections and one exclude list")
    return " ".join(selects), " ".join(excludes)


class CitraDbtTranslator(DagsterDbtTranslator):
    """Group dbt assets by their layer (reference seeds, staging, intermediate, marts), so the
    UI's asset graph reads left to right like the project."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        return (dbt_resource_props.get("config") or {}).get("schema") or super().get_group_name(dbt_resource_props)


@cache
def citra_dbt_models() -> dg.AssetsDefinition:
    """The dbt project as one multi-asset (built once per process: it needs the parsed manifest)."""
    manifest = prepared_manifest()
    select, exclude = selector_args()

    @dbt_assets(
        manifest=manifest,
        project=citra_dbt_project,
        select=select,
        exclude=exclude,
        pool=WRITER_POOL,
        dagster_dbt_translator=CitraDbtTranslator(),
    )
    def citra_dbt_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, citra: CitraHome, config: DbtBuildConfig
    ):
        """Seeds, staging, intermediate and mart models of the warehouse, with their dbt tests."""
        if config.full_refresh or config.months:
            window = None if config.full_refresh else parse_months(config.months)
        elif not citra.warehouse.exists():
            window = None
        else:
            with open_read_only(citra.warehouse) as con:
                window = changed_months(con, last_built(context.instance))
        scope = "all months (full refresh)" if config.full_refresh else (window.label() if window else "all months")
        context.log.info(f"dbt build of mention models for {scope}")
        built = window if window is not None and not config.full_refresh else None
        window_metadata = {
            "citra/months_built": dg.MetadataValue.text(scope),
            # machine-readable, for the incremental serving publish ("" = every month)
            "citra/month_start": dg.MetadataValue.text(built.start.isoformat() if built else ""),
            "citra/month_end": dg.MetadataValue.text(built.end.isoformat() if built else ""),
        }
        whole = set(context.selected_asset_keys) == set(context.assets_def.keys)
        if config.full_refresh or config.months or not whole or citra.on_spark or not citra.warehouse.exists():
            # what was asked runs, and nothing is recorded: the next build compares with the last whole run
            skipping = None
        else:
            skipping = plan_run(context, citra.warehouse, config.rebuild_unchanged)
            context.log.info(f"dbt build: {skipping.reason}")
        skipped = skipping.skip if skipping else frozenset()
        total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        total -= sum(spec.metadata.get("dagster_dbt/unique_id") in skipped for spec in context.assets_def.check_specs)
        done, started = 0, time.perf_counter()
        target = run_target(context, citra.root)
        if citra.on_spark:
            # the sentiment labels, corrections and suggestions written since ingestion
            rows = export_snapshots(citra.warehouse, citra.lake, citra.office_code)
            context.log.info(f"lake {citra.lake}: derived raw tables copied ({rows} rows, office {citra.office_code})")
        args = dbt_build_args(config) + excluded_args(skipped)
        with month_window_env(None if config.full_refresh else window):
            invocation = dbt.cli(args, context=context, target_path=target)
        for output in unchanged_outputs(context, skipped, skipping.reason if skipping else "", window_metadata):
            done += 1
            yield output
        for event in invocation.stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                event = event.with_metadata({**event.metadata, **window_metadata})
            if isinstance(event, (dg.Output, dg.AssetMaterialization, dg.AssetCheckResult)):
                done += 1
                report(
                    StepProgress("citra_dbt_models", "dbt nodes", done, total, seconds=time.perf_counter() - started)
                )
            yield event
        keep_partial_parse(target, citra.root)
        prune_run_targets(target)
        if skipping is not None:
            # dbt succeeded (a failed run raised above): what it read is what the next build compares
            con = connect(citra.warehouse)
            try:
                unchanged.record_run(con, context.run.run_id, skipping.digests, datetime.now(UTC))
            finally:
                con.close()
        if citra.on_spark:
            # quality, serving and the report read the warehouse: Spark's marts are copied into it
            copied = copy_spark_marts(citra.lake, citra.warehouse, target / "manifest.json")
            context.log.info(f"{len(copied)} tables built on Spark copied into {citra.warehouse}")

    return citra_dbt_models


@cache
def manifest_dict() -> dict:
    """The prepared manifest as a dict, read once per process (several MB of JSON)."""
    return json.loads(prepared_manifest().read_text(encoding="utf-8"))


def plan_run(context: dg.AssetExecutionContext, warehouse: Path, rebuild: bool) -> unchanged.Plan:
    """Which models and seeds this run leaves as they are (unchanged.py), and the digests to record."""
    manifest = manifest_dict()
    selected = {spec.metadata["dagster_dbt/unique_id"] for spec in context.assets_def.specs}
    files = [REPO_ROOT / name for name in ("dbt_project.yml", "profiles.yml", "selectors.yml")]
    inputs = unchanged.run_inputs(manifest, selected, files)
    with open_read_only(warehouse) as con:
        current = unchanged.digests(con, inputs)
        previous = unchanged.last_run(con)
        present = unchanged.present_relations(con)
    if rebuild:
        return unchanged.Plan(frozenset(), "asked for (rebuild_unchanged: true): every node runs", current)
    return unchanged.plan(manifest, selected, current, previous, present, inputs.clock)


def excluded_args(skipped: frozenset[str]) -> list[str]:
    """`--exclude` naming the unchanged models and seeds and the data tests that read only them or
    unchanged sources (their data is as the last run tested it); [] when nothing is skipped."""
    if not skipped:
        return []
    names = unchanged.excluded_names(manifest_dict(), skipped)
    return ["--exclude", " ".join(names)] if names else []


def unchanged_outputs(
    context: dg.AssetExecutionContext, skipped: frozenset[str], reason: str, window: Mapping[str, dg.MetadataValue]
):
    """An output for each model and seed not rebuilt (its table is as the last run left it), so
    the checks, alerts and the serving snapshot downstream run as after any build."""
    keys = {spec.metadata["dagster_dbt/unique_id"]: spec.key for spec in context.assets_def.specs}
    for uid in unchanged.in_build_order(manifest_dict(), skipped & set(keys)):
        if keys[uid] in context.selected_asset_keys:
            yield dg.Output(
                None,
                output_name=context.assets_def.get_output_name_for_asset_key(keys[uid]),
                metadata={**window, "citra/dbt_run": dg.MetadataValue.text(f"not rebuilt: {reason}")},
            )


def built_models() -> set[str]:
    """Names of the models and seeds this engine builds: a DuckDB-only model (disabled on the
    spark target, docs/scale.md) is not among them when CITRA_ENGINE=spark."""
    nodes = manifest_dict()["nodes"].values()
    return {node["name"] for node in nodes if node["resource_type"] in ("model", "seed")}


def model_key(name: str) -> dg.AssetKey:
    """The asset key of dbt model ``name``, from the manifest (never typed by hand)."""
    return get_asset_key_for_model([citra_dbt_models()], name)
