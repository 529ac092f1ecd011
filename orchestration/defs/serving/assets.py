"""`serving/citra_duckdb`: the snapshot of the marts that BI tools read (DuckDB file and Parquet).

BI tools never open the warehouse: a reader there would block the next ingestion (DuckDB has
one writer or many readers per file). This asset runs last, only when the marts and their
blocking checks succeeded, so readers see the previous marts or the new ones, never a mix.
"""

from datetime import date
from pathlib import Path

import dagster as dg

from alerts.columns import ISSUE_ALERTS_COLUMNS, ISSUE_ALERTS_DOC, RESPONSE_MONTHLY_COLUMNS, RESPONSE_MONTHLY_DOC
from ingestion.memory import open_read_only
from orchestration.constants import SERVING_GROUP, WRITER_POOL
from orchestration.defs.alerts.assets import ISSUE_ALERTS, NOTIFICATIONS, RESPONSE_MONTHLY
from orchestration.defs.alerts.reminders import REMINDERS
from orchestration.defs.dbt.assets import citra_dbt_models, model_key
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.defs.scorecard.models import scorecard_keys
from orchestration.jobs import BUILD_JOB_NAME
from orchestration.resources import CitraHome
from orchestration.settings import build_sources
from quality.gaps import DQ_GAPS_COLUMNS
from serving.publish import STORAGE_VERSION, TableDocs, publish
from serving.stamp import fingerprint, read_stamp, write_stamp

SERVING = dg.AssetKey(["serving", "citra_duckdb"])


def mart_keys() -> list[dg.AssetKey]:
    """Every dbt model in the `marts` schema (the snapshot copies them all), the rapor's too."""
    keys = [*citra_dbt_models().keys, *scorecard_keys()]
    return sorted((key for key in keys if key.path[0] == "marts"), key=lambda k: k.path)


# dq_gaps and the alert marts are written by Python, not dbt, so their comments come from their
# column lists
PYTHON_TABLE_DOCS = {
    "dq_gaps": TableDocs(
        description="Data-quality findings: one row per gap, burst or label problem (see docs/quality.md).",
        columns={name: doc for name, (_, doc) in DQ_GAPS_COLUMNS.items()},
    ),
    "issue_alerts": TableDocs(ISSUE_ALERTS_DOC, {name: doc for name, (_, doc) in ISSUE_ALERTS_COLUMNS.items()}),
    "mart_response_monthly": TableDocs(
        RESPONSE_MONTHLY_DOC, {name: doc for name, (_, doc) in RESPONSE_MONTHLY_COLUMNS.items()}
    ),
}


def built_months(context: dg.AssetExecutionContext, serving_dir: Path) -> tuple[date, date] | None:
    """The months this run's dbt build rebuilt, when the current snapshot holds exactly the marts
    of the dbt build before it (its stamp names that build's run); else None: copy everything."""
    stamp = read_stamp(serving_dir)
    records = context.instance.fetch_materializations(model_key("fct_mentions"), limit=2).records
    if stamp is None or len(records) < 2 or records[0].run_id != context.run.run_id:
        return None
    if records[1].run_id != stamp.get("run_id"):
        return None
    metadata = records[0].asset_materialization.metadata
    start, end = metadata.get("citra/month_start"), metadata.get("citra/month_end")
    if start is None or end is None or not start.value or not end.value:
        return None
    return date.fromisoformat(start.value), date.fromisoformat(end.value)


def serving_asset() -> dg.AssetsDefinition:
    """`serving/citra_duckdb`, downstream of every mart."""

    @dg.asset(
        key=SERVING,
        # after the notices and reminders, so the copy carries each alert's notified_at, reminded_at
        deps=[*mart_keys(), DQ_GAPS, ISSUE_ALERTS, RESPONSE_MONTHLY, NOTIFICATIONS, REMINDERS],
        group_name=SERVING_GROUP,
        kinds={"duckdb", "parquet"},
        pool=WRITER_POOL,
    )
    def serving_citra_duckdb(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
        """Read-only snapshot for BI tools: `serving/citra.duckdb` (every `marts` table with its
        column comments, DuckDB 1.0+ storage format) and `serving/parquet/<table>.parquet`, replaced
        atomically after each successful build. Connect Metabase, Superset, Evidence or DBeaver here
        (docs/bi.md), never to warehouse.duckdb."""
        months = built_months(context, citra.root / "serving")
        published = publish(citra.warehouse, citra.root / "serving", PYTHON_TABLE_DOCS, months)
        how = f"months {months[0]} to {months[1]} (exclusive) of {', '.join(published.incremental)}" if months else ""
        context.log.info(f"published {len(published.rows)} marts tables to {published.database} {how}".rstrip())
        run = context.run
        if run.job_name == BUILD_JOB_NAME and not run.asset_selection:
            # a whole build: record its inputs, so that `citra build` with nothing new runs nothing
            with open_read_only(citra.warehouse) as con:
                write_stamp(citra.root / "serving", fingerprint(con, build_sources()), run.run_id)
        rows = "\n".join(
            ["| table | rows |", "|---|---|"] + [f"| marts.{t} | {n:,} |" for t, n in published.rows.items()]
        )
        return dg.MaterializeResult(
            metadata={
                "path": dg.MetadataValue.path(str(published.database)),
                "parquet": dg.MetadataValue.path(str(published.parquet)),
                "storage_version": dg.MetadataValue.text(STORAGE_VERSION),
                "tables": dg.MetadataValue.int(len(published.rows)),
                "dagster/row_count": dg.MetadataValue.int(published.rows.get("fct_mentions", 0)),
                "seconds": dg.MetadataValue.float(round(published.seconds, 2)),
                "tables_copied_by_month": dg.MetadataValue.text(", ".join(published.incremental) or "none"),
                "rows_per_table": dg.MetadataValue.md(rows),
            }
        )

    return serving_citra_duckdb
