"""Vendor profiles: how one export layout maps onto the canonical mention.

Profiles are YAML data in ``ingestion/profiles/``; adding a vendor layout means adding a file,
not a code branch. A profile names the columns it needs (``required``), the columns it knows
(``fields``), how to read dates, numbers and time zones, and the vendor it stands for. Dates in
ISO 8601, epoch, Excel serial and day/month forms need no format: ``ingestion/dates.py`` reads
them for every profile; ``date_formats`` lists the vendor's other forms (strptime codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ingestion.dates import DAY_ORDERS

PROFILE_DIR = Path(__file__).parent / "profiles"
REFERENCE_DIR = Path(__file__).parent / "reference"


def normalize_header(name: str) -> str:
    """Header cells compare case-insensitively, ignoring BOMs, quotes and repeated spaces."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).lower()


@dataclass(frozen=True)
class Profile:
    name: str
    vendor: str
    description: str
    required: tuple[str, ...]
    signature: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    date_formats: tuple[str, ...]
    timezone: str
    number_locale: str
    day_order: str = "day_first"  # reading of 05/03/2026 when no date of the file decides (see dates.py)
    date_example: str | None = None  # shown in a rejected date's reason; else the first of date_formats
    sentiment_scale: str = "labels"
    strip_leading_quote: bool = False

    def missing_required(self, header: list[str]) -> list[str]:
        present = {normalize_header(h) for h in header}
        return [c for c in self.required if normalize_header(c) not in present]

    def score(self, header: list[str]) -> float:
        """Share of the profile's required and signature columns found in ``header``."""
        present = {normalize_header(h) for h in header}
        wanted = [normalize_header(c) for c in self.required + self.signature]
        return sum(c in present for c in wanted) / len(wanted)


def day_order(data: dict, path: Path) -> str:
    """The profile's ``day_order`` (default day_first, as Indonesian dates are written)."""
    order = data.get("day_order", "day_first")
    if order not in DAY_ORDERS:
        raise ValueError(f"{path.name}: day_order must be one of {', '.join(DAY_ORDERS)}, not {order!r}")
    return order


def _load(path: Path) -> Profile:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Profile(
        name=data["name"],
        vendor=data["vendor"],
        description=data.get("description", ""),
        required=tuple(data["required"]),
        signature=tuple(data.get("signature", [])),
        fields={k: tuple(str(c) for c in v) for k, v in data["fields"].items()},
        date_formats=tuple(data.get("date_formats", ())),
        timezone=data.get("timezone", "Asia/Makassar"),
        number_locale=data.get("number_locale", "en"),
        day_order=day_order(data, path),
        date_example=data.get("date_example"),
        sentiment_scale=data.get("sentiment_scale", "labels"),
        strip_leading_quote=bool(data.get("strip_leading_quote", False)),
    )


@cache
def load_profiles(directory: Path = PROFILE_DIR) -> tuple[Profile, ...]:
    """All profiles shipped with Citra, in a stable order."""
    return tuple(_load(p) for p in sorted(directory.glob("*.yml")))


class UnknownLayoutError(ValueError):
    """No profile accepts a file's header."""


def detect_profile(header: list[str], profiles: tuple[Profile, ...] | None = None) -> Profile:
    """Pick the profile whose required columns are all present and that knows most columns."""
    profiles = profiles or load_profiles()
    fitting = [p for p in profiles if not p.missing_required(header)]
    if fitting:
        return max(fitting, key=lambda p: (p.score(header), len(p.required)))
    closest = max(profiles, key=lambda p: p.score(header))
    missing = ", ".join(closest.missing_required(header))
    raise UnknownLayoutError(
        f"unknown export layout; closest profile is '{closest.name}' ({closest.description}), "
        f"which needs the columns: {missing}"
    )


@cache
def sentiment_labels() -> dict[str, str | None]:
    """Lower-cased label -> canonical sentiment (None = the vendor gave no sentiment)."""
    data = yaml.safe_load((REFERENCE_DIR / "sentiment.yml").read_text(encoding="utf-8"))
    mapping: dict[str, str | None] = {}
    for value, labels in data.items():
        for label in labels:
            mapping[str(label).strip().lower()] = None if value == "unlabeled" else value
    return mapping


@cache
def media_types() -> dict[str, str]:
    """Lower-cased media-type label as vendors write it -> canonical media type."""
    data = yaml.safe_load((REFERENCE_DIR / "media_types.yml").read_text(encoding="utf-8"))
    return {str(label).lower(): value for value, labels in data.items() for label in labels}


@cache
def platform_domains() -> dict[str, str]:
    """Domain -> platform code for social mentions."""
    data = yaml.safe_load((REFERENCE_DIR / "platforms.yml").read_text(encoding="utf-8"))
    return {domain: platform for platform, domains in data.items() for domain in domains}
