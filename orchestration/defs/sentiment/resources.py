"""The labelling settings as a resource: the path of sentiment.yml from CITRA_SENTIMENT_CONFIG
(empty: the file at the repository root, else the documented defaults)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.resources import env_or
from sentiment.settings import CONFIG_ENV, LabelSettings, load_settings


class LabelSettingsResource(dg.ConfigurableResource):
    """sentiment.yml: policy (fill_missing, model_everywhere, vendor_only), model file, review threshold."""

    config_path: str = ""

    @classmethod
    def from_env(cls) -> LabelSettingsResource:
        return cls(config_path=env_or(CONFIG_ENV))

    def settings(self, home: Path) -> LabelSettings:
        return load_settings(Path(self.config_path) if self.config_path else None, home=home)
