"""Agencies, officials and places from the reference seeds (the files dbt loads), as phrases
that name one thing: *Dinas Kesehatan*, *Dinkes* -> ``ag:dinkes``; *Gubernur Kalimantan
Selatan*, *Gubernur Kalsel*, *Ahmad Rusdiansyah*, *Rusdiansyah* -> ``o:gubernur``;
*Kabupaten Hulu Sungai Tengah*, *HST*, *Barabai* -> ``r:6307``.

A phrase is a tuple of plain words (``matching.normalize.words``); the value is a term that
stemming and stop words leave alone (it holds a colon, which no word does).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "dbt_project" / "seeds"
_WORD = re.compile(r"[a-z0-9]+")
TITLE_WORDS = frozenset(
    "gubernur wakil wagub sekda sekdaprov sekretaris kepala kadis kadinkes kalaksa karo bupati walikota".split()
)
# short forms the agencies seed does not list
AGENCY_EXTRA: dict[str, str] = {
    "dinas pendidikan": "disdikbud",
    "disdik": "disdikbud",
    "dinas pu": "dinas pupr",
    "pupr": "dinas pupr",
    "dpupr": "dinas pupr",
    "dinas pekerjaan umum": "dinas pupr",
    "dukcapil": "disdukcapil",
    "dinas dukcapil": "disdukcapil",
    "dinas penanaman modal": "dpmptsp",
    "kominfo": "diskominfo",
    "dinas kominfo": "diskominfo",
    "biro adpim": "biro adpim",
    "adpim": "biro adpim",
}


def words(text: str) -> tuple[str, ...]:
    """Lower-case words without accents or punctuation."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return tuple(_WORD.findall(plain))


def _rows(name: str, seeds: Path) -> list[dict[str, str]]:
    with (seeds / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _region_phrases(seeds: Path) -> dict[tuple[str, ...], str]:
    phrases: dict[tuple[str, ...], str] = {}
    for row in _rows("regions.csv", seeds):
        phrases[words(row["region_name"])] = f"r:{row['region_code']}"
    for row in _rows("region_aliases.csv", seeds):
        phrases.setdefault(words(row["alias"]), f"r:{row['region_code']}")
    return phrases


def _without_region(phrase: tuple[str, ...], regions: dict[tuple[str, ...], str]) -> tuple[str, ...]:
    """``phrase`` without a trailing place (*Provinsi Kalimantan Selatan*, *Kalsel*, *Kota Banjarmasin*)."""
    for cut in range(1, len(phrase)):
        if phrase[cut:] in regions:
            head = phrase[:cut]
            return head[:-1] if head and head[-1] in ("provinsi", "kabupaten", "kota", "setda", "prov") else head
    return phrase


def _agency_phrases(seeds: Path, regions: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    phrases: dict[tuple[str, ...], str] = {}
    for row in _rows("agencies.csv", seeds):
        short = _without_region(words(row["agency_short"]), regions)
        key = "ag:" + "_".join(short)
        for name in (row["agency_name"], row["agency_short"]):
            core = _without_region(words(name), regions)
            if core:
                phrases.setdefault(core, key)
    for alias, short in AGENCY_EXTRA.items():
        phrases.setdefault(words(alias), "ag:" + "_".join(words(short)))
    return phrases


def _official_phrases(seeds: Path, regions: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    phrases: dict[tuple[str, ...], str] = {}
    shortened: dict[tuple[str, ...], set[str]] = {}
    for row in _rows("official_aliases.csv", seeds):
        alias, code = words(row["alias"]), f"o:{row['official_code']}"
        phrases[alias] = code
        if TITLE_WORDS.isdisjoint(alias):  # a person's name: the press often writes the last name alone
            if len(alias[-1]) >= 8:  # short names (Hasan, Jamil) are too common to mean one person
                shortened.setdefault(alias[-1:], set()).add(code)
        else:  # a title with its place: the title alone (*Gubernur*), when it names one official
            core = _without_region(alias, regions)
            if core != alias:
                shortened.setdefault(core, set()).add(code)
    for phrase, codes in shortened.items():
        if len(codes) == 1:
            phrases.setdefault(phrase, codes.pop())
    return phrases


@cache
def seed_phrases(seeds: Path = SEEDS) -> dict[tuple[str, ...], str]:
    """Every phrase of the seeds that names an agency, an official or a place -> its term."""
    regions = _region_phrases(seeds)
    phrases = dict(regions)
    phrases.update(_agency_phrases(seeds, regions))
    phrases.update(_official_phrases(seeds, regions))
    return phrases
