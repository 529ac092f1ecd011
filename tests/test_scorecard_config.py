"""scorecard.yml: each version checked with errors that name the file, version and key, and a
recorded version treated as history (scorecard/weights.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scorecard.config import ScorecardConfigError, load_versions
from scorecard.weights import new_versions

VERSION = """
  - version: "{name}"
    effective_from: {start}
    weights: {{activity: {activity}, engagement: 0.15, response: 0.25, amplification: 0.15, sentiment: 0.20}}
    targets:
      posts_per_week: {{instagram: 5, facebook: 5, tiktok: 3, youtube: 1, x: 7}}
      engagement_ratio: 1.0
      answered_within_24h_share: {answered}
      amplified_share: 0.5
    rules: {{min_labelled_mentions: 10, min_components: 2}}
"""


def _file(tmp_path: Path, *versions: dict) -> Path:
    path = tmp_path / "scorecard.yml"
    defaults = {"name": "v1", "start": "2025-01", "activity": 0.25, "answered": 1.0}
    path.write_text("versions:" + "".join(VERSION.format(**{**defaults, **v}) for v in versions), encoding="utf-8")
    return path


def test_the_shipped_scorecard_yml_is_valid_and_its_weights_sum_to_one() -> None:
    [version] = load_versions()
    assert sum(version.weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"activity": -0.1}, r"versions\[1\] \(version v1\) weights.activity is -0.1; expected a number at least 0"),
        ({"answered": 1.5}, r"targets.answered_within_24h_share is 1.5; expected a number above 0 and at most 1"),
        ({"start": "2025-13"}, r"effective_from is '2025-13'; expected a month YYYY-MM"),
    ],
)
def test_a_bad_value_is_refused_naming_the_file_the_version_and_the_key(
    tmp_path: Path, change: dict, message: str
) -> None:
    path = _file(tmp_path, change)
    with pytest.raises(ScorecardConfigError, match=message) as error:
        load_versions(path)
    assert str(path) in str(error.value)


def test_an_unknown_or_missing_key_is_named(tmp_path: Path) -> None:
    path = _file(tmp_path, {})
    path.write_text(path.read_text().replace("sentiment: 0.20", "sentimen: 0.20"), encoding="utf-8")
    with pytest.raises(ScorecardConfigError, match="unknown sentimen; missing sentiment"):
        load_versions(path)


def test_two_versions_may_not_start_in_the_same_month(tmp_path: Path) -> None:
    with pytest.raises(ScorecardConfigError, match="share the effective_from 2025-01-01"):
        load_versions(_file(tmp_path, {"name": "v1"}, {"name": "v2"}))


def test_recorded_versions_are_history_and_new_ones_start_this_month_or_later(tmp_path: Path) -> None:
    """Catches an edited version slipping through (every month it scored would change) and a
    new version dated back into published months."""
    v1, v2 = load_versions(_file(tmp_path, {"name": "v1"}, {"name": "v2", "start": "2025-06"}))
    today = date(2025, 6, 15)
    # the first build may record versions from any month
    assert new_versions({}, [v1, v2], tmp_path, today) == [v1, v2]
    recorded = {"v1": (v1.digest, v1.effective_from)}
    assert new_versions(recorded, [v1, v2], tmp_path, today) == [v2]
    assert new_versions({**recorded, "v2": (v2.digest, v2.effective_from)}, [v1, v2], tmp_path, today) == []
    with pytest.raises(ScorecardConfigError, match="starts 2025-06, before the current month 2025-07"):
        new_versions(recorded, [v1, v2], tmp_path, date(2025, 7, 1))
    [edited] = load_versions(_file(tmp_path, {"name": "v1", "activity": 0.3}))
    with pytest.raises(ScorecardConfigError, match="version v1 differs"):
        new_versions(recorded, [edited], tmp_path, today)
    # a changed note is not a changed score
    noted = _file(tmp_path, {"name": "v1"})
    noted.write_text(noted.read_text().replace("effective_from:", "note: Catatan baru\n    effective_from:"))
    [renoted] = load_versions(noted)
    assert renoted.note == "Catatan baru" and renoted.digest == v1.digest
