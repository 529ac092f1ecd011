"""The quality domain: `marts.dq_gaps`, the warn-only gap checks, and the GX suites (their job and sensor: orchestration/definitions.py)."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.quality.assets import dq_gaps_asset
from orchestration.defs.quality.checks import gap_checks
from orchestration.defs.quality.expectations import gx_checks


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[dq_gaps_asset()], asset_checks=[*gap_checks(), *gx_checks()])
