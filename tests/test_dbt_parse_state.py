"""What dbt records while it parses the project: the month window of an incremental build is an
environment value that changes with every build, so it must not be read at parse time (dbt would
re-parse every file that read it, on every build, before running anything)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner, dbtRunnerResult

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # dbt parses the whole project


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dbtRunnerResult, list[str]]:
    """One parse of the project with a month window in the environment, and dbt's events' names."""
    target = tmp_path_factory.mktemp("dbt_parse")
    events: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_MONTH_START", "2025-10-01")
        mp.setenv("CITRA_MONTH_END", "2025-11-01")
        result = dbtRunner(callbacks=[lambda event: events.append(event.info.name)]).invoke(
            ["parse", "--project-dir", str(REPO), "--profiles-dir", str(REPO)]
            + ["--target-path", str(target), "--log-path", str(target)]
        )
    assert result.success, result.exception
    return result, events


def test_the_month_window_is_not_part_of_the_parse_state(parsed: tuple[dbtRunnerResult, list[str]]) -> None:
    # bug caught: month_window() reading CITRA_MONTH_START/END with env_var() while dbt parses
    # (outside `execute`): the parse state records them, and the next build's new window makes
    # dbt re-parse those models before every incremental run
    manifest = parsed[0].result
    assert manifest.nodes, "the parse found no model: the assertion below would prove nothing"
    recorded = {name for file in manifest.files.values() for name in getattr(file, "env_vars", None) or ()}
    assert {"CITRA_MONTH_START", "CITRA_MONTH_END"} & (recorded | set(manifest.env_vars)) == set()


def test_every_config_path_of_dbt_project_yml_matches_something(parsed: tuple[dbtRunnerResult, list[str]]) -> None:
    # bug caught: a path in dbt_project.yml that names no resource, so its setting silently does
    # nothing (the DuckDB-only sources were listed without their `staging` folder and stayed
    # enabled on Spark)
    assert "UnusedResourceConfigPath" not in parsed[1]
