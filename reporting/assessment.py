"""What the month's numbers say needs attention: the summary's choice of issues, in one place.

An issue's negative share is called out only when its counts carry it (at least
``min_negative`` negative and ``min_labelled`` labelled mentions this month), and its change
only when last month had ``min_labelled`` labelled mentions too: 3 -> 11 negative mentions is
noise, not a headline. An issue needs action when it had a negative burst, or its called
negative share sits at or above ``attention_share`` (this month, or ``persistent_months``
months in a row); a change of ``change_points`` or more is named as worse or better.
Thresholds: report.yml (``thresholds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from reporting.config import Thresholds
from reporting.model import Burst, IssueRow, RegionRow
from reporting.periods import months_back, previous_month

MOST_NEGATIVE = 3
HISTORY_MONTHS = 12  # how far back "months in a row" and the trend look


@dataclass(frozen=True)
class MonthCount:
    """One issue's counts in one month (from `mart_issue_sentiment_monthly`)."""

    mentions: int
    labelled: int
    negative: int

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.labelled if self.labelled else None


@dataclass(frozen=True)
class RegionFocus:
    """The kabupaten/kota with most of an issue's negative mentions this month."""

    region_code: str
    region_name: str
    negative: int
    share: float


@dataclass(frozen=True)
class IssueCall:
    """What the data says about one issue this month."""

    issue: IssueRow
    previous: MonthCount | None
    change_pp: float | None
    small_sample: bool
    called: bool
    change_called: bool
    high_negative: bool
    worsening: bool
    improving: bool
    months_negative: int
    persistent: bool
    bursts: tuple[Burst, ...]
    focus: RegionFocus | None

    @property
    def needs_action(self) -> bool:
        return bool(self.bursts) or self.high_negative or self.persistent


@dataclass(frozen=True)
class Findings:
    """The issues the summary leads with, and the province apart from the kabupaten/kota."""

    calls: list[IssueCall]
    most_negative: list[IssueCall]
    worsening: list[IssueCall]
    improving: list[IssueCall]
    persistent: list[IssueCall]
    needs_action: list[IssueCall]
    province: RegionRow | None
    worst_region: RegionRow | None


def _called(count: MonthCount | None, th: Thresholds) -> bool:
    return count is not None and count.labelled >= th.min_labelled and count.negative >= th.min_negative


def _months_negative(history: dict[date, MonthCount], month: date, th: Thresholds) -> int:
    """Months in a row, ending with ``month``, whose negative share was called and at or above the line."""
    run = 0
    for m in reversed(months_back(month, HISTORY_MONTHS)):
        count = history.get(m)
        if not (_called(count, th) and count.negative_share >= th.attention_share):
            break
        run += 1
    return run


def call_issue(
    row: IssueRow,
    history: dict[date, MonthCount],
    month: date,
    bursts: list[Burst],
    focus: RegionFocus | None,
    th: Thresholds,
) -> IssueCall:
    """Apply the thresholds to one issue."""
    now = MonthCount(row.mentions, row.labelled, row.negative)
    before = history.get(previous_month(month))
    called = _called(now, th)
    change_called = called and before is not None and before.labelled >= th.min_labelled
    change = (now.negative_share - before.negative_share) * 100 if change_called else None
    months_negative = _months_negative({**history, month: now}, month, th)
    return IssueCall(
        issue=row,
        previous=before,
        change_pp=change,
        small_sample=row.labelled < th.min_labelled,
        called=called,
        change_called=change_called,
        high_negative=called and now.negative_share >= th.attention_share,
        worsening=change is not None and change >= th.change_points,
        improving=change is not None and change <= -th.change_points,
        months_negative=months_negative,
        persistent=months_negative >= th.persistent_months,
        bursts=tuple(b for b in bursts if b.issue == row.issue),
        focus=focus if called and focus is not None and focus.share >= th.region_focus_share else None,
    )


def _region_called(row: RegionRow, th: Thresholds) -> bool:
    return row.labelled >= th.min_labelled and row.negative >= th.min_negative


def assess(
    issues: list[IssueRow],
    history: dict[str, dict[date, MonthCount]],
    month: date,
    bursts: list[Burst],
    focus: dict[str, RegionFocus],
    regions: list[RegionRow],
    th: Thresholds,
) -> Findings:
    """The month's findings from its issue rows, their recent months, bursts and regions."""
    calls = [call_issue(i, history.get(i.issue, {}), month, bursts, focus.get(i.issue), th) for i in issues]
    called = [c for c in calls if c.called]
    by_share = sorted(called, key=lambda c: (-c.issue.negative_share, -c.issue.negative, c.issue.issue))
    burst_size = {c.issue.issue: max((b.negative for b in c.bursts), default=0) for c in calls}
    needs = sorted(
        (c for c in calls if c.needs_action),
        key=lambda c: (-burst_size[c.issue.issue], -c.issue.negative, c.issue.issue),
    )
    kabkota = [r for r in regions if r.region_type in ("kabupaten", "kota") and _region_called(r, th)]
    return Findings(
        calls=calls,
        most_negative=by_share[:MOST_NEGATIVE],
        worsening=sorted((c for c in calls if c.worsening), key=lambda c: -c.change_pp),
        improving=sorted((c for c in calls if c.improving), key=lambda c: c.change_pp),
        persistent=[c for c in by_share if c.persistent],
        needs_action=needs,
        province=next((r for r in regions if r.region_type == "provinsi"), None),
        worst_region=max(kabkota, key=lambda r: (r.negative_share, r.negative), default=None),
    )


def issue_history(con: duckdb.DuckDBPyConnection, month: date, months: int) -> dict[str, dict[date, MonthCount]]:
    """Each issue's counts over the ``months`` months before ``month`` (not including it)."""
    first = months_back(month, months + 1)[0]
    rows = con.execute(
        """select issue, month, mentions, positive + neutral + negative, negative
           from marts.mart_issue_sentiment_monthly where month >= ? and month < ?""",
        [first, month],
    ).fetchall()
    history: dict[str, dict[date, MonthCount]] = {}
    for issue, m, mentions, labelled, negative in rows:
        history.setdefault(issue, {})[m] = MonthCount(int(mentions), int(labelled), int(negative))
    return history


def region_focus(con: duckdb.DuckDBPyConnection, start: date, end: date) -> dict[str, RegionFocus]:
    """Per issue, the kabupaten/kota with the most negative mentions and its share of them."""
    rows = con.execute(
        """with negative as (
             select issue, region_code, count(*) as n from marts.fct_mentions
             where mention_date >= ? and mention_date < ? and sentiment = 'negative' group by all),
           totals as (select issue, sum(n) as total from negative group by issue),
           ranked as (
             select negative.*, r.region_name,
                    row_number() over (partition by issue order by n desc, region_code) as rank_in_issue
             from negative join marts.dim_region r using (region_code)
             where r.region_type in ('kabupaten', 'kota'))
           select issue, region_code, region_name, n, n / total
           from ranked join totals using (issue) where rank_in_issue = 1""",
        [start, end],
    ).fetchall()
    return {issue: RegionFocus(code, name, int(n), float(share)) for issue, code, name, n, share in rows}
