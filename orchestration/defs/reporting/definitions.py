"""The reporting domain: the monthly report, its job and its schedule."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.reporting.assets import monthly_report_asset
from orchestration.defs.reporting.schedules import monthly_report_job, monthly_report_schedule


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[monthly_report_asset()], jobs=[monthly_report_job], schedules=[monthly_report_schedule]
    )
