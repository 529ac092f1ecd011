"""The scorecard's two inputs besides the marts: `raw/scorecard_weights` (scorecard.yml's
versions of targets and weights) and `raw/agency_contacts` (landing/contacts/)."""

from datetime import datetime
from functools import partial

import dagster as dg

from ingestion.clock import WITA, today
from ingestion.load import connect
from ingestion.memory import open_read_only
from orchestration.constants import INGESTION_GROUP, WRITER_POOL
from orchestration.defs.ingestion.media import run_metadata
from orchestration.defs.ingestion.runner import ingest_folder
from orchestration.resources import CitraHome
from scorecard.config import config_path, load_versions
from scorecard.contacts import ingest_contact_file, landing_contacts
from scorecard.weights import record_versions, recorded_versions

SCORECARD_GROUP = "scorecard"
RAW_WEIGHTS = dg.AssetKey(["raw", "scorecard_weights"])
RAW_CONTACTS = dg.AssetKey(["raw", "agency_contacts"])


@dg.asset(key=RAW_WEIGHTS, group_name=SCORECARD_GROUP, kinds={"duckdb", "python"}, pool=WRITER_POOL)
def scorecard_weights(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """The rapor's versions of targets and weights, recorded from scorecard.yml (or
    CITRA_SCORECARD) into raw.scorecard_weights, where the scorecard's dbt models read them. A
    recorded version is history: an edited one, or a new one starting before the current month,
    fails this step with what to do instead (docs/scorecard.md, Changing a weight)."""
    path = config_path()
    versions = load_versions(path)
    con = connect(citra.warehouse)
    try:
        fresh = record_versions(con, versions, path, today(), datetime.now(WITA))
        recorded = recorded_versions(con)
    finally:
        con.close()
    for version in fresh:
        context.log.info(f"scorecard.yml version {version.version} recorded, from {version.effective_from:%Y-%m}")
    lines = ["| version | effective from | note |", "|---|---|---|"]
    lines += [f"| {name} | {start:%Y-%m} | {(note or '').replace('|', '/')} |" for name, start, note in recorded]
    return dg.MaterializeResult(
        metadata={
            "config_file": dg.MetadataValue.path(str(path)),
            "versions": dg.MetadataValue.md("\n".join(lines)),
            "new_versions_this_run": dg.MetadataValue.int(len(fresh)),
            "dagster/row_count": dg.MetadataValue.int(len(recorded)),
        }
    )


@dg.asset(key=RAW_CONTACTS, group_name=INGESTION_GROUP, kinds={"duckdb", "python"}, pool=WRITER_POOL)
def agency_contacts(context: dg.AssetExecutionContext, citra: CitraHome) -> dg.MaterializeResult:
    """Where each unit's rapor kehumasan is sent: CSV or XLSX files in `landing/contacts/`
    (unit as an agency or region code, contact_email, optional contact_name; Indonesian headers
    kode_instansi, email, nama work too). The newest row of a unit wins over the agencies seed's
    contact_email. Bad rows go to raw.ingest_rejects with file, row and reason; the rest loads."""
    report, seconds = ingest_folder(
        context.op_def.name,
        citra.warehouse,
        landing_contacts(citra.root),
        partial(ingest_contact_file, quarantine=citra.quarantine / "contacts"),
    )
    for o in report.by_status("quarantined"):
        context.log.error(f"{o.name} moved to quarantine/contacts/: {o.message}")
    for o in report.by_status("loaded"):
        if o.rows_rejected:
            context.log.warning(f"{o.name}: {o.rows_rejected} rows set aside in raw.ingest_rejects")
        if o.message:
            context.log.warning(o.message)
    with open_read_only(citra.warehouse) as con:
        rows, units = con.execute("select count(*), count(distinct unit) from raw.agency_contacts").fetchall()[0]
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(rows),
            "units_with_a_contact_file_row": dg.MetadataValue.int(units),
            **run_metadata(report, seconds),
        }
    )
