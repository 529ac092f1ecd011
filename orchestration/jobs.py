"""The jobs that the UI, the landing sensor and `citra build` run.

`citra_build`: every domain but reporting and the Great Expectations suites. It selects by group,
so a new domain's assets join the build without touching this file; the monthly report is
partitioned by month and has its own job (defs/reporting). The GX suites (pandas, a heavy import)
run in `citra_expectations` right after each successful build (defs/quality/sensors.py), so they
never delay the marts or the serving snapshot; the build's blocking checks are dbt's data tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

from orchestration.constants import BUILD_JOB_NAME, EXPECTATIONS_JOB_NAME, REPORTING_GROUP


def build_job(expectation_checks: Sequence[dg.AssetCheckKey]) -> UnresolvedAssetJobDefinition:
    """`citra_build`, without the given (Great Expectations) checks."""
    return dg.define_asset_job(
        BUILD_JOB_NAME,
        selection=dg.AssetSelection.all()
        - dg.AssetSelection.groups(REPORTING_GROUP)
        - dg.AssetSelection.checks(*expectation_checks),
        # one process for every step: the steps take turns at the warehouse anyway (writer pool),
        # and a process per step would load the code location again, seconds each time
        executor_def=dg.in_process_executor,
        description="Ingest every new export, then build all dbt models with the tests that guard the data, "
        "the quality rules and the serving snapshot (everything but the monthly report and the GX suites).",
    )


def expectations_job(expectation_checks: Sequence[dg.AssetCheckKey]) -> UnresolvedAssetJobDefinition:
    """`citra_expectations`: the Great Expectations suites alone, on the tables as they are."""
    return dg.define_asset_job(
        EXPECTATIONS_JOB_NAME,
        selection=dg.AssetSelection.checks(*expectation_checks),
        executor_def=dg.in_process_executor,
        description="Great Expectations suites on raw.media_mentions and the marts; started after each successful build.",
    )
