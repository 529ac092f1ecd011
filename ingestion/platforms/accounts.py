"""Whose account a file is, and which dates it covers, from where it was dropped and its name.

A file that names its account (a page name column, a link with the handle, a file name like
``tweet_activity_metrics_<user>_...``) still gets the folder's name when it sits in
``landing/platform/<account>/``: the folder is the team's own name for the account, so every
file of one office lines up under one key. Without a folder the file's own name is used,
then the account registry, then a placeholder named after the file (with a warning).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath

from ingestion.platforms.profiles import PlatformProfile

ACCOUNT_SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "accounts.csv"
DATE_IN_NAME = re.compile(r"(?<![0-9])(20[0-9]{2})-?([01][0-9])-?([0-3][0-9])(?![0-9])")


def clean_account(value: str) -> str:
    """Accounts compare as lower-case handles without a leading @."""
    return value.strip().lstrip("@").strip().lower()


@cache
def registered_accounts(seed: Path = ACCOUNT_SEED) -> tuple[tuple[str, str], ...]:
    """(platform, account) pairs of the account registry, longest account first."""
    if not seed.exists():
        return ()
    with seed.open(encoding="utf-8", newline="") as fh:
        pairs = {(r["platform"].strip(), clean_account(r["account"])) for r in csv.DictReader(fh)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[1]), p)))


@dataclass(frozen=True)
class AccountHint:
    """What the file's location says about its account; ``fallback`` when nothing does."""

    account: str | None  # folder, file name or registry; None = take it from the rows
    fallback: str  # used for rows that name no account either
    source: str  # folder | file name | registry | rows


def account_hint(name: str, profile: PlatformProfile, platform: str, seed: Path = ACCOUNT_SEED) -> AccountHint:
    """``name`` is the file's path under the landing folder (ZIP members: ``zip/member``)."""
    parts = PurePosixPath(name).parts
    stem = PurePosixPath(name).stem
    fallback = clean_account(re.sub(r"[^0-9A-Za-z_.]+", "_", stem).strip("_")) or "unnamed"
    if len(parts) > 1 and not parts[0].lower().endswith(".zip"):
        return AccountHint(clean_account(parts[0]), fallback, "folder")
    if profile.account_from_name:
        found = re.search(profile.account_from_name, PurePosixPath(name).name, re.IGNORECASE)
        if found:
            return AccountHint(clean_account(found.group(1)), fallback, "file name")
    tokens = re.sub(r"[^0-9a-z_]+", " ", name.lower())
    for reg_platform, account in registered_accounts(seed):
        if reg_platform == platform and re.search(rf"(?<![0-9a-z]){re.escape(account)}(?![0-9a-z])", tokens):
            return AccountHint(account, fallback, "registry")
    return AccountHint(None, fallback, "rows")


def platform_of(name: str, profile: PlatformProfile) -> str:
    """The profile's platform, unless a word of the file name says otherwise (Meta page files)."""
    words = set(re.split(r"[^0-9a-z]+", name.lower()))
    return next((p for word, p in profile.platform_from_name.items() if word in words), profile.platform)


def range_end(name: str, export_date: date) -> date:
    """Last day an export can cover: the latest date in its name, else the day it was exported.

    Year-less dates (TikTok's ``April 12``) take the latest year that puts them on or before
    this day, so a range across New Year reads as December then January.
    """
    found = []
    for y, m, d in DATE_IN_NAME.findall(name):
        try:
            found.append(date(int(y), int(m), int(d)))
        except ValueError:
            continue
    return max(found) if found else export_date


def fallback_warning(file_name: str, fallback: str) -> str:
    """How to name the account of a file that does not say whose it is."""
    return (
        f"{file_name}: the file does not name its account; loaded under '{fallback}'. "
        f"Drop it in landing/platform/<account>/ (e.g. landing/platform/diskominfokalsel/) "
        f"or add the account to dbt_project/seeds/accounts.csv and put its name in the file name"
    )
