"""What one unit's rapor holds: plain dataclasses filled from the marts, read by the template."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class Post:
    """One of the unit's posts of the month, by interactions per view."""

    platform: str
    account: str
    published_at: datetime | None
    text: str | None
    url: str | None
    views: int
    engagements: int
    rate: float


@dataclass(frozen=True)
class OpenAlert:
    """An alert on the unit's issues (or region) with no answer under the alerts' rule."""

    alert_id: str
    kind: str
    issue_name: str
    region_name: str | None
    window_start: datetime
    negative_mentions: int | None
    status: str


@dataclass(frozen=True)
class AccountMonth:
    """One registered account of the unit in the month."""

    platform: str
    account: str
    has_data: bool
    posts: int | None
    posts_per_week_target: float | None


@dataclass(frozen=True)
class TrendPoint:
    """The unit's composite and rank in one of the six months."""

    month: date
    composite_score: float | None
    rank: int | None
    units_ranked: int
    median_composite: float | None  # of the units of the same type that month


@dataclass
class Rapor:
    """Everything one unit's rapor shows for one month; ``row`` is its mart_humas_scorecard row,
    ``typical`` the median of each component over the province's agencies that month."""

    month: date
    generated_at: datetime
    unit: str
    unit_type: str
    unit_name: str
    unit_full_name: str
    contact_email: str | None
    row: dict[str, Any]
    typical: dict[str, float | None]
    targets: dict[str, Any]
    accounts: list[AccountMonth]
    trend: list[TrendPoint]
    best_posts: list[Post]
    weak_posts: list[Post]
    open_alerts: list[OpenAlert]
    office: str = ""
    office_region: str = ""
    recommendations: list[str] = field(default_factory=list)

    @property
    def has_accounts(self) -> bool:
        return self.row["accounts_registered"] > 0

    @property
    def silent_accounts(self) -> list[AccountMonth]:
        return [a for a in self.accounts if a.has_data and a.posts == 0]

    @property
    def accounts_without_data(self) -> list[AccountMonth]:
        return [a for a in self.accounts if not a.has_data]

    def accounts_shown(self, limit: int) -> list[AccountMonth]:
        """The accounts the page has room for: silent ones and ones without an export first,
        then the least active, so a region of twenty accounts still fits on one page."""

        def priority(a: AccountMonth) -> tuple:
            standing = 0 if a.has_data and a.posts == 0 else (1 if not a.has_data else 2)
            return (standing, a.posts or 0, a.platform, a.account)

        return sorted(self.accounts, key=priority)[:limit]
