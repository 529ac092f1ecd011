"""Warn-only check on mart_hoax, with what to do next: hoaxes still spreading (status aktif)
that have no clarification registered."""

import dagster as dg

from ingestion.memory import open_read_only
from orchestration.defs.dbt.assets import model_key
from orchestration.defs.hoaxes.assets import md_table
from orchestration.resources import CitraHome

NEXT_STEP = (
    "- publish a clarification (*klarifikasi*, e.g. a [HOAKS] post on the official accounts)\n"
    "- add a row to the register in landing/hoaxes/ with the hoax_id, klarifikasi_url and "
    "klarifikasi_at (the other cells may stay empty: a later row updates the hoax)"
)


def klarifikasi_check() -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=model_key("mart_hoax"),
        name="active_hoax_without_klarifikasi",
        blocking=False,
        description="Hoaxes still spreading (status aktif, hoaxes.yml quiet_days) with no clarification registered (warn only).",
    )
    def active_hoax_without_klarifikasi(citra: CitraHome) -> dg.AssetCheckResult:
        with open_read_only(citra.warehouse) as con:
            rows = con.execute(
                """select hoax_id, claim, strftime(timezone('Asia/Makassar', first_spread_at), '%Y-%m-%d %H:%M'),
                          spread_mentions, spread_reach, status_as_of
                   from marts.mart_hoax where status = 'aktif' and klarifikasi_at is null
                   order by spread_reach desc, hoax_id"""
            ).fetchall()
            active = con.execute("select count(*) from marts.mart_hoax where status = 'aktif'").fetchall()[0][0]
        metadata = {"active_hoaxes": dg.MetadataValue.int(active)}
        if not rows:
            return dg.AssetCheckResult(passed=True, metadata=metadata)
        table = md_table(
            [r[:5] for r in rows], ["hoax", "claim", "first spread (WITA)", "spread mentions", "spread reach"]
        )
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                **metadata,
                "without_klarifikasi": dg.MetadataValue.int(len(rows)),
                "hoaxes": dg.MetadataValue.md(table),
                "judged_at": dg.MetadataValue.text(str(rows[0][5])),
                "what_to_do": dg.MetadataValue.md(NEXT_STEP),
            },
        )

    return active_hoax_without_klarifikasi
