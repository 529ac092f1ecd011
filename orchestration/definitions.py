"""The one Dagster ``Definitions`` of Citra, loaded by ``workspace.yaml``."""

from __future__ import annotations

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.dbt import citra_dbt_models, citra_dbt_project
from orchestration.assets.media import raw_media
from orchestration.assets.platforms import raw_platforms
from orchestration.assets.quality import dq_gaps
from orchestration.assets.report import monthly_report, monthly_report_job, monthly_report_schedule
from orchestration.assets.serving import serving_citra_duckdb
from orchestration.checks.expectations import gx_checks
from orchestration.checks.gaps import (
    account_gaps,
    media_feed_gaps,
    media_freshness,
    mention_labels,
    mention_volume_band,
)
from orchestration.jobs import build_job
from orchestration.resources import CitraHome
from orchestration.sensors import landing_sensor
from orchestration.settings import apply_defaults

apply_defaults()

defs = dg.Definitions(
    assets=[raw_media, raw_platforms, citra_dbt_models, dq_gaps, serving_citra_duckdb, monthly_report],
    asset_checks=[media_feed_gaps, media_freshness, mention_volume_band, mention_labels, account_gaps, *gx_checks],
    jobs=[build_job, monthly_report_job],
    schedules=[monthly_report_schedule],
    sensors=[landing_sensor],
    resources={
        "citra": CitraHome(home=dg.EnvVar("CITRA_HOME"), warehouse_path=dg.EnvVar("CITRA_WAREHOUSE")),
        "dbt": DbtCliResource(project_dir=citra_dbt_project),
    },
)
