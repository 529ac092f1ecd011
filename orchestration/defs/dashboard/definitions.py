"""The dashboard domain: the office's static dashboard, rebuilt after every publication."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.dashboard.assets import dashboard_asset
from orchestration.defs.dashboard.resources import DashboardSettings


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[dashboard_asset()], resources={"dashboard": DashboardSettings.from_env()})
