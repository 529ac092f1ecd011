"""The alerts domain: detection after every build, notices, hourly reminders, and their
warn-level checks."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.alerts.assets import issue_alerts_asset
from orchestration.defs.alerts.checks import alert_delivery, open_alerts
from orchestration.defs.alerts.reminders import alert_reminders_asset, alert_reminders_job, alert_reminders_schedule
from orchestration.defs.alerts.resources import alert_resources


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[issue_alerts_asset(), alert_reminders_asset],
        asset_checks=[open_alerts, alert_delivery],
        jobs=[alert_reminders_job],
        schedules=[alert_reminders_schedule],
        resources=alert_resources(),
    )
