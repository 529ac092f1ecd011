"""Jobs: what the UI, the sensor and `citra build` run."""

from __future__ import annotations

import dagster as dg

build_job = dg.define_asset_job(
    "citra_build",
    # the monthly report is partitioned by month; `citra build` writes it as a second step
    selection=dg.AssetSelection.all() - dg.AssetSelection.groups("reporting"),
    description="Ingest every new export, then build and test all dbt models (everything but the monthly report).",
)
