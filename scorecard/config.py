"""The versions of targets and weights in ``scorecard.yml`` (or ``CITRA_SCORECARD``), checked.

A value of the wrong kind is an error that names the file, the version and the key, and says
what is expected; nothing is guessed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "scorecard.yml"
ENV = "CITRA_SCORECARD"
COMPONENTS = ("activity", "engagement", "response", "amplification", "sentiment")
PLATFORMS = ("instagram", "facebook", "tiktok", "youtube", "x")
SHARE_TARGETS = ("answered_within_24h_share", "amplified_share")


class ScorecardConfigError(ValueError):
    """scorecard.yml cannot be used as it is; the message names the file, version and key."""


@dataclass(frozen=True)
class WeightVersion:
    """One version of the scorecard's weights, targets and rules."""

    version: str
    effective_from: date
    note: str
    weights: dict[str, float]
    posts_per_week: dict[str, float]
    engagement_ratio: float
    answered_within_24h_share: float
    amplified_share: float
    min_labelled_mentions: int
    min_components: int

    @property
    def digest(self) -> str:
        """SHA-256 of everything that changes a score (the note aside)."""
        values = {k: v for k, v in asdict(self).items() if k != "note"}
        values["effective_from"] = self.effective_from.isoformat()
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def config_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT_PATH)


def _number(value: Any, where: str, low: float, high: float | None = None, *, open_low: bool = False) -> float:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok:
        ok = (value > low if open_low else value >= low) and (high is None or value <= high)
    if not ok:
        bound = f"{'above' if open_low else 'at least'} {low:g}" + (
            f" and at most {high:g}" if high is not None else ""
        )
        raise ScorecardConfigError(f"{where} is {value!r}; expected a number {bound}")
    return float(value)


def _month(value: Any, where: str) -> date:
    text = value.strftime("%Y-%m") if isinstance(value, date) else str(value).strip()
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ScorecardConfigError(f"{where} is {value!r}; expected a month YYYY-MM, e.g. 2026-02")
    return date(int(text[:4]), int(text[5:7]), 1)


def _mapping(given: Any, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(given, dict):
        raise ScorecardConfigError(f"{where} is missing or not a mapping; expected the keys {', '.join(keys)}")
    unknown = sorted(set(given) - set(keys))
    missing = [k for k in keys if k not in given]
    if unknown or missing:
        parts = ([f"unknown {', '.join(unknown)}"] if unknown else []) + (
            [f"missing {', '.join(missing)}"] if missing else []
        )
        raise ScorecardConfigError(f"{where}: {'; '.join(parts)}; expected exactly {', '.join(keys)}")
    return given


def parse_version(raw: Any, where: str) -> WeightVersion:
    """One entry of ``versions:``, checked."""
    if not isinstance(raw, dict):
        raise ScorecardConfigError(
            f"{where} is not a mapping; expected version, effective_from, weights, targets, rules"
        )
    note = str(raw.get("note") or "")
    raw = _mapping(
        {k: v for k, v in raw.items() if k != "note"},
        where,
        ("version", "effective_from", "weights", "targets", "rules"),
    )
    name = str(raw["version"]).strip()
    if not name:
        raise ScorecardConfigError(f"{where}.version is empty; give each version a name, e.g. '2026.1'")
    where = f"{where} (version {name})"
    weights = _mapping(raw["weights"], f"{where} weights", COMPONENTS)
    weights = {c: _number(weights[c], f"{where} weights.{c}", 0) for c in COMPONENTS}
    if sum(weights.values()) <= 0:
        raise ScorecardConfigError(f"{where} weights are all zero; at least one component must count")
    targets = _mapping(raw["targets"], f"{where} targets", ("posts_per_week", "engagement_ratio", *SHARE_TARGETS))
    per_week = _mapping(targets["posts_per_week"], f"{where} targets.posts_per_week", PLATFORMS)
    rules = _mapping(raw["rules"], f"{where} rules", ("min_labelled_mentions", "min_components"))
    min_labelled = _number(rules["min_labelled_mentions"], f"{where} rules.min_labelled_mentions", 1)
    min_components = _number(rules["min_components"], f"{where} rules.min_components", 1, len(COMPONENTS))
    for key, value in (("min_labelled_mentions", min_labelled), ("min_components", min_components)):
        if value != int(value):
            raise ScorecardConfigError(f"{where} rules.{key} is {value:g}; expected a whole number")
    return WeightVersion(
        version=name,
        effective_from=_month(raw["effective_from"], f"{where} effective_from"),
        note=note,
        weights=weights,
        posts_per_week={
            p: _number(per_week[p], f"{where} targets.posts_per_week.{p}", 0, open_low=True) for p in PLATFORMS
        },
        engagement_ratio=_number(targets["engagement_ratio"], f"{where} targets.engagement_ratio", 0, open_low=True),
        answered_within_24h_share=_number(
            targets["answered_within_24h_share"], f"{where} targets.answered_within_24h_share", 0, 1, open_low=True
        ),
        amplified_share=_number(targets["amplified_share"], f"{where} targets.amplified_share", 0, 1, open_low=True),
        min_labelled_mentions=int(min_labelled),
        min_components=int(min_components),
    )


def load_versions(path: Path | None = None) -> list[WeightVersion]:
    """Every version of the file, oldest effective_from first; errors name the file."""
    path = path or config_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ScorecardConfigError(f"{path}: cannot be read ({error}); set {ENV} or restore scorecard.yml") from None
    except yaml.YAMLError as error:
        raise ScorecardConfigError(f"{path}: not valid YAML: {error}") from None
    entries = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ScorecardConfigError(f"{path}: no versions; expected a list under 'versions:' (docs/scorecard.md)")
    versions = [parse_version(entry, f"{path}: versions[{n}]") for n, entry in enumerate(entries, start=1)]
    for key, label in ((lambda v: v.version, "version"), (lambda v: v.effective_from, "effective_from")):
        seen = [key(v) for v in versions]
        doubled = sorted({str(s) for s in seen if seen.count(s) > 1})
        if doubled:
            raise ScorecardConfigError(f"{path}: two versions share the {label} {', '.join(doubled)}")
    return sorted(versions, key=lambda v: v.effective_from)
