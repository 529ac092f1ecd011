"""The dbt project as Dagster assets: `dbt build` runs models, seeds and their tests.

dbt tests appear as asset checks on the models they test; an error-severity test that fails
stops the models downstream of it, and the run (and `citra build`) fails.

Mention models are incremental by WITA month (see docs/architecture.md): each run rebuilds only
the months it has to, passed to dbt as environment variables `CITRA_MONTH_START`/`CITRA_MONTH_END`
(the macro `month_window` also reads vars `month_start`/`month_end`, for hand-run `dbt build`).

A build runs dbt's selector `production_build` (selectors.yml): seeds, models and the data tests
that guard incoming data; unit tests and the tests that guard the SQL run in `make test` and CI.
"""

import json
import time
from collections.abc import Mapping
from functools import cache
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets, get_asset_key_for_model

from lake.marts import copy_spark_marts
from lake.raw import export_snapshots
from orchestration.constants import WRITER_POOL
from orchestration.defs.dbt.invocation import keep_partial_parse, month_window_env, prune_run_targets, run_target
from orchestration.defs.dbt.months import changed_months, parse_months
from orchestration.defs.dbt.project import citra_dbt_project, prepared_manifest
from orchestration.progress import StepProgress, report
from orchestration.resources import CitraHome

# the mention models whose last build bounds what ingestion added since
INCREMENTAL_MODELS = ["fct_mentions", "mart_issue_sentiment_monthly"]

# dbt's YAML selector (selectors.yml) that every build runs
BUILD_SELECTOR = "production_build"


class DbtBuildConfig(dg.Config):
    """Which months to rebuild. Empty: the months of the exports ingested since the last build
    (everything on the first build). In the launchpad: `months: ["2025-10"]` rebuilds October
    2025 only; `full_refresh: true` drops and rebuilds every model from all data."""

    months: list[str] = []
    full_refresh: bool = False


def last_built(instance: dg.DagsterInstance) -> float | None:
    """When the mention models were last all materialized (None if either never was)."""
    events = [instance.get_latest_materialization_event(model_key(name)) for name in INCREMENTAL_MODELS]
    return None if any(e is None for e in events) else min(e.timestamp for e in events)


def dbt_build_args(config: DbtBuildConfig) -> list[str]:
    """`dbt build`, with --full-refresh when asked (the month window goes by environment)."""
    return ["build", "--full-refresh"] if config.full_refresh else ["build"]


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

    @dbt_assets(
        manifest=manifest,
        project=citra_dbt_project,
        selector=BUILD_SELECTOR,
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
            with duckdb.connect(str(citra.warehouse), read_only=True) as con:
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
        total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        done, started = 0, time.perf_counter()
        target = run_target(context, citra.root)
        if citra.on_spark:
            # the sentiment labels, corrections and suggestions written since ingestion
            rows = export_snapshots(citra.warehouse, citra.lake, citra.office_code)
            context.log.info(f"lake {citra.lake}: derived raw tables copied ({rows} rows, office {citra.office_code})")
        with month_window_env(None if config.full_refresh else window):
            invocation = dbt.cli(dbt_build_args(config), context=context, target_path=target)
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
        if citra.on_spark:
            # quality, serving and the report read the warehouse: Spark's marts are copied into it
            copied = copy_spark_marts(citra.lake, citra.warehouse, target / "manifest.json")
            context.log.info(f"{len(copied)} tables built on Spark copied into {citra.warehouse}")

    return citra_dbt_models


def built_models() -> set[str]:
    """Names of the models and seeds this engine builds: a DuckDB-only model (disabled on the
    spark target, docs/scale.md) is not among them when CITRA_ENGINE=spark."""
    nodes = json.loads(prepared_manifest().read_text(encoding="utf-8"))["nodes"].values()
    return {node["name"] for node in nodes if node["resource_type"] in ("model", "seed")}


def model_key(name: str) -> dg.AssetKey:
    """The asset key of dbt model ``name``, from the manifest (never typed by hand)."""
    return get_asset_key_for_model([citra_dbt_models()], name)
