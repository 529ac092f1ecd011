"""Amplifikasi oleh ASN: how far each agency's civil servants carried official messages this
month (`mart_amplification_monthly`), and the official posts they carried furthest
(`mart_amplification_posts`).

Per agency, never per person (UU 27/2022): the marts already withhold every value that
describes fewer than k people, and this section shows such a value as withheld, never as a
number, a rank or a total that would give it back. Agencies are listed by active share, the
withheld ones last (a hidden value takes no place in an order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reporting.sections.base import MonthContext

TOP_POSTS = 5


@dataclass(frozen=True)
class AgencyAmplification:
    """One agency's month, as in `mart_amplification_monthly` (None = withheld)."""

    agency_code: str
    agency_name: str
    roster_accounts: int | None
    active_amplifiers: int | None
    active_share: float | None
    amplification_posts: int | None
    amplified_reach: int | None
    official_posts: int
    official_posts_amplified: int | None
    suppressed: bool


@dataclass(frozen=True)
class TravelledPost:
    """An official post of the month that at least k civil servants shared (`mart_amplification_posts`)."""

    agency_name: str | None
    platform: str
    account: str
    published_at: datetime | None
    url: str | None
    asn_sharers: int
    asn_shares: int
    asn_reach: int


@dataclass(frozen=True)
class Amplification:
    """``known`` is false while the warehouse holds no roster (the marts are empty or absent)."""

    known: bool
    k: int | None
    agencies: list[AgencyAmplification]
    top_posts: list[TravelledPost]


def agency_rows(ctx: MonthContext) -> list[AgencyAmplification]:
    rows = ctx.con.execute(
        """select m.agency_code, coalesce(a.agency_short, m.agency_code), m.roster_accounts, m.active_amplifiers,
                  m.active_share, m.amplification_posts, m.amplified_reach, m.official_posts,
                  m.official_posts_amplified, m.suppressed
           from marts.mart_amplification_monthly m left join marts.dim_agency a using (agency_code)
           where m.month = ?
           order by m.active_share desc nulls last, 2""",
        [ctx.start],
    ).fetchall()
    return [AgencyAmplification(*r) for r in rows]


def top_posts(ctx: MonthContext) -> list[TravelledPost]:
    rows = ctx.con.execute(
        """select a.agency_short, p.platform, p.account, p.published_at, p.url, p.asn_sharers, p.asn_shares, p.asn_reach
           from marts.mart_amplification_posts p left join marts.dim_agency a using (agency_code)
           where p.month = ? and not p.suppressed
           order by p.asn_reach desc, p.asn_shares desc, p.platform, p.post_id limit ?""",
        [ctx.start, TOP_POSTS],
    ).fetchall()
    return [TravelledPost(*r) for r in rows]


def build(ctx: MonthContext) -> Amplification:
    if not (
        ctx.has_table("marts", "mart_amplification_monthly") and ctx.has_table("marts", "mart_amplification_posts")
    ):
        return Amplification(False, None, [], [])
    k = ctx.con.execute("select max(suppression_k) from marts.mart_amplification_monthly").fetchall()[0][0]
    if k is None:  # no roster loaded yet
        return Amplification(False, None, [], [])
    return Amplification(True, k, agency_rows(ctx), top_posts(ctx))
