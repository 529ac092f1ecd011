"""`raw/asn_roster`: the civil servants' (ASN) accounts per agency, as keyed pseudonyms.

The asset also appends to ``raw.ingest_files`` and ``raw.ingest_rejects``, which the media
asset declares; they are not outputs here, so each table keeps one producer in the graph.
Nothing here names a person: the metadata holds totals (accounts, files, agencies), never a
count per agency or unit, and the roster holds no clear handle to show.
"""

from functools import partial

import dagster as dg
import duckdb

from ingestion.memory import open_read_only
from ingestion.roster.load import ingest_roster_file
from orchestration.constants import INGESTION_GROUP, WRITER_POOL
from orchestration.defs.ingestion.media import run_metadata
from orchestration.defs.ingestion.runner import ingest_folder
from orchestration.resources import CitraHome

RAW_ROSTER = dg.AssetKey(["raw", "asn_roster"])


def _roster_metadata(con: duckdb.DuckDBPyConnection) -> dict[str, dg.MetadataValue]:
    rows, files, agencies, first, last = con.execute(
        """select count(*), count(distinct source_file_id), count(distinct agency_code),
                  min(roster_date), max(roster_date)
           from raw.asn_roster"""
    ).fetchall()[0]
    return {
        "dagster/row_count": dg.MetadataValue.int(rows),
        "roster_files": dg.MetadataValue.int(files),
        "agencies": dg.MetadataValue.int(agencies),
        "first_roster_date": dg.MetadataValue.text(str(first)),
        "last_roster_date": dg.MetadataValue.text(str(last)),
    }


@dg.asset(
    key=RAW_ROSTER,
    description=(
        "Civil servants' (ASN) social-media accounts per agency, from the roster files in "
        "`landing/roster/` (CSV or XLSX: platform, handle, agency_code; optional unit, active_from, "
        "active_to). Each handle is stored as its keyed pseudonym only (the same as private "
        "authors'), so the roster joins the mentions without any clear handle in the warehouse. "
        "A file replaces the agency's roster from the date in its name (else its file date); "
        "earlier rosters stay as history. See docs/amplification.md."
    ),
    group_name=INGESTION_GROUP,
    kinds={"duckdb", "python"},
    pool=WRITER_POOL,
)
def raw_asn_roster(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Ingest new ASN roster files from `landing/roster/`."""
    report, seconds = ingest_folder(
        context.op_def.name,
        citra.warehouse,
        citra.root / "landing" / "roster",
        partial(ingest_roster_file, quarantine=citra.quarantine / "roster"),
    )
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/roster/: {o.message}")
    for o in report.by_status("loaded"):
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects")
        if o.message:
            context.log.warning(o.message)
    with open_read_only(citra.warehouse) as con:
        metadata = _roster_metadata(con)
    return dg.MaterializeResult(metadata={**metadata, **run_metadata(report, seconds)})
