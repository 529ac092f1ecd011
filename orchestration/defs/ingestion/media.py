"""Ingestion of media-monitoring exports into ``raw.*`` (keys match the dbt sources)."""

from functools import partial

import dagster as dg
import duckdb

from ingestion.load import IngestReport, ingest_file
from ingestion.memory import open_read_only
from orchestration.constants import INGESTION_GROUP, WRITER_POOL
from orchestration.defs.ingestion.runner import ingest_folder, write_lake
from orchestration.resources import CitraHome

RAW_MEDIA = dg.AssetKey(["raw", "media_mentions"])
RAW_FILES = dg.AssetKey(["raw", "ingest_files"])
RAW_REJECTS = dg.AssetKey(["raw", "ingest_rejects"])


def _outcome_table(report: IngestReport) -> str:
    lines = ["| file | status | profile | rows loaded | rows rejected | note |", "|---|---|---|---|---|---|"]
    for o in report.outcomes:
        note = o.message.replace("|", "/").replace("\n", " ")[:160]
        lines.append(f"| {o.name} | {o.status} | {o.profile or ''} | {o.rows_loaded} | {o.rows_rejected} | {note} |")
    return "\n".join(lines)


def run_metadata(report: IngestReport, seconds: float) -> dict[str, dg.MetadataValue]:
    """What one ingestion run did, file by file, for the asset's UI page."""
    return {
        "seconds_this_run": dg.MetadataValue.float(round(seconds, 2)),
        "rows_per_second_this_run": dg.MetadataValue.int(int(report.rows_loaded / seconds) if seconds > 0 else 0),
        "files_loaded": dg.MetadataValue.int(len(report.by_status("loaded"))),
        "files_skipped": dg.MetadataValue.int(len(report.by_status("skipped"))),
        "files_quarantined": dg.MetadataValue.int(len(report.by_status("quarantined"))),
        "rows_loaded_this_run": dg.MetadataValue.int(report.rows_loaded),
        "rows_rejected_this_run": dg.MetadataValue.int(report.rows_rejected),
        "files": dg.MetadataValue.md(_outcome_table(report)),
    }


def _mentions_metadata(con: duckdb.DuckDBPyConnection) -> dict[str, dg.MetadataValue]:
    total, first, last, vendors = con.execute(
        """select count(*), min(timezone('Asia/Makassar', published_at))::date,
                  max(timezone('Asia/Makassar', published_at))::date, count(distinct vendor)
           from raw.media_mentions"""
    ).fetchall()[0]
    preview = con.execute(
        """select strftime(timezone('Asia/Makassar', published_at), '%Y-%m-%d %H:%M') as wita,
                  vendor, outlet, issue_label, sentiment, left(title, 70) as title
           from raw.media_mentions order by published_at desc limit 10"""
    ).fetchall()
    rows = ["| published (WITA) | vendor | outlet | issue label | sentiment | title |", "|---|---|---|---|---|---|"]
    rows += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in r) + " |" for r in preview]
    return {
        "dagster/row_count": dg.MetadataValue.int(total),
        "first_day_wita": dg.MetadataValue.text(str(first)),
        "last_day_wita": dg.MetadataValue.text(str(last)),
        "vendors": dg.MetadataValue.int(vendors),
        "preview": dg.MetadataValue.md("\n".join(rows)),
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_MEDIA,
            description=(
                "Every mention from the media-monitoring exports in `landing/media/`, in Citra's "
                "canonical columns (one row per mention per export; the same mention from two "
                "overlapping exports appears twice here and once in `fct_mentions`)."
            ),
            kinds={"duckdb", "python"},
            group_name=INGESTION_GROUP,
        ),
        dg.AssetSpec(
            RAW_FILES,
            description=(
                "File registry: one row per distinct export (SHA-256 of its bytes) with its name, "
                "vendor profile, rows loaded and rejected, and status (loaded or quarantined). "
                "A file already here is skipped, even when renamed."
            ),
            kinds={"duckdb"},
            group_name=INGESTION_GROUP,
        ),
        dg.AssetSpec(
            RAW_REJECTS,
            description=(
                "Rows set aside during ingestion: file, row number (header = row 1), column, "
                "reason, and the row's raw values. The rest of each file still loads."
            ),
            kinds={"duckdb"},
            group_name=INGESTION_GROUP,
        ),
    ],
    pool=WRITER_POOL,
)
def raw_media(context: dg.AssetExecutionContext, citra: CitraHome):
    """Ingest new media-monitoring exports (Meltwater, generic template) from `landing/media/`."""
    quarantine = citra.quarantine / "media"
    report, seconds = ingest_folder(
        "raw_media", citra.warehouse, citra.landing_media, partial(ingest_file, quarantine=quarantine)
    )
    lake = write_lake(citra)
    if lake is not None:
        context.log.info(f"lake {citra.lake}: {lake.files} new files, {lake.rows} rows (office {citra.office_code})")
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/: {o.message}")
    for o in report.outcomes:
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects")
    with open_read_only(citra.warehouse) as con:
        mentions_meta = _mentions_metadata(con)
        file_count, reject_count = con.execute(
            "select (select count(*) from raw.ingest_files), (select count(*) from raw.ingest_rejects)"
        ).fetchall()[0]
    yield dg.MaterializeResult(asset_key=RAW_MEDIA, metadata={**mentions_meta, **run_metadata(report, seconds)})
    yield dg.MaterializeResult(asset_key=RAW_FILES, metadata={"dagster/row_count": dg.MetadataValue.int(file_count)})
    yield dg.MaterializeResult(
        asset_key=RAW_REJECTS, metadata={"dagster/row_count": dg.MetadataValue.int(reject_count)}
    )
