"""What one monthly report holds: plain dataclasses filled from the marts, read by the template.

Keeping the numbers in dataclasses (not in the template's SQL) lets the tests compare every
figure of the report with the marts before any HTML is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


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


@dataclass(frozen=True)
class RegionRow(SentimentShares):
    """Mentions about one kabupaten/kota (or the province) in the month."""

    region_code: str | None
    region_name: str
    mentions: int
    previous_mentions: int
    positive: int
    neutral: int
    negative: int


@dataclass(frozen=True)
class AccountRow:
    """One official account in the month, as in `mart_platform_monthly`."""

    platform: str
    account: str
    agency: str | None
    posts: int
    views: int | None
    reach: int | None
    engagements: int
    engagement_rate: float | None
    followers_end: int | None
    follower_growth: int | None


@dataclass(frozen=True)
class TopPost:
    """One of the month's most engaging official posts, from `mart_platform_posts`."""

    platform: str
    account: str
    published_at: datetime | None
    post_type: str | None
    url: str | None
    views: int | None
    engagements: int


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
    """Everything the report shows for one month; `None` marks a mart that is not there."""

    month: date
    generated_at: datetime
    data_through: date | None
    summary: Summary
    issues: list[IssueRow]
    daily: list[tuple[date, int, int]]
    bursts: list[Burst]
    regions: list[RegionRow]
    accounts: list[AccountRow] | None
    top_posts: list[TopPost] | None
    gaps: list[Gap] | None
    warnings: list[str] = field(default_factory=list)

    @property
    def incomplete(self) -> bool:
        return bool(self.warnings)
