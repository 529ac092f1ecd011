"""What dbt records while it parses the project: the month window of an incremental build is an
environment value that changes with every build, so it must not be read at parse time (dbt would
re-parse every file that read it, on every build, before running anything)."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbt.cli.main import dbtRunner

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # dbt parses the whole project


def test_the_month_window_is_not_part_of_the_parse_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # bug caught: month_window() reading CITRA_MONTH_START/END with env_var() while dbt parses
    # (outside `execute`): the parse state records them, and the next build's new window makes
    # dbt re-parse those models before every incremental run
    monkeypatch.setenv("CITRA_MONTH_START", "2025-10-01")
    monkeypatch.setenv("CITRA_MONTH_END", "2025-11-01")
    result = dbtRunner().invoke(
        ["parse", "--quiet", "--project-dir", str(REPO), "--profiles-dir", str(REPO)]
        + ["--target-path", str(tmp_path), "--log-path", str(tmp_path)]
    )
    assert result.success, result.exception
    manifest = result.result
    assert manifest.nodes, "the parse found no model: the assertion below would prove nothing"
    recorded = {name for file in manifest.files.values() for name in getattr(file, "env_vars", None) or ()}
    assert {"CITRA_MONTH_START", "CITRA_MONTH_END"} & (recorded | set(manifest.env_vars)) == set()
