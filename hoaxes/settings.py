"""The hoax desk's settings, from ``hoaxes.yml`` at the repository root (or the file named by
``CITRA_HOAXES``): quiet days, the clarification deadline, the lookback before a hoax was
registered, and the claim score's thresholds. Every key has its documented default."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

CONFIG_ENV = "CITRA_HOAXES"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "hoaxes.yml"


class HoaxConfigError(ValueError):
    """hoaxes.yml cannot be used: the message names the file, the key and the fix."""


@dataclass(frozen=True)
class HoaxSettings:
    quiet_days: int = 7
    klarifikasi_due_hours: float = 24.0
    lookback_days: int = 7
    accept: float = 0.45
    review: float = 0.30
    source: str = "defaults"

    def values(self) -> dict[str, float]:
        """The settings without their source, as recorded in raw.hoax_settings."""
        return {k: v for k, v in asdict(self).items() if k != "source"}


DEFAULTS = HoaxSettings().values()
INTEGERS = ("quiet_days", "lookback_days")


def _number(path: Path, key: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise HoaxConfigError(f"{path}: '{key}' must be a number >= 0, not {value!r}")
    if key in INTEGERS and value != int(value):
        raise HoaxConfigError(f"{path}: '{key}' must be a whole number of days, not {value!r}")
    return value


def load_settings(path: Path | None = None) -> HoaxSettings:
    """Read and check the settings; a missing default file means the documented defaults."""
    explicit = path is not None or bool(os.environ.get(CONFIG_ENV))
    path = path or Path(os.environ.get(CONFIG_ENV) or DEFAULT_PATH)
    if not path.is_file():
        if explicit:
            raise HoaxConfigError(f"hoax settings {path} not found; set {CONFIG_ENV} to an existing file")
        return HoaxSettings()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise HoaxConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise HoaxConfigError(f"{path}: expected the keys {', '.join(DEFAULTS)}")
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise HoaxConfigError(f"{path}: unknown key {unknown[0]!r}; the keys are {', '.join(DEFAULTS)}")
    given = {k: _number(path, k, v) for k, v in raw.items() if v is not None}
    values = DEFAULTS | given
    if not 0 < values["review"] <= values["accept"] <= 1:
        raise HoaxConfigError(
            f"{path}: expected 0 < review <= accept <= 1, not review {values['review']}, accept {values['accept']}"
        )
    if values["quiet_days"] < 1:
        raise HoaxConfigError(f"{path}: 'quiet_days' must be at least 1 day")
    return HoaxSettings(
        quiet_days=int(values["quiet_days"]),
        klarifikasi_due_hours=float(values["klarifikasi_due_hours"]),
        lookback_days=int(values["lookback_days"]),
        accept=float(values["accept"]),
        review=float(values["review"]),
        source=str(path),
    )
