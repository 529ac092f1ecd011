"""The labelling settings of the pipeline, from `sentiment.yml` at the repository root (or the
file named by CITRA_SENTIMENT_CONFIG): the policy that picks the final label, the model file,
and the confidence above which a disagreement with the vendor goes to the review queue."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG_ENV = "CITRA_SENTIMENT_CONFIG"
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "sentiment.yml"
POLICIES = ("fill_missing", "model_everywhere", "vendor_only")
DEFAULTS = {"policy": "fill_missing", "model": None, "review_min_confidence": 0.8}


class SentimentConfigError(ValueError):
    """sentiment.yml cannot be used: the message names the file, the key and the fix."""


@dataclass(frozen=True)
class LabelSettings:
    policy: str = "fill_missing"
    model: Path | None = None  # None: the shipped model
    review_min_confidence: float = 0.8
    source: str = "defaults"


def config_path() -> Path:
    """sentiment.yml at the repository root, or the file named by CITRA_SENTIMENT_CONFIG."""
    return Path(os.environ.get(CONFIG_ENV) or DEFAULT_PATH)


def load_settings(path: Path | None = None, home: Path | None = None) -> LabelSettings:
    """Read and check the settings; a missing default file means the documented defaults.

    `home` (CITRA_HOME) anchors a relative model path."""
    explicit = path is not None or bool(os.environ.get(CONFIG_ENV))
    path = path or config_path()
    if not path.is_file():
        if explicit:
            raise SentimentConfigError(f"sentiment settings {path} not found; set {CONFIG_ENV} to an existing file")
        return LabelSettings()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SentimentConfigError(f"{path} is not valid YAML: {error}") from None
    if not isinstance(raw, dict):
        raise SentimentConfigError(f"{path}: expected the keys policy, model and review_min_confidence")
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise SentimentConfigError(f"{path}: unknown key {unknown[0]!r}; the keys are {', '.join(DEFAULTS)}")
    cfg = DEFAULTS | {k: v for k, v in raw.items() if v is not None}
    policy = str(cfg["policy"]).strip()
    if policy not in POLICIES:
        raise SentimentConfigError(f"{path}: policy {policy!r} is not one of {', '.join(POLICIES)}")
    try:
        threshold = float(cfg["review_min_confidence"])
    except (TypeError, ValueError):
        threshold = -1.0
    if not 1 / 3 <= threshold <= 1:
        raise SentimentConfigError(
            f"{path}: review_min_confidence {cfg['review_min_confidence']!r} must be a number from 0.34 to 1"
        )
    model = None
    if cfg["model"]:
        model = Path(str(cfg["model"]))
        if not model.is_absolute():
            model = (home or Path(os.environ.get("CITRA_HOME") or "data")) / model
        if not model.is_file():
            raise SentimentConfigError(f"{path}: model file {model} not found; train one or leave `model:` empty")
    return LabelSettings(policy, model, threshold, str(path))
