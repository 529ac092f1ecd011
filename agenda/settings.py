"""The agenda settings, from ``agenda.yml`` (or ``CITRA_AGENDA_CONFIG``): the pickup window and
the matcher's thresholds. Every key has a default; a wrong value is an error naming the file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from matching.documents import MatchSettings

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "agenda.yml"
CONFIG_ENV = "CITRA_AGENDA_CONFIG"
# bump when the matcher's method changes: the next build matches every release again (the
# learned model's own digest is part of the version too, so a retrained model re-matches)
MATCHER_METHOD = "learned-2026-12e"


@dataclass(frozen=True)
class AgendaSettings:
    window_days: int = 14
    accept: float = 0.6
    review: float = 0.3
    source: str = "defaults"
    method: str = "learned"  # matching.learned.METHODS: the scorer of the pairs

    @property
    def match(self) -> MatchSettings:
        return MatchSettings(accept=self.accept, review=self.review)

    @property
    def matcher_version(self) -> str:
        """The method and every value a score or a window depends on."""
        from matching.learned import shipped_model

        model = shipped_model().sha256 if self.method == "learned" else self.method
        recipe = f"{MATCHER_METHOD}|{model}|{self.window_days}|{self.accept}|{self.review}"
        return "agenda-" + hashlib.sha256(recipe.encode()).hexdigest()[:12]


def load_settings(path: Path | None = None) -> AgendaSettings:
    """Settings from ``path`` (default: agenda.yml at the repository root, if present)."""
    path = path or DEFAULT_PATH
    if not path.exists():
        return AgendaSettings()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - {"window_days", "accept", "review"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {', '.join(sorted(unknown))}; known: window_days, accept, review")
    window, accept, review = data.get("window_days", 14), data.get("accept", 0.6), data.get("review", 0.3)
    if not isinstance(window, int) or not 1 <= window <= 90:
        raise ValueError(f"{path}: window_days must be a whole number of days from 1 to 90, not {window!r}")
    for key, value in (("accept", accept), ("review", review)):
        if not isinstance(value, int | float) or not 0 < value <= 1:
            raise ValueError(f"{path}: {key} must be a number above 0 and at most 1, not {value!r}")
    if review > accept:
        raise ValueError(f"{path}: review ({review}) must not be above accept ({accept})")
    return AgendaSettings(window, float(accept), float(review), str(path))
