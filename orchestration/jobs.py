"""The job that the UI, the landing sensor and `citra build` run: every domain but reporting.

It selects by group, so a new domain's assets join the build without touching this file; the
monthly report is partitioned by month and has its own job (defs/reporting).
"""

from __future__ import annotations

import dagster as dg

from orchestration.constants import REPORTING_GROUP

BUILD_JOB_NAME = "citra_build"

build_job = dg.define_asset_job(
    BUILD_JOB_NAME,
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups(REPORTING_GROUP),
    description="Ingest every new export, then build and test all dbt models (everything but the monthly report).",
)
