"""The serving domain: the read-only snapshot of the marts that BI tools open."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.serving.assets import serving_asset


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[serving_asset()])
