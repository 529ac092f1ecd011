"""Shared fixtures: a fresh CITRA_HOME per test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Nothing a test does may land in the repository's ./data (the default CITRA_HOME),
    and the pseudonym key of the tests is fixed unless a test sets its own."""
    os.environ["CITRA_HOME"] = tempfile.mkdtemp(prefix="citra-tests-")
    os.environ.setdefault("CITRA_PSEUDONYM_KEY", "citra-test-key")
    if "PYTEST_XDIST_WORKER" not in os.environ:
        # parse the dbt project once, before xdist's workers start: two workers parsing at once
        # would write the same target/manifest.json
        from orchestration.defs.dbt.project import prepared_manifest

        prepared_manifest()


@pytest.fixture
def citra_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Citra home with its landing folder, wired into the environment."""
    home = tmp_path / "citra"
    (home / "landing" / "media").mkdir(parents=True)
    monkeypatch.setenv("CITRA_HOME", str(home))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    return home


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--spark", action="store_true", help="also collect tests/spark/ (needs the .[spark] extra and Java)"
    )
    parser.addoption(
        "--browser", action="store_true", help="also collect tests/browser/ (needs .[dashboard-test] and chromium)"
    )


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """tests/spark/ runs in `make test-spark` only (the default suite needs no Java), tests/browser/
    in `make test-dashboard` only (nor a browser)."""
    if collection_path.parent == Path(__file__).parent and collection_path.name in {"spark", "browser"}:
        return not config.getoption(f"--{collection_path.name}")
    return None
