"""The seeds the report reads: every issue has one responsible agency, and officials are found
by their aliases (what the report's recommendations and "who is quoted" rely on)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"


def _rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_issue_has_exactly_one_responsible_agency_that_exists() -> None:
    issues = {r["issue_code"] for r in _rows("issues")}
    agencies = {r["agency_code"] for r in _rows("agencies")}
    rows = _rows("issue_agencies")
    lead = Counter(r["issue_code"] for r in rows if r["role"] == "utama")
    assert set(lead) == issues and set(lead.values()) == {1}
    assert {r["agency_code"] for r in rows} <= agencies


def test_every_official_has_an_alias_and_every_alias_an_official() -> None:
    officials = {r["official_code"] for r in _rows("officials")}
    aliases = _rows("official_aliases")
    assert {a["official_code"] for a in aliases} == officials
    assert all(a["alias"] == a["alias"].strip().lower() for a in aliases)
    assert len({a["alias"] for a in aliases}) == len(aliases)
