"""The scorecard's dbt models as assets: their own `dbt build` (selector `scorecard_build`), after
the alerts, whose marts they read (the dbt source `marts.issue_alerts` is the alerts' asset key,
so the graph orders them), with the top and bottom five of the latest month in the mart's metadata."""

import time
from functools import cache
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource, dbt_assets, get_asset_key_for_model

from ingestion.clock import last_complete_month
from orchestration.constants import WRITER_POOL
from orchestration.defs.dbt.assets import CitraDbtTranslator, built_models
from orchestration.defs.dbt.invocation import keep_partial_parse, prune_run_targets, run_target
from orchestration.defs.dbt.project import citra_dbt_project, prepared_manifest
from orchestration.progress import StepProgress, report
from orchestration.resources import CitraHome
from scorecard.league import league_markdown

SCORECARD_SELECTOR = "scorecard_build"
SCORECARD_MART = "mart_humas_scorecard"


@cache
def scorecard_models() -> dg.AssetsDefinition:
    """The scorecard's staging, intermediate and mart models (built once per process)."""

    @dbt_assets(
        manifest=prepared_manifest(),
        project=citra_dbt_project,
        selector=SCORECARD_SELECTOR,
        name="citra_scorecard_models",
        pool=WRITER_POOL,
        dagster_dbt_translator=CitraDbtTranslator(),
    )
    def citra_scorecard_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, citra: CitraHome):
        """The rapor kehumasan's models: every agency and kabupaten/kota per month, its
        components, scores, composite and rank (marts.mart_humas_scorecard, docs/scorecard.md)."""
        total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        target = run_target(context, citra.root)
        started, done, events = time.perf_counter(), 0, []
        # dbt holds the warehouse until it exits: the mart's metadata is read afterwards, so the
        # events are yielded once dbt is done
        for event in dbt.cli(["build"], context=context, target_path=target).stream():
            if isinstance(event, (dg.Output, dg.AssetMaterialization, dg.AssetCheckResult)):
                done += 1
                report(
                    StepProgress(
                        "citra_scorecard_models", "dbt nodes", done, total, seconds=time.perf_counter() - started
                    )
                )
            events.append(event)
        keep_partial_parse(target, citra.root)
        prune_run_targets(target)
        mart = scorecard_key()
        mart_output = context.assets_def.get_output_name_for_asset_key(mart)
        extra = mart_metadata(citra.warehouse)
        for event in events:
            if isinstance(event, dg.Output) and event.output_name == mart_output:
                event = event.with_metadata({**event.metadata, **extra})
            elif isinstance(event, dg.AssetMaterialization) and event.asset_key == mart:
                event = event.with_metadata({**event.metadata, **extra})
            yield event

    return citra_scorecard_models


def scorecard_key() -> dg.AssetKey:
    """The asset key of marts.mart_humas_scorecard, from the manifest."""
    return get_asset_key_for_model([scorecard_models()], SCORECARD_MART)


def scorecard_built() -> bool:
    """False on Spark (CITRA_ENGINE=spark): the scorecard's models are DuckDB-only, like the ASN
    marts they read, and are not in that engine's manifest (docs/scale.md)."""
    return SCORECARD_MART in built_models()


def scorecard_keys() -> list[dg.AssetKey]:
    """Every asset of the scorecard's dbt run (the serving snapshot waits for its marts)."""
    return sorted(scorecard_models().keys, key=lambda k: k.path) if scorecard_built() else []


def mart_metadata(warehouse: Path) -> dict[str, dg.MetadataValue]:
    """The latest complete month's top and bottom five agencies and regions, for the UI."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows, month = con.execute(
            "select count(*), max(month) filter (where month <= ?) from marts.mart_humas_scorecard",
            [last_complete_month()],
        ).fetchall()[0]
        if month is None:
            return {"dagster/row_count": dg.MetadataValue.int(rows)}
        return {
            "dagster/row_count": dg.MetadataValue.int(rows),
            "month": dg.MetadataValue.text(f"{month:%Y-%m}"),
            "agencies": dg.MetadataValue.md(league_markdown(con, month, "agency")),
            "regions": dg.MetadataValue.md(league_markdown(con, month, "region")),
        }
