"""The hoax settings as a resource: the path of hoaxes.yml from CITRA_HOAXES (empty: the file at
the repository root, else the documented defaults)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from hoaxes.settings import CONFIG_ENV, HoaxSettings, load_settings
from orchestration.resources import env_or


class HoaxSettingsResource(dg.ConfigurableResource):
    """hoaxes.yml: quiet_days, klarifikasi_due_hours, lookback_days and the claim score's thresholds."""

    config_path: str = ""

    @classmethod
    def from_env(cls) -> HoaxSettingsResource:
        return cls(config_path=env_or(CONFIG_ENV))

    def settings(self) -> HoaxSettings:
        return load_settings(Path(self.config_path) if self.config_path else None)
