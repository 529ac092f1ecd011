"""Gap checks on the raw and mart assets: they read `marts.dq_gaps` and warn (never block).

Each check is data (`GAP_CHECKS`): the asset it sits on, the rule kinds it reports and what a
clean result says; `gap_checks()` turns them into asset checks.
"""

from dataclasses import dataclass

import dagster as dg

from ingestion.memory import open_read_only
from orchestration.defs.dbt.assets import model_key
from orchestration.defs.ingestion.media import RAW_MEDIA
from orchestration.defs.ingestion.platforms import RAW_DAILY
from orchestration.defs.quality.assets import DQ_GAPS, findings_table
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
    with open_read_only(citra.warehouse) as con:
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


@dataclass(frozen=True)
class GapCheck:
    """One warn-only check: the rule kinds of `dq_gaps` it reports on one asset."""

    name: str
    asset: str  # a raw table ("raw/...") or a dbt model name
    kinds: tuple[str, ...]
    description: str
    clean: str


GAP_CHECKS = [
    GapCheck(
        "media_feed_gaps",
        "raw/media_mentions",
        ("feed_missing_days", "feed_missing_month", "file_coverage_gap"),
        "Feeds without mentions for days or whole months, and days no export file covers.",
        "every feed has mentions on every day it covers",
    ),
    GapCheck(
        "media_freshness",
        "raw/media_mentions",
        ("stale_data",),
        "The newest mention of each feed is recent enough (quality.yml: freshness).",
        "every feed delivered recently",
    ),
    GapCheck(
        "mention_volume_band",
        "fct_mentions",
        ("volume_burst", "volume_collapse", "negative_burst"),
        "Days whose volume leaves the robust band of the trailing 28 days, and bursts of negative coverage per issue.",
        "no day outside the volume band",
    ),
    GapCheck(
        "mention_labels",
        "fct_mentions",
        ("unlabeled_sentiment", "unknown_issue", "unknown_region"),
        "Months with too many mentions lacking a sentiment or carrying unknown labels.",
        "labels within thresholds every month",
    ),
    GapCheck(
        "account_gaps",
        "raw/platform_account_daily",
        ("account_missing_days", "account_missing_month", "unknown_account"),
        "Official accounts without daily insights for days or whole months, and accounts missing "
        "from the registry (seed accounts).",
        "every registered account has insights for every day it covers",
    ),
]

RAW_KEYS = {"raw/media_mentions": RAW_MEDIA, "raw/platform_account_daily": RAW_DAILY}


def _check(spec: GapCheck) -> dg.AssetChecksDefinition:
    asset = RAW_KEYS.get(spec.asset) or model_key(spec.asset)

    @dg.asset_check(
        asset=asset, name=spec.name, additional_deps=[DQ_GAPS], blocking=False, description=spec.description
    )
    def _gap_check(citra: CitraHome) -> dg.AssetCheckResult:
        return _result(_findings(citra, list(spec.kinds)), spec.clean)

    return _gap_check


def gap_checks() -> list[dg.AssetChecksDefinition]:
    """The warn-only gap checks, on the assets whose data they judge."""
    return [_check(spec) for spec in GAP_CHECKS]
