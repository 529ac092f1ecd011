"""Thresholds of the gap rules, from ``quality.yml`` at the repository root (or CITRA_QUALITY)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "quality.yml"


def load_config(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The rules' thresholds; ``CITRA_QUALITY`` points at another file if set."""
    path = path or Path(os.environ.get("CITRA_QUALITY") or DEFAULT_PATH)
    return yaml.safe_load(path.read_text(encoding="utf-8"))
