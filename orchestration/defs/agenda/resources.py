"""agenda.yml as a resource: the path from CITRA_AGENDA_CONFIG (empty: the file at the
repository root, else the documented defaults)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from agenda.settings import CONFIG_ENV, AgendaSettings, load_settings
from orchestration.resources import env_or


class AgendaSettingsResource(dg.ConfigurableResource):
    """agenda.yml: the pickup window (window_days) and the matcher's accept and review thresholds."""

    config_path: str = ""

    @classmethod
    def from_env(cls) -> AgendaSettingsResource:
        return cls(config_path=env_or(CONFIG_ENV))

    def settings(self) -> AgendaSettings:
        return load_settings(Path(self.config_path) if self.config_path else None)
