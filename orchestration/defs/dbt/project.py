"""The dbt project of Citra and its manifest, parsed when needed, never at import time."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

from dagster_dbt import DbtProject

from lake.settings import checked_engine
from orchestration.settings import REPO_ROOT, apply_defaults

citra_dbt_project = DbtProject(project_dir=REPO_ROOT, profiles_dir=REPO_ROOT)


def manifest_engine(manifest: Path) -> str | None:
    """The adapter (duckdb or spark) the manifest was parsed for; None when unreadable."""
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))["metadata"]["adapter_type"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def manifest_is_stale(project: DbtProject) -> bool:
    """True when a model, seed, macro, selector or the project file changed after the last `dbt parse`,
    or when the manifest was parsed for the other engine (CITRA_ENGINE): the models a target
    disables are not in its manifest, and Dagster's assets must be the ones this engine builds."""
    if not project.manifest_path.exists():
        return True
    if manifest_engine(project.manifest_path) != checked_engine(os.environ.get("CITRA_ENGINE")):
        return True
    built = project.manifest_path.stat().st_mtime
    sources = [REPO_ROOT / name for name in ("dbt_project.yml", "profiles.yml", "selectors.yml")]
    sources += [p for p in (REPO_ROOT / "dbt_project").rglob("*") if p.is_file()]
    return any(p.stat().st_mtime > built for p in sources if p.exists())


@cache
def prepared_manifest() -> Path:
    """The manifest of the project, (re)parsed once per process when a dbt file changed."""
    apply_defaults()
    if manifest_is_stale(citra_dbt_project):
        manifest = citra_dbt_project.manifest_path
        selectors = REPO_ROOT / "selectors.yml"
        if (
            not manifest.exists()
            or selectors.stat().st_mtime > manifest.stat().st_mtime
            or manifest_engine(manifest) != checked_engine(os.environ.get("CITRA_ENGINE"))
        ):
            # dbt's partial parsing keeps the selectors (and the disabled models) of the previous
            # parse: start afresh
            manifest.with_name("partial_parse.msgpack").unlink(missing_ok=True)
        citra_dbt_project.preparer.prepare(citra_dbt_project)
    return citra_dbt_project.manifest_path
