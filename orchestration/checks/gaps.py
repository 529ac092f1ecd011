"""Gap checks on the raw and mart assets: they read `marts.dq_gaps` and warn (never block)."""

import dagster as dg
import duckdb

from orchestration.assets.media import RAW_MEDIA
from orchestration.assets.quality import DQ_GAPS, FCT_MENTIONS, findings_table
from orchestration.resources import CitraHome
from quality.rules import Finding

NEXT_STEP = {
    "feed_missing_days": "ask the vendor for a re-export of those days and drop it into landing/media/",
    "feed_missing_month": "export that month from the vendor (or fill the generic template) and drop it in",
    "file_coverage_gap": "check whether an export file for those days was missed",
    "stale_data": "drop the newest export; the numbers of the current month are incomplete until then",
    "volume_burst": "read the day's mentions: a crisis, a campaign, or duplicated exports?",
    "volume_collapse": "compare with the vendor dashboard: a broken query or an incomplete export?",
    "negative_burst": "see the headlines of that day in fct_mentions; it may need a public response",
    "unlabeled_sentiment": "ask the vendor to rate the mentions, or label them in the generic template",
    "unknown_issue": "add the labels to dbt_project/seeds/issue_aliases.csv",
    "unknown_region": "add the labels to dbt_project/seeds/region_aliases.csv",
    "unknown_account": "register the account in dbt_project/seeds/accounts.csv",
    "account_missing_days": "export the account's insights for those days from the platform",
    "account_missing_month": "export that month's insights from the platform and drop them into landing/platform/<account>/",
}


def _findings(citra: CitraHome, kinds: list[str]) -> list[Finding]:
    with duckdb.connect(str(citra.warehouse), read_only=True) as con:
        rows = con.execute(
            "select kind, subject, start_date, end_date, severity, detail from marts.dq_gaps "
            "where list_contains(?, kind) order by start_date, kind, subject",
            [kinds],
        ).fetchall()
    return [Finding(*row) for row in rows]


def _result(findings: list[Finding], clean: str) -> dg.AssetCheckResult:
    if not findings:
        return dg.AssetCheckResult(passed=True, metadata={"summary": dg.MetadataValue.text(clean)})
    steps = sorted({f"{f.kind}: {NEXT_STEP[f.kind]}" for f in findings if f.kind in NEXT_STEP})
    return dg.AssetCheckResult(
        passed=False,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "findings": dg.MetadataValue.int(len(findings)),
            "first_day": dg.MetadataValue.text(str(min(f.start_date for f in findings))),
            "last_day": dg.MetadataValue.text(str(max(f.end_date for f in findings))),
            "details": dg.MetadataValue.md(findings_table(findings)),
            "what_to_do": dg.MetadataValue.md("\n".join(f"- {s}" for s in steps)),
        },
    )


@dg.asset_check(
    asset=RAW_MEDIA,
    additional_deps=[DQ_GAPS],
    blocking=False,
    description="Feeds without mentions for days or whole months, and days no export file covers.",
)
def media_feed_gaps(citra: CitraHome) -> dg.AssetCheckResult:
    return _result(
        _findings(citra, ["feed_missing_days", "feed_missing_month", "file_coverage_gap"]),
        "every feed has mentions on every day it covers",
    )


@dg.asset_check(
    asset=RAW_MEDIA,
    additional_deps=[DQ_GAPS],
    blocking=False,
    description="The newest mention of each feed is recent enough (quality.yml: freshness).",
)
def media_freshness(citra: CitraHome) -> dg.AssetCheckResult:
    return _result(_findings(citra, ["stale_data"]), "every feed delivered recently")


@dg.asset_check(
    asset=FCT_MENTIONS,
    additional_deps=[DQ_GAPS],
    blocking=False,
    description="Days whose volume leaves the robust band of the trailing 28 days, and "
    "bursts of negative coverage per issue.",
)
def mention_volume_band(citra: CitraHome) -> dg.AssetCheckResult:
    return _result(
        _findings(citra, ["volume_burst", "volume_collapse", "negative_burst"]), "no day outside the volume band"
    )


@dg.asset_check(
    asset=FCT_MENTIONS,
    additional_deps=[DQ_GAPS],
    blocking=False,
    description="Months with too many mentions lacking a sentiment or carrying unknown labels.",
)
def mention_labels(citra: CitraHome) -> dg.AssetCheckResult:
    return _result(
        _findings(citra, ["unlabeled_sentiment", "unknown_issue", "unknown_region"]),
        "labels within thresholds every month",
    )


@dg.asset_check(
    asset=dg.AssetKey(["raw", "platform_account_daily"]),
    additional_deps=[DQ_GAPS],
    blocking=False,
    description="Official accounts without daily insights for days or whole months, and "
    "accounts missing from the registry (seed accounts).",
)
def account_gaps(citra: CitraHome) -> dg.AssetCheckResult:
    return _result(
        _findings(citra, ["account_missing_days", "account_missing_month", "unknown_account"]),
        "every registered account has insights for every day it covers",
    )
