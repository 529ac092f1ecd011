"""Great Expectations suites run inside asset checks, in their own job `citra_expectations`
after each successful build (sensors.py): importing GX and validating pandas frames takes
seconds that a build should not wait for. They warn; what blocks a build are dbt's data tests."""

import dagster as dg

from orchestration.defs.dbt.assets import model_key
from orchestration.defs.ingestion.media import RAW_MEDIA
from orchestration.defs.quality.assets import DQ_GAPS
from orchestration.resources import CitraHome
from quality.expectations import validate

# table -> the asset it checks: a raw key, or a dbt model name
SUITE_TARGETS: dict[str, dg.AssetKey | str] = {
    "raw.media_mentions": RAW_MEDIA,
    "marts.fct_mentions": "fct_mentions",
    "marts.mart_issue_sentiment_monthly": "mart_issue_sentiment_monthly",
    "marts.dq_gaps": DQ_GAPS,
}


def _asset(target: dg.AssetKey | str) -> dg.AssetKey:
    return target if isinstance(target, dg.AssetKey) else model_key(target)


def gx_check_keys() -> list[dg.AssetCheckKey]:
    """The keys of the suites' checks (the build job leaves them out, their own job runs them)."""
    return [dg.AssetCheckKey(_asset(target), f"gx_{table.split('.')[1]}") for table, target in SUITE_TARGETS.items()]


def _suite_check(table: str, asset: dg.AssetKey) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset,
        name=f"gx_{table.split('.')[1]}",
        blocking=False,
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
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "rows_checked": dg.MetadataValue.int(result.rows_checked),
                "failed_expectations": dg.MetadataValue.md(failed or "none"),
            },
        )

    return _check


def gx_checks() -> list[dg.AssetChecksDefinition]:
    """One check per suite, on the asset whose table it validates."""
    return [_suite_check(table, _asset(target)) for table, target in SUITE_TARGETS.items()]
