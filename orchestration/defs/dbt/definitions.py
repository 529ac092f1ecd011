"""The dbt domain: seeds, staging, intermediate and mart models, with their tests as checks."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.dbt.assets import citra_dbt_models
from orchestration.defs.dbt.invocation import CitraDbtCli
from orchestration.defs.dbt.project import citra_dbt_project


def defs() -> dg.Definitions:
    return dg.Definitions(
        assets=[citra_dbt_models()],
        resources={"dbt": CitraDbtCli(project_dir=citra_dbt_project)},
    )
