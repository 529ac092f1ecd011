"""The Dagster instance settings Citra writes into DAGSTER_HOME (orchestration/settings.py)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from orchestration.settings import ensure_dagster_home


@pytest.fixture
def homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITRA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    return tmp_path / "dagster"


def test_a_new_instance_takes_queued_runs_every_second(homes: Path) -> None:
    """A run the landing sensor asks for waits in Dagster's queue until the daemon looks (every
    5 s by default): Citra's instance looks every second."""
    ensure_dagster_home()
    with dg.DagsterInstance.from_config(str(homes)) as instance:
        assert instance.run_coordinator.dequeue_interval_seconds == 1
        assert instance.telemetry_enabled is False


def test_an_older_dagster_yaml_gets_the_queue_setting_and_keeps_its_own(homes: Path) -> None:
    homes.mkdir(parents=True)
    (homes / "dagster.yaml").write_text(
        "telemetry:\n  enabled: false\nretention:\n  schedule:\n    purge_after_days: 30\n"
    )
    ensure_dagster_home()
    text = (homes / "dagster.yaml").read_text()
    assert "purge_after_days: 30" in text and text.count("telemetry:") == 1
    with dg.DagsterInstance.from_config(str(homes)) as instance:
        assert instance.run_coordinator.dequeue_interval_seconds == 1
