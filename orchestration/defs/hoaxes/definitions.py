"""The hoax domain: the register asset, the tracing step, the warn check on mart_hoax
(only where dbt builds it: the hoax marts are DuckDB-only, docs/scale.md)."""

from __future__ import annotations

import dagster as dg

from orchestration.defs.dbt.assets import built_models
from orchestration.defs.hoaxes.assets import raw_hoax_matches, raw_hoax_register
from orchestration.defs.hoaxes.checks import klarifikasi_check
from orchestration.defs.hoaxes.resources import HoaxSettingsResource


def defs() -> dg.Definitions:
    checks = [klarifikasi_check()] if "mart_hoax" in built_models() else []
    return dg.Definitions(
        assets=[raw_hoax_register, raw_hoax_matches],
        asset_checks=checks,
        resources={"hoax_settings": HoaxSettingsResource.from_env()},
    )
