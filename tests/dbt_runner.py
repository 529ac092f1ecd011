"""Run dbt in-process against a test warehouse, with its own target and log folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner, dbtRunnerResult

REPO = Path(__file__).resolve().parents[1]


def invoke_dbt(home: Path, target: str, logs: str, *args: str) -> dbtRunnerResult:
    """`dbt <args>` on this project, in this process, with its target and log folders in ``home``."""
    return dbtRunner().invoke(
        [
            *args,
            "--project-dir",
            str(REPO),
            "--profiles-dir",
            str(REPO),
            "--target-path",
            str(home / target),
            "--log-path",
            str(home / logs),
            "--quiet",
        ]
    )


def run_dbt(home: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    """`dbt <args>` on ``home/warehouse.duckdb``; fails the test when dbt fails."""
    monkeypatch.setenv("CITRA_HOME", str(home))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    # profiles.yml picks the target by CITRA_ENGINE: a Spark test session keeps it at spark
    monkeypatch.setenv("CITRA_ENGINE", "duckdb")
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    result = invoke_dbt(home, "target", "logs", *args)
    # dbt-duckdb keeps the file open in this process; release it for the test's own reads
    DuckDBConnectionManager.close_all_connections()
    assert result.success, result.exception
