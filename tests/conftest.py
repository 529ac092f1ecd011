"""Shared fixtures: a fresh CITRA_HOME per test."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def citra_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Citra home with its landing folder, wired into the environment."""
    home = tmp_path / "citra"
    (home / "landing" / "media").mkdir(parents=True)
    monkeypatch.setenv("CITRA_HOME", str(home))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    return home
