"""The scorecard's dbt models as assets: their own `dbt build` (selector `scorecard_build`), after
the alerts, whose marts they read (the dbt source `marts.issue_alerts` is the alerts' asset key,
so the graph orders them), with the top and bottom five of the latest month in the mart's metadata.

The run is skipped when nothing it reads changed since the last one (scorecard/fingerprint.py):
the step then says so in its log and in the mart's metadata (`citra/dbt_run`), and yields the
mart alone (unchanged, so the serving snapshot and the check on silent accounts still follow)."""

import time
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets, get_asset_key_for_model

from ingestion.clock import last_complete_month
from ingestion.load import connect
from ingestion.memory import open_read_only
from orchestration.constants import WRITER_POOL
from orchestration.defs.dbt.assets import CitraDbtTranslator, built_models, manifest_dict
from orchestration.defs.dbt.invocation import BUILD, keep_partial_parse, prune_run_targets, run_target
from orchestration.defs.dbt.project import citra_dbt_project, prepared_manifest
from orchestration.progress import StepProgress, report
from orchestration.resources import CitraHome
from orchestration.settings import REPO_ROOT
from scorecard.config import config_path
from scorecard.fingerprint import (
    Fingerprint,
    ScorecardInputs,
    fingerprint,
    last_run,
    models_present,
    own_relations,
    record_run,
    scorecard_inputs,
)
from scorecard.league import league_markdown

SCORECARD_SELECTOR = "scorecard_build"
SCORECARD_MART = "mart_humas_scorecard"


class ScorecardRunConfig(dg.Config):
    """In the launchpad: `rerun: true` runs the scorecard's dbt even when nothing it reads changed."""

    rerun: bool = False


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
    def citra_scorecard_models(
        context: dg.AssetExecutionContext, dbt: DbtCliResource, citra: CitraHome, config: ScorecardRunConfig
    ):
        """The rapor kehumasan's models: every agency and kabupaten/kota per month, its
        components, scores, composite and rank (marts.mart_humas_scorecard, docs/scorecard.md).
        Not run again when nothing they read changed since the last run (the mart's metadata
        `citra/dbt_run` says which, and why)."""
        whole = set(context.selected_asset_keys) == set(context.assets_def.keys)
        current, reason = run_decision(citra.warehouse, whole, config.rerun)
        if reason.startswith(SKIPPED):
            context.log.info(f"scorecard dbt run {reason}")
            yield from skipped_outputs(context, citra.warehouse, reason)
            return
        context.log.info(f"scorecard dbt run: {reason}")
        total = len(context.selected_asset_keys) + len(context.selected_asset_check_keys)
        target = run_target(context, citra.root)
        started, done, events = time.perf_counter(), 0, []
        # dbt holds the warehouse until it exits: the mart's metadata is read afterwards, so the
        # events are yielded once dbt is done
        for event in dbt.cli(list(BUILD), context=context, target_path=target).stream():
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
        if current is not None:
            # dbt succeeded (a failed run raised above): what it read is what the next build compares
            con = connect(citra.warehouse)
            try:
                record_run(con, context.run.run_id, current, datetime.now(UTC))
            finally:
                con.close()
        mart = scorecard_key()
        mart_output = context.assets_def.get_output_name_for_asset_key(mart)
        extra = {**mart_metadata(citra.warehouse), "citra/dbt_run": dg.MetadataValue.text(f"ran: {reason}")}
        for event in events:
            if isinstance(event, dg.Output) and event.output_name == mart_output:
                event = event.with_metadata({**event.metadata, **extra})
            elif isinstance(event, dg.AssetMaterialization) and event.asset_key == mart:
                event = event.with_metadata({**event.metadata, **extra})
            yield event

    return citra_scorecard_models


SKIPPED = "skipped"


@cache
def manifest_inputs() -> tuple[ScorecardInputs, tuple[tuple[str, str], ...]]:
    """What the scorecard's models read, and their own relations, from the manifest (once per process)."""
    manifest = manifest_dict()
    files = [REPO_ROOT / "dbt_project.yml", REPO_ROOT / "selectors.yml"]
    return scorecard_inputs(manifest, files), tuple(own_relations(manifest))


def run_decision(warehouse: Path, whole: bool, rerun: bool = False) -> tuple[Fingerprint | None, str]:
    """The fingerprint to record after the run (None: record none) and why the run goes ahead,
    or a reason starting with SKIPPED when it need not run: every model selected, each of its
    tables present, and what they read unchanged since the last recorded run."""
    if not whole:
        return None, "a part of the scorecard's models selected: run, nothing recorded"
    if not warehouse.exists():
        return None, "no warehouse yet"
    inputs, own = manifest_inputs()
    with open_read_only(warehouse) as con:
        current = fingerprint(con, inputs, config_path())
        previous = last_run(con)
        present = models_present(con, list(own))
    if rerun:
        return current, "asked for (rerun: true)"
    if previous is None:
        return current, "no earlier run recorded in raw.scorecard_runs"
    run_id, digest, recorded_at, parts = previous
    if not present:
        return current, "a table or view of the scorecard's models is missing"
    if digest != current.digest:
        return current, "changed since run " + run_id[:8] + ": " + ", ".join(current.changed_since(parts))
    return current, (
        f"{SKIPPED}: nothing it reads changed since run {run_id[:8]} ({recorded_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC): "
        f"{len(inputs.relations)} input tables, the models' code and scorecard.yml; its tables are as that run left them"
    )


def skipped_outputs(context: dg.AssetExecutionContext, warehouse: Path, reason: str):
    """The mart's output when the run is skipped: the mart as it is, with why in its metadata.
    The staging and intermediate models yield nothing (they were not rebuilt); the serving
    snapshot and the silent-accounts check wait for the mart alone."""
    mart = scorecard_key()
    if mart not in context.selected_asset_keys:
        return
    yield dg.Output(
        None,
        output_name=context.assets_def.get_output_name_for_asset_key(mart),
        metadata={**mart_metadata(warehouse), "citra/dbt_run": dg.MetadataValue.text(reason)},
    )


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
    with open_read_only(warehouse) as con:
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
