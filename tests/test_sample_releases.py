"""The sample's press releases (sample_data/releases.py, release_files.py): deterministic for a
seed, every rewrite inside its release's window (or planted after it on purpose), decoys on the
same topic, and the files an office keeps in landing/releases/."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from sample_data.generate import generate
from sample_data.releases import WINDOW_DAYS, plan_releases, write_stories


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ("releases" in p.parts or p.name.startswith("meltwater_"))
    }


def test_release_files_and_rewritten_exports_are_the_same_for_the_same_seed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CITRA_TODAY", "2026-01-15")
    for name in ("a", "b"):
        generate(tmp_path / name, mentions=300, seed=3, last_month=date(2025, 12, 1), months=2, releases=True)
    first, second = _digest(tmp_path / "a" / "landing"), _digest(tmp_path / "b" / "landing")
    assert first == second and any(k.startswith("releases/") for k in first)
    kinds = {Path(k).suffix for k in first if k.startswith("releases/")}
    assert kinds == {".xml", ".csv", ".xlsx"}


def test_rewrites_fall_inside_their_release_window_and_late_ones_carry_nothing() -> None:
    releases = plan_releases(7, date(2025, 1, 1), 6)
    published = {r.release_id: r.published_at for r in releases}
    stories = write_stories(7, releases)
    for story in stories:
        owner = story.key.split("-")[0]
        after = story.published_at - published[owner]
        if story.carries:
            assert story.carries == owner and timedelta(0) < after < timedelta(days=WINDOW_DAYS)
        elif story.style == "late":
            assert after >= timedelta(days=WINDOW_DAYS)
    assert {s.style for s in stories} >= {"decoy", "late", "link", "passive", "active+dateline"}
    uncarried = {r.release_id for r in releases} - {s.carries for s in stories}
    assert uncarried, "some releases must be carried by nobody"
