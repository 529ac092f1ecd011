"""The dbt target folder of each build run: the newest few are kept to look at, older ones are
removed, and a folder another build may still be writing is never touched."""

from __future__ import annotations

import os
from pathlib import Path

from orchestration.defs.dbt.invocation import prune_run_targets

HOUR = 3600.0
NOW = 1_800_000_000.0  # a fixed clock: the test does not depend on the day it runs


def _folder(root: Path, name: str, hours_ago: float) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    os.utime(folder, (NOW - hours_ago * HOUR, NOW - hours_ago * HOUR))
    return folder


def test_old_run_folders_beyond_the_newest_are_removed(tmp_path: Path) -> None:
    # bug caught: every build leaving its 7-16 MB folder behind (a server building hourly fills
    # its disk), or the pruning removing the newest folders instead of the oldest
    runs = [_folder(tmp_path, f"citra_dbt_models-run{i:02d}-abc", hours_ago=10 + i) for i in range(8)]
    current = _folder(tmp_path, "citra_dbt_models-now-def", hours_ago=0)
    removed = prune_run_targets(current, keep=3, min_age_s=6 * HOUR, now=NOW)
    assert sorted(removed) == sorted(runs[2:])
    assert [p.exists() for p in runs] == [True, True] + [False] * 6
    assert current.exists()


def test_a_young_folder_and_other_files_are_left_alone(tmp_path: Path) -> None:
    # bug caught: removing the folder of a build that is still running (of another CITRA_HOME,
    # or a long 10M build) because it is not among the newest, or dbt's own files beside them
    young = [_folder(tmp_path, f"citra_dbt_models-young{i}-abc", hours_ago=1 + i / 10) for i in range(4)]
    old = _folder(tmp_path, "citra_dbt_models-old-abc", hours_ago=48)
    other = _folder(tmp_path, "compiled", hours_ago=72)
    (tmp_path / "partial_parse.msgpack").write_bytes(b"state")
    current = _folder(tmp_path, "citra_dbt_models-now-def", hours_ago=0)
    removed = prune_run_targets(current, keep=2, min_age_s=6 * HOUR, now=NOW)
    assert removed == [old]
    assert all(p.exists() for p in young) and other.exists() and current.exists()
    assert (tmp_path / "partial_parse.msgpack").exists()
