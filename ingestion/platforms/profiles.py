"""Platform export profiles: how one insights layout maps onto a canonical post or account day.

Same mechanism as the media profiles (``ingestion/profiles.py``): YAML data with a required
subset of columns, found by header detection. The extra keys name the special cases a layout
needs (year-less dates, ids recovered from links, a metric named above the header) so the
code has no ``if platform == ...`` branches.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ingestion.profiles import Profile, day_order, normalize_header

PROFILE_DIR = Path(__file__).parent / "profiles"
TABLES = ("posts", "account_daily", "skip")


@dataclass(frozen=True)
class PlatformProfile(Profile):
    """A media ``Profile`` plus what a platform export needs."""

    platform: str = ""
    table: str = "posts"  # posts | account_daily | skip (a layout we recognise but do not load)
    metrics: dict[str, str] = field(default_factory=dict)  # metric title above the header -> field
    sums: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field = sum of these columns
    skip_rows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # field -> values that mark a non-data row
    year_from_range: bool = False  # dates have no year: take it from the export's range
    id_from_url: str | None = None  # regex whose group 1 in the url is the post id
    account_from_url: str | None = None  # regex whose group 1 in the url is the account
    account_from_name: str | None = None  # regex whose group 1 in the file name is the account
    url_template: str | None = None  # url built from the post id when the file has none
    published_optional: bool = False  # a post without a publish time still loads
    platform_from_name: dict[str, str] = field(default_factory=dict)  # file-name word -> platform

    def score(self, header: list[str]) -> float:
        """How many of the profile's columns the header has: a wide export beats a two-column one."""
        present = {normalize_header(h) for h in header}
        return float(sum(normalize_header(c) in present for c in self.required + self.signature))


def _load(path: Path) -> PlatformProfile:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data.get("table", "posts") not in TABLES:
        raise ValueError(f"{path.name}: table must be one of {', '.join(TABLES)}")
    metrics = {str(title).lower(): canon for canon, titles in data.get("metrics", {}).items() for title in titles}
    return PlatformProfile(
        name=data["name"],
        vendor=data["vendor"],
        description=data.get("description", ""),
        required=tuple(data["required"]),
        signature=tuple(data.get("signature", [])),
        fields={k: tuple(str(c) for c in v) for k, v in data.get("fields", {}).items()},
        date_formats=tuple(data.get("date_formats", ())),
        timezone=data.get("timezone", "Asia/Makassar"),
        number_locale=data.get("number_locale", "en"),
        day_order=day_order(data, path),
        date_example=data.get("date_example"),
        platform=data["platform"],
        table=data.get("table", "posts"),
        metrics=metrics,
        sums={k: tuple(v) for k, v in data.get("sums", {}).items()},
        skip_rows={k: tuple(str(x).lower() for x in v) for k, v in data.get("skip_rows", {}).items()},
        year_from_range=bool(data.get("year_from_range", False)),
        id_from_url=data.get("id_from_url"),
        account_from_url=data.get("account_from_url"),
        account_from_name=data.get("account_from_name"),
        url_template=data.get("url_template"),
        published_optional=bool(data.get("published_optional", False)),
        platform_from_name={str(k).lower(): v for k, v in data.get("platform_from_name", {}).items()},
    )


@cache
def load_platform_profiles(directory: Path = PROFILE_DIR) -> tuple[PlatformProfile, ...]:
    """All platform profiles shipped with Citra, in a stable order."""
    return tuple(_load(p) for p in sorted(directory.glob("*.yml")))
