"""The issue taxonomy and its keywords, read from the reference seeds (the files dbt loads),
so Python and SQL agree on what an issue is."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
NO_ISSUE = "tanpa_isu"
_WORD = re.compile(r"[a-z0-9]+")


def label_key(text: str) -> str:
    """An issue label as dbt normalises it: spaces collapsed, trimmed, lower case."""
    return re.sub(r"\s+", " ", text).strip().lower()


@cache
def issue_codes(seeds: Path = SEEDS) -> dict[str, str]:
    """Every spelling of an issue (its code, its name, its aliases), normalised -> issue code."""
    keys: dict[str, str] = {}
    with (seeds / "issues.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            keys[label_key(row["issue_code"])] = row["issue_code"]
            keys[label_key(row["issue_name"])] = row["issue_code"]
    with (seeds / "issue_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            keys.setdefault(label_key(row["alias"]), row["issue_code"])
    return keys


def words(text: str) -> list[str]:
    """Lower-case words without accents or punctuation (keywords match whole words)."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _WORD.findall(plain)


@cache
def issue_keywords(seeds: Path = SEEDS) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(issue code, keyword as words) pairs of the seed issue_keywords, in file order."""
    path = seeds / "issue_keywords.csv"
    with path.open(encoding="utf-8") as fh:
        rows = [(r["issue_code"].strip(), tuple(words(r["keyword"]))) for r in csv.DictReader(fh)]
    return tuple((code, kw) for code, kw in rows if code and kw)
