"""The Citra home folder as a Dagster resource: where exports land and the warehouse lives."""

from __future__ import annotations

from pathlib import Path

import dagster as dg


class CitraHome(dg.ConfigurableResource):
    """Folder layout of one Citra installation (``CITRA_HOME``)."""

    home: str
    warehouse_path: str

    @property
    def root(self) -> Path:
        return Path(self.home)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def landing_media(self) -> Path:
        return self.root / "landing" / "media"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"
