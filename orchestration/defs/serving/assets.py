"""`serving/citra_duckdb`: the snapshot of the marts that BI tools read (DuckDB file and Parquet).

BI tools never open the warehouse: a reader there would block the next ingestion (DuckDB has
one writer or many readers per file). This asset runs last, only when the marts and their
blocking checks succeeded, so readers see the previous marts or the new ones, never a mix.
"""

import dagster as dg
import duckdb

from orchestration.constants import SERVING_GROUP, WRITER_POOL
from orchestration.defs.dbt.assets import citra_dbt_models
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.jobs import BUILD_JOB_NAME
from orchestration.resources import CitraHome
from orchestration.settings import build_sources
from quality.gaps import DQ_GAPS_COLUMNS
from serving.publish import STORAGE_VERSION, TableDocs, publish
from serving.stamp import fingerprint, write_stamp

SERVING = dg.AssetKey(["serving", "citra_duckdb"])


def mart_keys() -> list[dg.AssetKey]:
    """Every dbt model in the `marts` schema (the snapshot copies them all)."""
    return sorted((key for key in citra_dbt_models().keys if key.path[0] == "marts"), key=lambda k: k.path)


# dq_gaps is written by Python, not dbt, so its comments come from its column list
DQ_GAPS_DOCS = TableDocs(
    description="Data-quality findings: one row per gap, burst or label problem (see docs/quality.md).",
    columns={name: doc for name, (_, doc) in DQ_GAPS_COLUMNS.items()},
)


def serving_asset() -> dg.AssetsDefinition:
    """`serving/citra_duckdb`, downstream of every mart."""

    @dg.asset(
        key=SERVING,
        deps=[*mart_keys(), DQ_GAPS],
        group_name=SERVING_GROUP,
        kinds={"duckdb", "parquet"},
        pool=WRITER_POOL,
    )
    def serving_citra_duckdb(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
        """Read-only snapshot for BI tools: `serving/citra.duckdb` (every `marts` table with its
        column comments, DuckDB 1.0+ storage format) and `serving/parquet/<table>.parquet`, replaced
        atomically after each successful build. Connect Metabase, Superset, Evidence or DBeaver here
        (docs/bi.md), never to warehouse.duckdb."""
        published = publish(citra.warehouse, citra.root / "serving", {"dq_gaps": DQ_GAPS_DOCS})
        context.log.info(f"published {len(published.rows)} marts tables to {published.database}")
        run = context.dagster_run
        if run.job_name == BUILD_JOB_NAME and not run.asset_selection:
            # a whole build: record its inputs, so that `citra build` with nothing new runs nothing
            with duckdb.connect(str(citra.warehouse), read_only=True) as con:
                write_stamp(citra.root / "serving", fingerprint(con, build_sources()), context.run_id)
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
                "rows_per_table": dg.MetadataValue.md(rows),
            }
        )

    return serving_citra_duckdb
