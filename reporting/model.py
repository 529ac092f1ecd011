"""What one monthly report holds: plain dataclasses filled from the marts, read by the template.

Keeping the numbers in dataclasses (not in the template's SQL) lets the tests compare every
figure of the report with the marts before any HTML is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from reporting.config import ReportSettings
from reporting.periods import Coverage


class SentimentShares:
    """Shares over labelled mentions as design.md defines them (None when none is labelled);
    for classes with ``positive``, ``neutral`` and ``negative`` counts."""

    @property
    def labelled(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def positive_share(self) -> float | None:
        return self.positive / self.labelled if self.labelled else None

    @property
    def negative_share(self) -> float | None:
        return self.negative / self.labelled if self.labelled else None

    @property
    def net_sentiment(self) -> float | None:
        return (self.positive - self.negative) / self.labelled if self.labelled else None

    @property
    def unlabeled_share(self) -> float | None:
        """Share of all mentions without a sentiment label (left out of every share)."""
        total = self.labelled + getattr(self, "unlabeled", 0)
        return getattr(self, "unlabeled", 0) / total if total else None


@dataclass(frozen=True)
class Totals(SentimentShares):
    """Counts and shares of all mentions of one month (shares over labelled mentions)."""

    mentions: int
    positive: int
    neutral: int
    negative: int
    unlabeled: int


@dataclass(frozen=True)
class Summary:
    """The executive summary: this month against the previous calendar month."""

    current: Totals
    previous: Totals | None

    @property
    def mentions_change(self) -> float | None:
        """Relative change of the mention count (0.1 = +10%)."""
        if self.previous is None or not self.previous.mentions:
            return None
        return self.current.mentions / self.previous.mentions - 1

    def _pp(self, name: str) -> float | None:
        now = getattr(self.current, name)
        before = getattr(self.previous, name) if self.previous else None
        return None if now is None or before is None else (now - before) * 100

    @property
    def positive_share_change_pp(self) -> float | None:
        return self._pp("positive_share")

    @property
    def negative_share_change_pp(self) -> float | None:
        return self._pp("negative_share")

    @property
    def net_sentiment_change(self) -> float | None:
        now, before = self.current.net_sentiment, self.previous.net_sentiment if self.previous else None
        return None if now is None or before is None else now - before


@dataclass(frozen=True)
class MonthTotals(SentimentShares):
    """All issues of one month together, for the 12-month trend."""

    month: date
    mentions: int
    positive: int
    neutral: int
    negative: int
    unlabeled: int


@dataclass(frozen=True)
class DayCount:
    """Mentions of one WITA day of the month, by sentiment."""

    day: date
    mentions: int
    positive: int
    neutral: int
    negative: int
    unlabeled: int


@dataclass(frozen=True)
class IssueRow:
    """One issue in the month, as in `mart_issue_sentiment_monthly`."""

    issue: str
    issue_name: str
    mentions: int
    positive: int
    neutral: int
    negative: int
    unlabeled: int
    positive_share: float | None
    negative_share: float | None
    net_sentiment: float | None
    share_of_voice: float | None
    positive_share_change_pp: float | None
    negative_share_change_pp: float | None

    @property
    def labelled(self) -> int:
        return self.positive + self.neutral + self.negative


@dataclass(frozen=True)
class Headline:
    """A negative mention that drove a burst."""

    title: str
    outlet: str | None
    published_at: datetime
    reach: int | None


@dataclass(frozen=True)
class Burst:
    """A day on which the negative coverage of one issue burst above its recent level."""

    issue: str
    issue_name: str
    day: date
    negative: int
    baseline: float
    headlines: list[Headline]
    outlets: list[tuple[str, int]]
    window_start: datetime | None = None  # the alert's window (WITA 6-hour windows or the day)
    window_end: datetime | None = None


@dataclass(frozen=True)
class RegionRow(SentimentShares):
    """Mentions about one kabupaten/kota (or the province) in the month, last month's beside them."""

    region_code: str | None
    region_name: str
    region_type: str | None
    mentions: int
    previous_mentions: int
    positive: int
    neutral: int
    negative: int
    previous_labelled: int
    previous_negative: int

    @property
    def negative_share_change_pp(self) -> float | None:
        if not self.labelled or not self.previous_labelled:
            return None
        return (self.negative_share - self.previous_negative / self.previous_labelled) * 100


@dataclass(frozen=True)
class Gap:
    """A `dq_gaps` finding that touches the month."""

    kind: str
    subject: str
    start_date: date
    end_date: date
    severity: str
    detail: str


@dataclass
class ReportData:
    """Everything the report shows for one month. The core facts are read first; each section
    of ``reporting.sections`` then adds its own part under ``sections[key]``."""

    month: date
    generated_at: datetime
    data_through: date | None
    settings: ReportSettings
    coverage: Coverage
    summary: Summary
    issues: list[IssueRow]
    history: list[MonthTotals]
    daily: list[DayCount]
    bursts: list[Burst]
    regions: list[RegionRow]
    gaps: list[Gap] | None
    findings: Any = None
    recommendations: list = field(default_factory=list)
    sections: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.summary.current.mentions > 0

    @property
    def incomplete(self) -> bool:
        return bool(self.warnings)

    @property
    def document_number(self) -> str:
        return self.settings.document_number(self.month)
