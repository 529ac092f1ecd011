"""Ingestion of official-account insights exports into ``raw.platform_*`` (keys match the dbt sources).

The asset also appends to ``raw.ingest_files`` and ``raw.ingest_rejects``, which the media
asset declares; they are not outputs here, so each table keeps one producer in the graph.
"""

from functools import partial

import dagster as dg
import duckdb

from ingestion.memory import open_read_only
from ingestion.platforms.load import ingest_platform_file
from orchestration.constants import INGESTION_GROUP, WRITER_POOL
from orchestration.defs.ingestion.media import run_metadata
from orchestration.defs.ingestion.runner import ingest_folder, write_lake
from orchestration.resources import CitraHome

RAW_POSTS = dg.AssetKey(["raw", "platform_posts"])
RAW_DAILY = dg.AssetKey(["raw", "platform_account_daily"])


def _posts_metadata(con: duckdb.DuckDBPyConnection) -> dict[str, dg.MetadataValue]:
    total, posts, accounts, first, last = con.execute(
        """select count(*), count(distinct platform || post_id), count(distinct platform || '/' || account),
                  min(timezone('Asia/Makassar', published_at))::date, max(timezone('Asia/Makassar', published_at))::date
           from raw.platform_posts"""
    ).fetchall()[0]
    preview = con.execute(
        """select platform, account, count(distinct post_id) as posts, max(export_date) as newest_export
           from raw.platform_posts group by all order by platform, account limit 30"""
    ).fetchall()
    rows = ["| platform | account | posts | newest export |", "|---|---|---|---|"]
    rows += ["| " + " | ".join(str(v) for v in r) + " |" for r in preview]
    return {
        "dagster/row_count": dg.MetadataValue.int(total),
        "distinct_posts": dg.MetadataValue.int(posts),
        "accounts": dg.MetadataValue.int(accounts),
        "first_day_wita": dg.MetadataValue.text(str(first)),
        "last_day_wita": dg.MetadataValue.text(str(last)),
        "accounts_preview": dg.MetadataValue.md("\n".join(rows)),
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_POSTS,
            description=(
                "Every post of the official accounts from the platform exports in `landing/platform/` "
                "(Meta, TikTok, YouTube, X), one row per post per export: lifetime numbers change "
                "between exports, and the marts keep the newest."
            ),
            kinds={"duckdb", "python"},
            group_name=INGESTION_GROUP,
        ),
        dg.AssetSpec(
            RAW_DAILY,
            description=(
                "Account-level daily metrics (followers, views, reach, profile views, engagements) "
                "from the platform exports, one row per account-day per export."
            ),
            kinds={"duckdb", "python"},
            group_name=INGESTION_GROUP,
        ),
    ],
    pool=WRITER_POOL,
)
def raw_platforms(context: dg.AssetExecutionContext, citra: CitraHome):
    """Ingest new official-account insights exports from `landing/platform/[<account>/]`."""
    quarantine = citra.quarantine / "platform"
    report, seconds = ingest_folder(
        "raw_platforms",
        citra.warehouse,
        citra.root / "landing" / "platform",
        partial(ingest_platform_file, quarantine=quarantine),
    )
    lake = write_lake(citra)
    if lake is not None:
        context.log.info(f"lake {citra.lake}: {lake.files} new files, {lake.rows} rows (office {citra.office_code})")
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/platform/: {o.message}")
    for o in report.by_status("loaded"):
        if o.message:
            context.log.warning(o.message)
    with open_read_only(citra.warehouse) as con:
        posts_meta = _posts_metadata(con)
        days, first, last = con.execute(
            "select count(*), min(date), max(date) from raw.platform_account_daily"
        ).fetchall()[0]
    yield dg.MaterializeResult(asset_key=RAW_POSTS, metadata={**posts_meta, **run_metadata(report, seconds)})
    yield dg.MaterializeResult(
        asset_key=RAW_DAILY,
        metadata={
            "dagster/row_count": dg.MetadataValue.int(days),
            "first_day": dg.MetadataValue.text(str(first)),
            "last_day": dg.MetadataValue.text(str(last)),
        },
    )
