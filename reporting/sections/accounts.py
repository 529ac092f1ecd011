"""Kinerja akun resmi: the official accounts' month (`mart_platform_monthly`) and their most
engaging posts (`mart_platform_posts`).

Platforms define their own engagement rate (per reach on Facebook and Instagram, per view
elsewhere), so the report compares them on one measure every platform reports: interactions
per view (engagements / views).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reporting.sections.base import MonthContext

TOP_POSTS = 5


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
    followers_end: int | None
    follower_growth: int | None

    @property
    def engagements_per_view(self) -> float | None:
        return self.engagements / self.views if self.views else None


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
class Accounts:
    """None in a field: the mart is not in the warehouse."""

    rows: list[AccountRow] | None
    top_posts: list[TopPost] | None


def build(ctx: MonthContext) -> Accounts:
    rows = posts = None
    if ctx.has_table("marts", "mart_platform_monthly"):
        rows = [
            AccountRow(*r)
            for r in ctx.con.execute(
                """select platform, account, agency, posts, views, reach, engagements, followers_end, follower_growth
                   from marts.mart_platform_monthly where month = ?
                   order by platform, engagements desc, account""",
                [ctx.start],
            ).fetchall()
        ]
    if ctx.has_table("marts", "mart_platform_posts"):
        posts = [
            TopPost(*r)
            for r in ctx.con.execute(
                """select platform, account, published_at, post_type, url, views, engagements
                   from marts.mart_platform_posts where month = ?
                   order by engagements desc, views desc nulls last, post_id limit ?""",
                [ctx.start, TOP_POSTS],
            ).fetchall()
        ]
    return Accounts(rows, posts)
