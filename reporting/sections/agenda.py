"""Agenda pemberitaan: did the office's press releases land this month (issue 24).

From the agenda marts (docs/agenda.md): the month's releases and how many the media picked up,
the releases with the most pickups, the releases nobody carried (a release whose pickup window
is still open at the end of the month is marked so), the agenda share per issue against last
month (`mart_agenda_monthly`, the agencies of an issue added up: their shares share one
denominator), and the outlets that carried the office's releases most often.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from agenda.settings import load_settings
from ingestion.clock import WITA
from reporting.sections.base import MonthContext

TOP_RELEASES = 5
TOP_OUTLETS = 8
MAX_UNCARRIED = 10


@dataclass(frozen=True)
class ReleaseRow:
    published_on: date  # WITA day
    agency_name: str
    issue_name: str
    title: str
    url: str | None
    pickups: int
    outlets: int
    reach: int
    hours_to_first_pickup: float | None
    positive: int
    neutral: int
    negative: int
    window_open: bool  # the pickup window ends after the month (nobody carried it yet)


@dataclass(frozen=True)
class IssueShare:
    issue_name: str
    releases: int
    pickups: int
    issue_mentions: int
    share: float | None
    share_before: float | None

    @property
    def change_pp(self) -> float | None:
        if self.share is None or self.share_before is None:
            return None
        return (self.share - self.share_before) * 100


@dataclass(frozen=True)
class OutletRow:
    outlet: str
    pickups: int
    releases: int
    reach: int


@dataclass(frozen=True)
class Agenda:
    """``known`` is false while no release is in the warehouse (the marts are empty or absent)."""

    known: bool
    window_days: int
    releases: int = 0
    picked_up: int = 0
    pickups: int = 0
    reach: int = 0
    median_hours: float | None = None
    top: tuple[ReleaseRow, ...] = ()
    uncarried: tuple[ReleaseRow, ...] = ()
    uncarried_more: int = 0
    issues: tuple[IssueShare, ...] = ()
    outlets: tuple[OutletRow, ...] = ()

    @property
    def picked_up_share(self) -> float | None:
        return self.picked_up / self.releases if self.releases else None


RELEASES_SQL = """
    select cast(r.published_at_wita as date), coalesce(a.agency_short, r.agency_code), coalesce(i.issue_name, r.issue), r.title, r.url,
           r.pickups, r.outlets, r.reach, r.hours_to_first_pickup, r.positive_pickups, r.neutral_pickups,
           r.negative_pickups, r.published_at + $window > $month_end
    from marts.mart_release_pickup r
    left join marts.dim_agency a using (agency_code)
    left join marts.dim_issue i on i.issue = r.issue
    where r.month = $month
"""


def _releases(ctx: MonthContext, window: timedelta, where: str, order: str, limit: int) -> list[ReleaseRow]:
    month_end = datetime.combine(ctx.end, time(), WITA)
    rows = ctx.con.execute(
        f"{RELEASES_SQL} and {where} order by {order} limit {int(limit)}",
        {"window": window, "month_end": month_end, "month": ctx.start},
    ).fetchall()
    return [ReleaseRow(*r) for r in rows]


def _issues(ctx: MonthContext) -> list[IssueShare]:
    rows = ctx.con.execute(
        """with per_issue as (
               select month, issue, sum(releases) as releases, sum(pickups) as pickups,
                      max(issue_mentions) as issue_mentions, sum(agenda_share) as share
               from marts.mart_agenda_monthly where month in ($month, $before) group by month, issue
           )
           select coalesce(i.issue_name, now_.issue), now_.releases, now_.pickups, now_.issue_mentions, now_.share,
                  before.share
           from per_issue now_
           left join per_issue before on before.issue = now_.issue and before.month = $before
           left join marts.dim_issue i on i.issue = now_.issue
           where now_.month = $month and (now_.releases > 0 or now_.pickups > 0)
           order by now_.share desc nulls last, now_.pickups desc, 1""",
        {"month": ctx.start, "before": ctx.before},
    ).fetchall()
    return [IssueShare(*r) for r in rows]


def _outlets(ctx: MonthContext) -> list[OutletRow]:
    rows = ctx.con.execute(
        """select outlet, count(*), count(distinct release_id), cast(sum(coalesce(reach, 0)) as bigint)
           from marts.fct_release_pickups where month = $month and outlet is not null
           group by outlet order by 2 desc, 3 desc, 1 limit $limit""",
        {"month": ctx.start, "limit": TOP_OUTLETS},
    ).fetchall()
    return [OutletRow(*r) for r in rows]


def build(ctx: MonthContext) -> Agenda:
    window_days = load_settings().window_days
    needed = ("dim_release", "mart_release_pickup", "mart_agenda_monthly", "fct_release_pickups")
    if not all(ctx.has_table("marts", t) for t in needed):
        return Agenda(False, window_days)
    if not ctx.con.execute("select count(*) from marts.dim_release").fetchall()[0][0]:
        return Agenda(False, window_days)
    window = timedelta(days=window_days)
    releases, picked_up, median_hours = ctx.con.execute(
        """select count(*), count(*) filter (where pickups > 0), median(hours_to_first_pickup)
           from marts.mart_release_pickup where month = ?""",
        [ctx.start],
    ).fetchall()[0]
    pickups, reach = ctx.con.execute(
        "select count(*), coalesce(sum(reach), 0) from marts.fct_release_pickups where month = ?", [ctx.start]
    ).fetchall()[0]
    uncarried = _releases(ctx, window, "r.pickups = 0", "r.published_at", MAX_UNCARRIED + 1000)
    return Agenda(
        True,
        window_days,
        releases,
        picked_up,
        pickups,
        int(reach),
        median_hours,
        tuple(_releases(ctx, window, "r.pickups > 0", "r.pickups desc, r.reach desc, r.published_at", TOP_RELEASES)),
        tuple(uncarried[:MAX_UNCARRIED]),
        max(0, len(uncarried) - MAX_UNCARRIED),
        tuple(_issues(ctx)),
        tuple(_outlets(ctx)),
    )
