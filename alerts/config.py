"""Thresholds and delivery settings of the alerts, from ``alerts.yml`` (or ``CITRA_ALERTS``).

Every key has a default (the values shipped in alerts.yml), so an office's file may hold only
what it changes; a value of the wrong kind is an error that names the file and the key.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "alerts.yml"
ENV = "CITRA_ALERTS"

DEFAULTS: dict[str, dict[str, Any]] = {
    "negative_burst": {
        "window_days": 28,
        "min_history_days": 14,
        "k": 5.0,
        "min_spread_ratio": 0.2,
        "min_count": {"day": 10, "six_hours": 8},
        "per_region": True,
        "high_score": 10.0,
    },
    "share_rise": {
        "window_days": 28,
        "min_history_days": 14,
        "k": 5.0,
        "min_spread_ratio": 0.1,
        "min_spread": 0.02,
        "min_rise_points": 0.10,
        "min_mentions": 20,
    },
    "watchlist": {"min_mentions": 1},
    "response": {
        "max_hours": 168.0,
        "coordinators": ["diskominfo_kalsel", "biro_adpim_kalsel"],
        "regional_coordinators": [
            "diskominfo_banjarmasin",
            "diskominfo_banjarbaru",
            "diskominfo_banjar",
            "diskominfo_tanbu",
        ],
    },
    "notify": {
        "max_age_hours": 72.0,
        "remind_after_hours": 6.0,
        "attempts": 3,
        "backoff_seconds": 1.0,
        "timeout_seconds": 10.0,
        "retry_builds": 3,
    },
}
# keys that may be empty (null): no limit
OPTIONAL = {("notify", "max_age_hours"), ("notify", "remind_after_hours"), ("response", "max_hours")}


def _merge(path: Path, defaults: dict, given: dict, where: str) -> dict:
    out = copy.deepcopy(defaults)
    for key, value in (given or {}).items():
        name = f"{where}.{key}" if where else key
        if key not in defaults:
            raise ValueError(f"{path}: unknown key '{name}'; known keys: {', '.join(sorted(defaults))}")
        default = defaults[key]
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ValueError(f"{path}: '{name}' must be a section with keys {', '.join(sorted(default))}")
            out[key] = _merge(path, default, value, name)
        elif value is None and tuple(name.split(".")) in OPTIONAL:
            out[key] = None
        elif isinstance(default, list):
            if value is None:
                out[key] = []
            elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise ValueError(f"{path}: '{name}' must be a list of codes, e.g. [diskominfo_kalsel], not {value!r}")
            else:
                out[key] = [v.strip() for v in value]
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValueError(f"{path}: '{name}' must be true or false, not {value!r}")
            out[key] = value
        elif isinstance(default, int | float):
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ValueError(f"{path}: '{name}' must be a number >= 0, not {value!r}")
            out[key] = type(default)(value) if isinstance(default, float) else value
        else:
            out[key] = value
    return out


def load_config(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """The alert settings: the file's values over the defaults."""
    path = path or Path(os.environ.get(ENV) or DEFAULT_PATH)
    if not path.exists():
        if path == DEFAULT_PATH:
            return copy.deepcopy(DEFAULTS)
        raise ValueError(f"{ENV}={path} does not exist; point it at an alerts.yml or unset it")
    try:
        given = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(given, dict):
        raise ValueError(f"{path}: expected sections such as negative_burst:, notify:")
    return _merge(path, DEFAULTS, given, "")
