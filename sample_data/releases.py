"""The sample's press releases and the mentions that rewrite them (issue 24).

About two releases a week over the sample's months, by the agencies of the templates
(``release_bank``); now and then a second release of the same kind in the same week (another
place, other figures), so that pickups must not be stolen. Most releases are picked up by one
to seven outlets, each rewriting the headline in its own way (dateline, ``VIDEO:``, passive
voice, the long or short form of the office, the governor's name, numbers written another
way, a headline from the lead, a social post that links the release); some are carried by
nobody. Beside them, stories on the same topic and place that do not carry the release
(decoys), and a few rewrites after the 14-day window. Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from .outlets import MAIN_TOWN, NEWS_OUTLETS
from .reference import PROVINCE_CODE, load_reference
from .release_bank import PICKUP_TAGS, RELEASE_HOSTS, TEMPLATES, ReleaseTemplate

WITA = ZoneInfo("Asia/Makassar")
PER_WEEK = 2
TWIN_SHARE = 0.15
UNCARRIED_SHARE = 0.15
LATE_SHARE = 0.04
WINDOW_DAYS = 14
SNIPPETS = (
    "Warga berharap pemerintah daerah segera turun tangan.",
    "Persoalan ini sudah berlangsung sejak beberapa pekan terakhir.",
    "Sejumlah warga menyampaikan keluhannya kepada wartawan.",
)


@dataclass(frozen=True)
class Release:
    release_id: str
    agency: str
    issue: str
    published_at: datetime  # WITA
    title: str
    lead: str
    url: str
    template: int
    slots: dict


@dataclass(frozen=True)
class Story:
    """A mention the generator writes: a rewrite of a release (``carries``) or a decoy ("")."""

    key: str
    carries: str
    published_at: datetime
    title: str
    snippet: str
    outlet: int  # index into outlets.NEWS_OUTLETS; -1 for a social post
    style: str


def _money(miliar: float, style: str) -> str:
    unit, value = ("Triliun", miliar / 1000) if miliar >= 1000 else ("Miliar", miliar)
    text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
    if style == "compact":
        return f"Rp{text} {unit[0]}"
    if style == "full":
        return f"Rp{int(round(value * (10**12 if unit == 'Triliun' else 10**9))):,}".replace(",", ".")
    if style == "lower":
        return f"Rp {text} {unit.lower()}"
    return f"Rp {text} {unit}"


def _count(n: int, style: str) -> str:
    if style == "ribu" and n >= 1000 and n % 100 == 0:
        return f"{n / 1000:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " Ribu"
    return f"{n:,}".replace(",", ".")


def _slots(rng: np.random.Generator, template: ReleaseTemplate) -> dict:
    ref = load_reference()
    code = str(rng.choice([c for c in ref.region_codes if c != PROVINCE_CODE]))
    low, high = template.n
    n = int(rng.integers(low, high))
    n = round(n, -2) if n >= 1000 else round(n, -1) if n >= 100 else n
    amount = float(rng.uniform(*template.amount))
    amount = round(amount, -2) if amount >= 1000 else round(amount, 1 if amount < 100 else 0)
    return {
        "region": code,
        "name": str(rng.choice(template.names)) if template.names else "",
        "n": max(n, 1),
        "amount": amount,
        "k": int(rng.integers(2, 13)),
    }


def _fill(text: str, slots: dict, spelling: int = 0, money: str = "release", count: str = "release") -> str:
    ref = load_reference()
    names = ref.region_display[slots["region"]]
    return (
        text.replace("{R}", names[min(spelling, len(names) - 1)])
        .replace("{RL}", ref.region_names[slots["region"]])
        .replace("{NAME}", slots["name"])
        .replace("{N}", _count(slots["n"], count))
        .replace("{AMT}", _money(slots["amount"], money))
        .replace("{K}", str(slots["k"]))
    )


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:70]


def plan_releases(seed: int, first_month: date, months: int, per_week: int = PER_WEEK) -> list[Release]:
    """About ``per_week`` releases a week from ``first_month`` for ``months`` months."""
    rng = np.random.default_rng([seed, 24, 1])
    start = datetime.combine(first_month, time(), WITA)
    end_month = first_month.month - 1 + months
    end = datetime(first_month.year + end_month // 12, end_month % 12 + 1, 1, tzinfo=WITA)
    releases: list[Release] = []
    week = start - timedelta(days=start.weekday())
    while week < end:
        kinds = list(rng.choice(len(TEMPLATES), size=per_week, replace=False))
        if rng.random() < TWIN_SHARE:
            kinds[1] = kinds[0]
        for kind in kinds:
            moment = week + timedelta(days=int(rng.integers(0, 5)), hours=int(rng.integers(8, 16)))
            if not start <= moment < end:
                continue
            template = TEMPLATES[kind]
            slots = _slots(rng, template)
            title = _fill(f"{template.subject[0]} {template.active} {template.obj} {template.tail}".strip(), slots)
            number = len(releases) + 1
            url = f"https://{RELEASE_HOSTS[template.agency]}/{moment:%Y/%m/%d}/{_slug(title)}/"
            releases.append(
                Release(
                    f"S{number:04d}", template.agency, template.issue, moment, " ".join(title.split()),
                    _fill(template.lead, slots), url, int(kind), slots,
                )
            )  # fmt: skip
        week += timedelta(days=7)
    return sorted(releases, key=lambda r: r.published_at)


def _headline(rng: np.random.Generator, release: Release) -> tuple[str, str]:
    """A rewritten headline and the style it took."""
    t = TEMPLATES[release.template]
    subject = str(rng.choice(t.subject))
    money, count = str(rng.choice(["release", "compact", "full", "lower"])), str(rng.choice(["release", "ribu"]))
    spelling = int(rng.integers(0, 3))
    style = str(rng.choice(["active", "passive", "passive", "lead"]))
    if style == "active":
        text = f"{subject} {t.active} {t.obj} {t.tail}"
    elif style == "passive":
        text = f"{t.obj} {t.tail} {t.passive} {subject}"
    else:  # from the lead: the object and the place, no subject
        text = f"{t.obj} {t.passive} {t.tail}"
    text = " ".join(_fill(text, release.slots, spelling, money, count).split())
    town = MAIN_TOWN.get(release.slots["region"], "")
    prefix = rng.random()
    if prefix < 0.3 and town:
        return f"{town.upper()} - {text}", f"{style}+dateline"
    if prefix < 0.45:
        return f"{rng.choice(PICKUP_TAGS)}{text}".strip(), f"{style}+tag"
    return text, style


def write_stories(seed: int, releases: list[Release]) -> list[Story]:
    """The rewrites and decoys of ``releases`` (module docstring)."""
    rng = np.random.default_rng([seed, 24, 2])
    stories: list[Story] = []
    for release in releases:
        t = TEMPLATES[release.template]
        carried = rng.random() >= UNCARRIED_SHARE
        for k in range(int(rng.integers(1, 8)) if carried else 0):
            late = rng.random() < LATE_SHARE
            hours = float(WINDOW_DAYS * 24 + rng.uniform(12, 96)) if late else float(min(rng.exponential(14), 320))
            when = release.published_at + timedelta(hours=0.3 + hours)
            if rng.random() < 0.1:
                text = f"{_fill(t.obj, release.slots)} {release.url}?utm_source=fb&utm_medium=social"
                carries, style = ("", "late") if late else (release.release_id, "link")
                stories.append(Story(f"{release.release_id}-{k}", carries, when, text, "", -1, style))
                continue
            title, style = _headline(rng, release)
            snippet = ""
            if rng.random() < 0.5:
                first = release.lead.split(". ")[0].rstrip(".") + "."
                town = MAIN_TOWN.get(release.slots["region"], "") or "BANJARMASIN"
                snippet = f"{town.upper()} - {first}" if rng.random() < 0.5 else first
            outlet = int(rng.integers(0, len(NEWS_OUTLETS)))
            stories.append(
                Story(f"{release.release_id}-{k}", "" if late else release.release_id, when, title, snippet, outlet,
                      "late" if late else style)
            )  # fmt: skip
        for k, decoy in enumerate(t.decoys[: int(rng.integers(1, len(t.decoys) + 1))]):
            when = release.published_at + timedelta(hours=float(rng.uniform(2, WINDOW_DAYS * 24 - 2)))
            title = _fill(decoy, release.slots, int(rng.integers(0, 3)))
            outlet = int(rng.integers(0, len(NEWS_OUTLETS)))
            snippet = str(rng.choice(SNIPPETS)) if rng.random() < 0.5 else ""
            stories.append(Story(f"{release.release_id}-x{k}", "", when, title, snippet, outlet, "decoy"))
    return sorted(stories, key=lambda s: (s.published_at, s.key))
