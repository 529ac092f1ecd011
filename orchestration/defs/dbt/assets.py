"""The dbt project as Dagster assets: `dbt build` runs models, seeds and their tests.

dbt tests appear as asset checks on the models they test; an error-severity test that fails
stops the models downstream of it, and the run (and `citra build`) fails.

Mention models are incremental by WITA month (see docs/architecture.md): each run rebuilds only
the months it has to, passed to dbt as vars `month_start`/`month_end`.
"""

import json
from collections.abc import Mapping
from functools import cache
from typing import Any

import dagster as dg
import duckdb
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets, get_asset_key_for_model

from orchestration.constants import WRITER_POOL
from orchestration.defs.dbt.months import MonthWindow, changed_months, parse_months
from orchestration.defs.dbt.project import citra_dbt_project, prepared_manifest
from orchestration.resources import CitraHome

# the mention models whose last build bounds what ingestion added since
INCREMENTAL_MODELS = ["fct_mentions", "mart_issue_sentiment_monthly"]


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


def dbt_build_args(config: DbtBuildConfig, window: MonthWindow | None) -> list[str]:
    """`dbt build` with --full-refresh or the month window as vars (none: all months)."""
    if config.full_refresh:
        return ["build", "--full-refresh"]
    if window is None:
        return ["build"]
    return ["build", "--vars", json.dumps(window.dbt_vars())]


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
        for event in dbt.cli(dbt_build_args(config, window), context=context).stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization)):
                event = event.with_metadata({**event.metadata, "citra/months_built": dg.MetadataValue.text(scope)})
            yield event

    return citra_dbt_models


def model_key(name: str) -> dg.AssetKey:
    """The asset key of dbt model ``name``, from the manifest (never typed by hand)."""
    return get_asset_key_for_model([citra_dbt_models()], name)
