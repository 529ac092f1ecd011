"""Reference data read from the dbt seeds, so the generator never keeps its own copy.

Regions, their aliases, issues, issue aliases and agencies live in ``dbt_project/seeds``;
the sample data must speak exactly the vocabulary the warehouse will map it through.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR: Path = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
PROVINCE_CODE: str = "63"


def _read(name: str, seeds_dir: Path) -> list[dict[str, str]]:
    with (seeds_dir / name).open(encoding="utf-8", newline="") as fh:
        return [{k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _display(alias: str) -> str:
    """Turn a lower-case seed alias into the way it is written in a headline."""
    if len(alias) <= 3:
        return alias.upper()
    return " ".join(word.capitalize() for word in alias.split())


@dataclass(frozen=True)
class Reference:
    """The parts of the seeds the generator needs, in a stable order."""

    region_codes: tuple[str, ...]  # index 0 is the province
    region_names: dict[str, str]  # code -> official name, e.g. "Kota Banjarmasin"
    region_display: dict[str, tuple[str, ...]]  # code -> headline spellings, primary first
    issue_codes: tuple[str, ...]
    issue_aliases: dict[str, str]  # lower-case alias -> issue_code
    agencies: dict[str, str]  # agency_code -> agency_short
    agency_regions: dict[str, str]  # agency_code -> region_code

    def issue_of_label(self, label: str) -> str | None:
        """Map a human issue label the way ingestion will: trimmed, case-insensitive."""
        return self.issue_aliases.get(label.strip().lower())


def _region_display(code: str, official: str, aliases: list[str]) -> tuple[str, ...]:
    names: list[str] = []
    if code == PROVINCE_CODE:
        # Indonesian headlines write "Kalsel" or "Kalimantan Selatan", not "South Kalimantan".
        names = [_display(a) for a in aliases if a != "south kalimantan"]
        names.sort(key=lambda n: (n != "Kalsel", n))
    else:
        short = official.split(" ", 1)[1] if " " in official else official
        names = [short] + [_display(a) for a in aliases if _display(a) != short]
    return tuple(names)


@lru_cache(maxsize=4)
def load_reference(seeds_dir: Path = SEEDS_DIR) -> Reference:
    """Read the seeds once; raise with a clear message if the seed folder moved."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"dbt seeds not found at {seeds_dir}")
    regions = _read("regions.csv", seeds_dir)
    region_aliases = _read("region_aliases.csv", seeds_dir)
    issues = _read("issues.csv", seeds_dir)
    issue_aliases = _read("issue_aliases.csv", seeds_dir)
    agencies = _read("agencies.csv", seeds_dir)

    codes = sorted((r["region_code"] for r in regions), key=lambda c: (c != PROVINCE_CODE, c))
    names = {r["region_code"]: r["region_name"] for r in regions}
    by_code: dict[str, list[str]] = {c: [] for c in codes}
    for row in region_aliases:
        by_code.setdefault(row["region_code"], []).append(row["alias"].strip().lower())
    display = {c: _region_display(c, names[c], by_code[c]) for c in codes}
    return Reference(
        region_codes=tuple(codes),
        region_names=names,
        region_display=display,
        issue_codes=tuple(r["issue_code"] for r in issues),
        issue_aliases={r["alias"].strip().lower(): r["issue_code"] for r in issue_aliases},
        agencies={r["agency_code"]: r["agency_short"] for r in agencies},
        agency_regions={r["agency_code"]: r["region_code"] for r in agencies},
    )
