"""The hoax desk between ingestion and dbt: the register (`raw/hoax_register`), then the
tracing step (`raw/hoax_matches`, `raw/hoax_post_matches`, `raw/hoax_settings`) that dbt's hoax
marts read. Keys match the dbt sources, so the lineage to mart_hoax draws itself. The decisions
on the hoax review queue are rows of kind hoax in the shared `raw/review_decisions`
(`landing/decisions/`, orchestration/defs/agenda/assets.py).

The register asset also appends to ``raw.ingest_files`` and ``raw.ingest_rejects``, which the
media asset declares. Nothing here shows an author: the metadata holds claims, counts
and the office's clarification links.
"""

from functools import partial

import dagster as dg

from hoaxes.warehouse import trace_warehouse
from ingestion.hoaxes.load import ingest_register_file
from ingestion.load import connect
from ingestion.memory import open_read_only
from orchestration.constants import WRITER_POOL
from orchestration.defs.hoaxes.resources import HoaxSettingsResource
from orchestration.defs.ingestion.media import RAW_MEDIA, run_metadata
from orchestration.defs.ingestion.platforms import RAW_POSTS
from orchestration.defs.ingestion.runner import ingest_folder
from orchestration.resources import CitraHome

HOAXES_GROUP = "hoaxes"
RAW_REGISTER = dg.AssetKey(["raw", "hoax_register"])
RAW_MATCHES = dg.AssetKey(["raw", "hoax_matches"])
RAW_POST_MATCHES = dg.AssetKey(["raw", "hoax_post_matches"])
RAW_SETTINGS = dg.AssetKey(["raw", "hoax_settings"])

REGISTER_SQL = """
    with ordered as (
      select *, row_number() over (partition by hoax_id order by ingested_at, source_file_id, source_row) as version
      from raw.hoax_register
    )
    select hoax_id, arg_max(claim, version) filter (where claim is not null),
           strftime(timezone('Asia/Makassar', arg_max(first_seen, version) filter (where first_seen is not null)),
                    '%Y-%m-%d %H:%M'),
           strftime(timezone('Asia/Makassar', arg_max(klarifikasi_at, version) filter (where klarifikasi_at is not null)),
                    '%Y-%m-%d %H:%M')
    from ordered group by hoax_id order by 3 desc nulls last limit 15
"""


def md_table(rows: list[tuple], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/")[:90] for v in r) + " |" for r in rows]
    return "\n".join(lines)


def _log_outcomes(context: dg.AssetExecutionContext, report, folder: str) -> None:
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/{folder}/: {o.message}")
    for o in report.by_status("loaded"):
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects ({o.message})")


@dg.asset(key=RAW_REGISTER, group_name=HOAXES_GROUP, kinds={"duckdb", "python"}, pool=WRITER_POOL)
def raw_hoax_register(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """The hoax desk's register from `landing/hoaxes/` (CSV or XLSX: claim, first_seen; optional
    hoax_id, keywords, category, issue, region, klarifikasi_url, klarifikasi_at, source; English or
    Indonesian headers, every accepted date form). A later row of the same hoax (the same hoax_id,
    or without one the same claim) updates it, e.g. when the clarification is published. Bad rows
    are set aside in raw.ingest_rejects with the reason (docs/hoaxes.md)."""
    report, seconds = ingest_folder(
        context.op_def.name,
        citra.warehouse,
        citra.root / "landing" / "hoaxes",
        partial(ingest_register_file, quarantine=citra.quarantine / "hoaxes"),
    )
    _log_outcomes(context, report, "hoaxes")
    with open_read_only(citra.warehouse) as con:
        rows, hoaxes, clarified = con.execute(
            """select count(*), count(distinct hoax_id), count(distinct hoax_id) filter (where klarifikasi_at is not null)
               from raw.hoax_register"""
        ).fetchall()[0]
        newest = md_table(
            con.execute(REGISTER_SQL).fetchall(), ["hoax", "claim", "first seen (WITA)", "klarifikasi (WITA)"]
        )
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(rows),
            "hoaxes": dg.MetadataValue.int(hoaxes),
            "hoaxes_with_klarifikasi": dg.MetadataValue.int(clarified),
            "newest_hoaxes": dg.MetadataValue.md(newest),
            **run_metadata(report, seconds),
        }
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            RAW_MATCHES,
            description=(
                "Which mention carries which registered hoax, and whether it spreads or debunks the claim "
                "(hoaxes/trace.py: the release matcher's candidates, the claim score, the debunk cues, an "
                "official account, a link to the clarification). One hoax per mention; band accept (sure) or "
                "review (the review queue). Replaced whole by each build."
            ),
            deps=[RAW_MEDIA, RAW_REGISTER],
            group_name=HOAXES_GROUP,
            kinds={"duckdb", "python"},
        ),
        dg.AssetSpec(
            RAW_POST_MATCHES,
            description="Posts of the office's registered accounts that carry a registered claim: its debunk.",
            deps=[RAW_POSTS, RAW_REGISTER],
            group_name=HOAXES_GROUP,
            kinds={"duckdb", "python"},
        ),
        dg.AssetSpec(
            RAW_SETTINGS,
            description="The settings of hoaxes.yml in force (quiet_days, klarifikasi_due_hours, lookback_days, thresholds), one row per change.",
            group_name=HOAXES_GROUP,
            kinds={"duckdb"},
        ),
    ],
    pool=WRITER_POOL,
)
def raw_hoax_matches(context: dg.AssetExecutionContext, citra: CitraHome, hoax_settings: HoaxSettingsResource):
    """Trace every registered hoax through the mentions and the official posts."""
    settings = hoax_settings.settings()
    con = connect(citra.warehouse)
    try:
        run = trace_warehouse(con, settings)
        per_hoax = con.execute(
            """select hoax_id, count(*) filter (where band = 'accept' and role = 'spread'),
                      count(*) filter (where band = 'accept' and role = 'debunk'), count(*) filter (where band = 'review')
               from raw.hoax_matches group by hoax_id order by hoax_id"""
        ).fetchall()
        history = con.execute("select count(*) from raw.hoax_settings").fetchall()[0][0]
    finally:
        con.close()
    accepted = [t for t in run.mentions if t.band == "accept"]
    context.log.info(
        f"{run.hoaxes} hoaxes traced: {len(accepted)} mentions, {len(run.mentions) - len(accepted)} to review"
    )
    yield dg.MaterializeResult(
        asset_key=RAW_MATCHES,
        metadata={
            "dagster/row_count": dg.MetadataValue.int(len(run.mentions)),
            "hoaxes_traced": dg.MetadataValue.int(run.hoaxes),
            "spread_mentions": dg.MetadataValue.int(sum(t.role == "spread" for t in accepted)),
            "debunk_mentions": dg.MetadataValue.int(sum(t.role == "debunk" for t in accepted)),
            "to_review": dg.MetadataValue.int(len(run.mentions) - len(accepted)),
            "per_hoax": dg.MetadataValue.md(md_table(per_hoax, ["hoax", "spread", "debunk", "to review"])),
        },
    )
    yield dg.MaterializeResult(
        asset_key=RAW_POST_MATCHES, metadata={"dagster/row_count": dg.MetadataValue.int(len(run.posts))}
    )
    yield dg.MaterializeResult(
        asset_key=RAW_SETTINGS,
        metadata={
            "dagster/row_count": dg.MetadataValue.int(history),
            "settings_changed_this_run": dg.MetadataValue.bool(run.settings_changed),
            "config_file": dg.MetadataValue.text(settings.source),
            **{k: dg.MetadataValue.float(float(v)) for k, v in settings.values().items()},
        },
    )
