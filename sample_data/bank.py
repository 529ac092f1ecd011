"""Everything a month of rows draws from, built once per run, plus the draws both feeds share.

Both the Meltwater and the clipping writer need the same core of a mention (when, which
issue, sentiment, region and title); this module draws that core so the feeds stay consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from . import outlets, social, vocabulary
from .reference import PROVINCE_CODE, Reference
from .text import Family, Names, categorical, categorical_by_row, flat_choices
from .volume import BURST_REGION, Plan

NEWS_HOURS = np.array([1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 10, 9, 9, 10, 9, 8, 6, 5, 5, 4, 3, 2, 1], float)
SOCIAL_HOURS = np.array([3, 2, 1, 1, 1, 2, 4, 6, 7, 7, 7, 8, 9, 8, 7, 7, 8, 9, 10, 12, 13, 12, 9, 5], float)
LABEL_WEIGHTS = (0.72, 0.18, 0.10)


@dataclass
class Bank:
    """Rendered text and lookup tables shared by all months of a run."""

    ref: Reference
    names: Names
    news: Family
    leads: Family
    posts: Family
    follow: tuple[pl.Series, np.ndarray, np.ndarray]
    labels: tuple[pl.Series, np.ndarray, np.ndarray]
    phrases: tuple[pl.Series, np.ndarray, np.ndarray]
    region_p: np.ndarray  # [issue, region]
    burst_region_p: np.ndarray  # [region]
    towns: pl.Series  # per region, "" for the province
    burst_group: int


def _groups(table: vocabulary.Templates, issues: tuple[str, ...], burst: list[str]) -> list[list[str]]:
    groups = [table[i][s] for i in issues for s in vocabulary.SENTIMENTS]
    return groups + [burst]


def build_bank(ref: Reference) -> Bank:
    """Render every template for every region spelling and check labels against the seeds."""
    issues = ref.issue_codes
    missing = [i for i in issues if i not in vocabulary.NEWS_HEADLINES or i not in outlets.ISSUE_LABELS]
    if missing:
        raise ValueError(f"no sample vocabulary for issues {missing}; add them to sample_data")
    for issue in issues:
        for label in outlets.ISSUE_LABELS[issue]:
            if ref.issue_of_label(label) != issue:
                raise ValueError(f"issue label {label!r} does not map to {issue} via issue_aliases.csv")
    names = Names(ref)
    weights = np.array([outlets.PROVINCE_SHARE if c == PROVINCE_CODE else 0.0 for c in ref.region_codes])
    region_p = np.empty((len(issues), len(ref.region_codes)))
    for j, issue in enumerate(issues):
        boost = outlets.ISSUE_REGION_BOOST.get(issue, {})
        w = np.array([outlets.REGION_WEIGHT.get(c, 0.03) * boost.get(c, 1.0) for c in ref.region_codes])
        w[0] = 0.0
        region_p[j] = weights + (1 - outlets.PROVINCE_SHARE) * w / w.sum()
    burst_w = {BURST_REGION: 0.8, "6302": 0.08, "6301": 0.06, "6303": 0.06}
    burst_p = np.array([burst_w.get(c, 0.0) for c in ref.region_codes])
    return Bank(
        ref=ref,
        names=names,
        news=Family(_groups(vocabulary.NEWS_HEADLINES, issues, vocabulary.BURST_HEADLINES), names),
        leads=Family(_groups(vocabulary.LEAD_SENTENCES, issues, vocabulary.BURST_LEADS), names),
        posts=Family(_groups(social.SOCIAL_POSTS, issues, social.BURST_POSTS), names),
        follow=flat_choices([vocabulary.FOLLOW_SENTENCES[i] for i in issues]),
        labels=flat_choices([outlets.ISSUE_LABELS[i] for i in issues]),
        phrases=flat_choices([vocabulary.KEY_PHRASES[i] for i in issues]),
        region_p=region_p,
        burst_region_p=burst_p / burst_p.sum(),
        towns=pl.Series([outlets.MAIN_TOWN.get(c, "") for c in ref.region_codes], dtype=pl.String),
        burst_group=len(issues) * 3,
    )


def pick_in(
    rng: np.random.Generator,
    key: np.ndarray,
    table: tuple[pl.Series, np.ndarray, np.ndarray],
    weights: tuple[float, ...] | None = None,
) -> pl.Series:
    """Gather one option per row from per-key option lists (uniform, or weighted by position)."""
    series, offset, count = table
    if weights is None:
        variant = np.minimum((rng.random(len(key)) * count[key]).astype(np.int64), count[key] - 1)
    else:
        variant = np.minimum(categorical(rng, len(key), list(weights)), count[key] - 1)
    return series.gather(offset[key] + variant)


@dataclass
class Core:
    """The shared core of a month of mentions, sorted by time."""

    ts: np.ndarray  # datetime64[m]
    issue: np.ndarray
    sentiment: np.ndarray  # 0 positive, 1 neutral, 2 negative
    region: np.ndarray
    name: np.ndarray
    social: np.ndarray  # bool
    burst: np.ndarray  # bool
    text_group: np.ndarray  # group in the news/leads/posts families


def draw_core(rng: np.random.Generator, plan: Plan, bank: Bank, month: int, feed: int, burst_issue: int) -> Core:
    """Expand the plan's counts for one month and feed into time-sorted mentions."""
    in_month = np.nonzero(plan.month_of_day == month)[0]
    cells = plan.counts[in_month, :, feed]
    n_issues = cells.shape[1]
    flat = cells.ravel()
    day = np.repeat(np.repeat(in_month, n_issues), flat)
    issue = np.repeat(np.tile(np.arange(n_issues), len(in_month)), flat)
    burst = np.zeros(len(day), dtype=bool)
    if feed == 0 and plan.burst_day is not None and plan.month_of_day[plan.burst_day] == month:
        day = np.concatenate([day, np.full(plan.burst_rows, plan.burst_day)])
        issue = np.concatenate([issue, np.full(plan.burst_rows, burst_issue)])
        burst = np.concatenate([burst, np.ones(plan.burst_rows, dtype=bool)])
    n = len(day)
    share = np.where(burst, 0.55, plan.social_p[day]) if feed == 0 else np.zeros(n)
    is_social = rng.random(n) < share
    hours = np.where(is_social, categorical(rng, n, SOCIAL_HOURS), categorical(rng, n, NEWS_HOURS))
    minutes = rng.integers(0, 60, n)
    ts = plan.days[day].astype("datetime64[m]") + (hours * 60 + minutes).astype("timedelta64[m]")
    order = np.argsort(ts, kind="stable")
    ts, day, issue, burst, is_social = ts[order], day[order], issue[order], burst[order], is_social[order]

    sentiment = categorical_by_row(rng, plan.sentiment_p[month, issue])
    sentiment[burst] = 2
    region = categorical_by_row(rng, bank.region_p[issue])
    if burst.any():
        region[burst] = categorical(rng, int(burst.sum()), bank.burst_region_p)
    name = bank.names.pick(region, rng.random(n))
    group = np.where(burst, bank.burst_group, issue * 3 + sentiment)
    return Core(ts, issue, sentiment, region, name, is_social, burst, group)
