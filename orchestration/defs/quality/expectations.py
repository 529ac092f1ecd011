"""Great Expectations suites run inside asset checks; the mart's suite blocks the report."""

import dagster as dg

from orchestration.defs.dbt.assets import model_key
from orchestration.defs.ingestion.media import RAW_MEDIA
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.resources import CitraHome
from quality.expectations import validate

# table -> (the asset it checks: a raw key, or a dbt model name; blocking)
SUITE_TARGETS: dict[str, tuple[dg.AssetKey | str, bool]] = {
    "raw.media_mentions": (RAW_MEDIA, False),
    "marts.fct_mentions": ("fct_mentions", True),
    "marts.mart_issue_sentiment_monthly": ("mart_issue_sentiment_monthly", True),
    "marts.dq_gaps": (DQ_GAPS, False),
}


def _suite_check(table: str, asset: dg.AssetKey, blocking: bool) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset,
        name=f"gx_{table.split('.')[1]}",
        blocking=blocking,
        description=f"Great Expectations suite for {table} (quality/expectations.py).",
    )
    def _check(citra: CitraHome) -> dg.AssetCheckResult:
        result = validate(citra.warehouse, table)
        if result is None:
            return dg.AssetCheckResult(
                passed=False, severity=dg.AssetCheckSeverity.WARN, metadata={"summary": f"{table} does not exist yet"}
            )
        failed = "\n".join(
            f"- {f['expectation']} {f['kwargs']}: {f['unexpected_count']} rows, e.g. {', '.join(f['examples'])}"
            for f in result.failures
        )
        return dg.AssetCheckResult(
            passed=result.success,
            severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_checked": dg.MetadataValue.int(result.rows_checked),
                "failed_expectations": dg.MetadataValue.md(failed or "none"),
            },
        )

    return _check


def gx_checks() -> list[dg.AssetChecksDefinition]:
    """One check per suite, on the asset whose table it validates."""
    return [
        _suite_check(table, asset if isinstance(asset, dg.AssetKey) else model_key(asset), blocking)
        for table, (asset, blocking) in SUITE_TARGETS.items()
    ]
