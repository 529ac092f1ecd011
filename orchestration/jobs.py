"""Jobs: what the UI, the sensor and `citra build` run."""

from __future__ import annotations

import dagster as dg

build_job = dg.define_asset_job(
    "citra_build",
    selection=dg.AssetSelection.all(),
    description="Ingest every new export, then build and test all dbt models.",
)
