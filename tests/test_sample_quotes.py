"""The sample's news quotes named officials (so the report's "who is quoted" shows something
real), only in news rows: social posts of private persons are left as they were."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import polars as pl
import pytest
from test_sample_data import read_rows

from sample_data.generate import generate

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
SOCIAL = {"Twitter", "Instagram", "TikTok", "Facebook", "YouTube"}
VERBS = re.compile(r'(mengatakan|menjelaskan|menegaskan|menyampaikan), "')


@pytest.fixture(scope="module")
def meltwater(tmp_path_factory: pytest.TempPathFactory) -> pl.DataFrame:
    home = tmp_path_factory.mktemp("quotes")
    generate(home, mentions=4000, months=2, seed=5)
    frames = [pl.DataFrame(read_rows(p)) for p in sorted((home / "landing" / "media").glob("meltwater_*.csv"))]
    return pl.concat(frames, how="diagonal")


def _alias_pattern() -> re.Pattern:
    with (SEEDS / "official_aliases.csv").open(encoding="utf-8") as fh:
        aliases = sorted((r["alias"] for r in csv.DictReader(fh)), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(a) for a in aliases) + r")\b")


def test_quotes_name_an_official_by_a_seed_alias_and_only_in_news(meltwater: pl.DataFrame) -> None:
    quoted = meltwater.filter(pl.col("Opening Text").str.contains(VERBS.pattern))
    assert 0.2 < quoted.height / meltwater.filter(~pl.col("Source").is_in(SOCIAL)).height < 0.5
    assert not quoted["Source"].is_in(SOCIAL).any()
    pattern = _alias_pattern()
    assert all(pattern.search(text.lower()) for text in quoted["Opening Text"])
