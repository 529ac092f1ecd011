"""The alerts domain: detection after every build, notifications, and their warn-level checks."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.alerts.assets import issue_alerts_asset
from orchestration.defs.alerts.checks import alert_delivery, open_alerts
from orchestration.defs.alerts.resources import alert_resources


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[issue_alerts_asset()],
        asset_checks=[open_alerts, alert_delivery],
        resources=alert_resources(),
    )
