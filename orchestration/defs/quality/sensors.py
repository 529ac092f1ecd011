"""Run the Great Expectations suites right after each successful build."""

from __future__ import annotations

import dagster as dg
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition


def expectations_after_build(
    build: UnresolvedAssetJobDefinition, expectations: UnresolvedAssetJobDefinition
) -> dg.SensorDefinition:
    """A run-status sensor: each successful `build` run starts one `expectations` run."""

    @dg.run_status_sensor(
        name="expectations_after_build",
        run_status=dg.DagsterRunStatus.SUCCESS,
        monitored_jobs=[build],
        request_job=expectations,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description=f"After each successful {build.name} run, runs the Great Expectations suites ({expectations.name}).",
    )
    def _sensor(context: dg.RunStatusSensorContext):
        return dg.RunRequest(run_key=context.dagster_run.run_id)

    return _sensor
