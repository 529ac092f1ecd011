"""Dagster's dbt assets come from the manifest of the engine that builds them: a manifest parsed
for the other engine (CITRA_ENGINE switched on the same checkout) is parsed again. Seen: a Spark
demo after a DuckDB parse listed the DuckDB-only amplification marts as assets, which Spark never
built, so the serving snapshot was skipped."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from orchestration.defs.dbt.project import manifest_is_stale


def _manifest(tmp_path: Path, adapter: str) -> SimpleNamespace:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"metadata": {"adapter_type": adapter}, "nodes": {}}), encoding="utf-8")
    later = 4_102_444_800  # 2100-01-01: newer than every dbt file, so only the engine decides
    os.utime(path, (later, later))
    return SimpleNamespace(manifest_path=path)


@pytest.mark.parametrize(("parsed_for", "engine"), [("duckdb", "spark"), ("spark", "duckdb"), ("spark", "")])
def test_a_manifest_of_the_other_engine_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parsed_for: str, engine: str
) -> None:
    project = _manifest(tmp_path, parsed_for)
    monkeypatch.setenv("CITRA_ENGINE", parsed_for)
    assert not manifest_is_stale(project)
    monkeypatch.setenv("CITRA_ENGINE", engine)
    assert manifest_is_stale(project)
