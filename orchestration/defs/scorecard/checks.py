"""Warn-level check on the rapor: registered accounts silent for a whole month."""

import dagster as dg

from ingestion.clock import last_complete_month
from ingestion.memory import open_read_only
from orchestration.defs.scorecard.models import scorecard_key
from orchestration.resources import CitraHome

SILENT_SQL = """
    select a.platform, a.account, coalesce(g.agency_short, a.agency_code) as agency
    from intermediate.int_scorecard_account_months a
    left join reference.agencies g on g.agency_code = a.agency_code
    where a.month = ? and a.has_data and a.posts = 0
    order by agency, a.platform, a.account
"""
NEXT_STEP = (
    "- ask the agency's humas why the account posted nothing this month (its rapor says so too)\n"
    "- an account the agency no longer uses: take it out of dbt_project/seeds/accounts.csv\n"
    "- an export that covers the month but lost its posts: export the account's posts again into landing/platform/<account>/"
)


def silent_accounts_check() -> dg.AssetChecksDefinition:
    """The check on marts.mart_humas_scorecard (its key comes from the dbt manifest)."""

    @dg.asset_check(
        asset=scorecard_key(),
        name="silent_accounts",
        blocking=False,
        description=(
            "Registered official accounts whose exports cover the latest complete month but hold no "
            "post of it: silent for a whole month (warn only; accounts without an export are not judged)."
        ),
    )
    def silent_accounts(citra: CitraHome) -> dg.AssetCheckResult:
        with open_read_only(citra.warehouse) as con:
            month = con.execute(
                "select max(month) from intermediate.int_scorecard_account_months where month <= ?",
                [last_complete_month()],
            ).fetchall()[0][0]
            rows = [] if month is None else con.execute(SILENT_SQL, [month]).fetchall()
        if month is None:
            return dg.AssetCheckResult(passed=True, metadata={"summary": "no complete month with account data yet"})
        if not rows:
            return dg.AssetCheckResult(
                passed=True, metadata={"month": f"{month:%Y-%m}", "summary": "every account with data posted"}
            )
        lines = ["| agency | platform | account |", "|---|---|---|"]
        lines += [f"| {agency} | {platform} | {account} |" for platform, account, agency in rows]
        return dg.AssetCheckResult(
            passed=False,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "month": dg.MetadataValue.text(f"{month:%Y-%m}"),
                "silent_accounts": dg.MetadataValue.int(len(rows)),
                "accounts": dg.MetadataValue.md("\n".join(lines)),
                "what_to_do": dg.MetadataValue.md(NEXT_STEP),
            },
        )

    return silent_accounts
