"""Siaran pers (siaran-pers.html): did the office's press releases set the agenda (docs/agenda.md).
The month's releases, how many the media picked up, the pickups and their reach; the agenda share
per issue against the month before (``mart_agenda_monthly``, the agencies of an issue added up:
their shares share one denominator); releases and pickups over 12 months; each release of the
month with its pickups, the hours to the first one and the tone of the coverage; the releases
nobody carried; and the widest-reaching pickups.

A regional site shows the releases of its own agencies (``dim_agency.region_code``) and, among
their pickups, headlines of its own mentions only (``fct_release_pickups.region_code``); the
province's releases and pickups appear there as counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from agenda.settings import load_settings
from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.queries import HISTORY_MONTHS
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.periods import month_bounds, months_back, previous_month
from reporting.sections.agenda import IssueShare  # the report's: the same row, the same change in points

REQUIRES = ("mart_agenda_monthly", "mart_release_pickup", "fct_release_pickups", "dim_agency")
TOP_PICKUPS = 10
# the releases of the scope's agencies (the province: every release)
IN_SCOPE = "($region is null or a.region_code = $region)"


@dataclass(frozen=True)
class ReleaseItem:
    published_at: datetime
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
    pairs_to_review: int
    window_open: bool  # the pickup window still open at the month's end


@dataclass(frozen=True)
class MonthCounts:
    month: date
    releases: int
    releases_picked_up: int
    pickups: int
    pickup_reach: int


@dataclass(frozen=True)
class PickupItem:
    published_at: datetime
    title: str | None
    url: str | None
    outlet: str | None
    reach: int | None
    sentiment: str | None
    release_title: str


@dataclass(frozen=True)
class AgendaData:
    """``known`` is false while the serving copy holds no release (the marts absent or empty)."""

    scope_name: str
    is_region: bool
    province_name: str
    month: date
    known: bool
    window_days: int = 14
    releases: tuple[ReleaseItem, ...] = ()
    pickups: int = 0  # pickups published in the month, of the scope's releases
    pickup_reach: int = 0
    issues: tuple[IssueShare, ...] = ()
    history: tuple[MonthCounts, ...] = ()
    top_pickups: tuple[PickupItem, ...] = ()
    province: MonthCounts | None = None  # a regional site: the province's month, as counts

    @property
    def picked_up(self) -> int:
        return sum(1 for r in self.releases if r.pickups)

    @property
    def picked_up_share(self) -> float | None:
        return self.picked_up / len(self.releases) if self.releases else None

    @property
    def uncarried(self) -> tuple[ReleaseItem, ...]:
        return tuple(r for r in self.releases if not r.pickups)

    @property
    def median_hours(self) -> float | None:
        hours = sorted(r.hours_to_first_pickup for r in self.releases if r.hours_to_first_pickup is not None)
        if not hours:
            return None
        middle = len(hours) // 2
        return hours[middle] if len(hours) % 2 else (hours[middle - 1] + hours[middle]) / 2


def _releases(ctx: PageContext, window_days: int) -> list[ReleaseItem]:
    end = datetime.combine(month_bounds(ctx.month)[1], time(), fmt.WITA)
    rows = ctx.con.execute(
        f"""select r.published_at, coalesce(a.agency_short, r.agency_code), coalesce(i.issue_name, r.issue), r.title,
                   r.url, r.pickups, r.outlets, r.reach, r.hours_to_first_pickup, r.positive_pickups,
                   r.neutral_pickups, r.negative_pickups, r.pairs_to_review, r.published_at + $window > $end
            from marts.mart_release_pickup r
            left join marts.dim_agency a using (agency_code)
            left join marts.dim_issue i on i.issue = r.issue
            where r.month = $month and {IN_SCOPE}
            order by r.pickups desc, r.reach desc, r.published_at, r.release_id""",
        {"month": ctx.month, "window": timedelta(days=window_days), "end": end, **ctx.params},
    ).fetchall()
    return [ReleaseItem(*r) for r in rows]


def _issues(ctx: PageContext) -> list[IssueShare]:
    rows = ctx.con.execute(
        f"""with per_issue as (
               select m.month, m.issue, sum(m.releases) as releases, sum(m.pickups) as pickups,
                      max(m.issue_mentions) as issue_mentions, sum(m.agenda_share) as share
               from marts.mart_agenda_monthly m left join marts.dim_agency a using (agency_code)
               where m.month in ($month, $before) and {IN_SCOPE} group by m.month, m.issue
           )
           select coalesce(i.issue_name, now_.issue), now_.releases, now_.pickups, now_.issue_mentions, now_.share,
                  before.share
           from per_issue now_
           left join per_issue before on before.issue = now_.issue and before.month = $before
           left join marts.dim_issue i on i.issue = now_.issue
           where now_.month = $month and (now_.releases > 0 or now_.pickups > 0)
           order by now_.share desc nulls last, now_.pickups desc, 1""",
        {"month": ctx.month, "before": previous_month(ctx.month), **ctx.params},
    ).fetchall()
    return [IssueShare(*r) for r in rows]


def _history(ctx: PageContext, window: list[date], params: dict) -> list[MonthCounts]:
    rows = ctx.con.execute(
        f"""select m.month, sum(m.releases), sum(m.releases_picked_up), sum(m.pickups), sum(m.pickup_reach)
            from marts.mart_agenda_monthly m left join marts.dim_agency a using (agency_code)
            where m.month >= $first and m.month <= $last and {IN_SCOPE} group by m.month""",
        {"first": window[0], "last": window[-1], **params},
    ).fetchall()
    found = {m: tuple(int(v or 0) for v in values) for m, *values in rows}
    return [MonthCounts(m, *found.get(m, (0, 0, 0, 0))) for m in window]


def _top_pickups(ctx: PageContext) -> list[PickupItem]:
    """The month's widest-reaching pickups of the scope's releases; in a regional site only the
    region's own mentions (a pickup elsewhere of the region's release is a count, not a headline)."""
    rows = ctx.con.execute(
        f"""select p.published_at, p.title, p.url, p.outlet, p.reach, p.sentiment, r.title
            from marts.fct_release_pickups p
            join marts.mart_release_pickup r using (release_id)
            left join marts.dim_agency a on a.agency_code = r.agency_code
            where p.month = $month and {IN_SCOPE} and ($region is null or p.region_code = $region)
            order by p.reach desc nulls last, p.published_at, p.mention_id limit $limit""",
        {"month": ctx.month, "limit": TOP_PICKUPS, **ctx.params},
    ).fetchall()
    return [PickupItem(*r) for r in rows]


def agenda_data(ctx: PageContext) -> AgendaData:
    scope = ctx.scope
    head = {"scope_name": scope.name, "is_region": scope.is_region, "province_name": scope.province_name}
    known = (
        ctx.has(*REQUIRES) and ctx.con.execute("select count(*) from marts.mart_release_pickup").fetchall()[0][0] > 0
    )
    if not known:
        return AgendaData(**head, month=ctx.month, known=False)
    window_days = load_settings().window_days
    pickups, reach = ctx.con.execute(
        f"""select count(*), coalesce(sum(p.reach), 0) from marts.fct_release_pickups p
            left join marts.dim_agency a on a.agency_code = p.agency_code where p.month = $month and {IN_SCOPE}""",
        {"month": ctx.month, **ctx.params},
    ).fetchall()[0]
    window = months_back(ctx.month, HISTORY_MONTHS)
    province = _history(ctx, [ctx.month], {"region": None})[0] if scope.is_region else None
    return AgendaData(
        **head,
        month=ctx.month,
        known=True,
        window_days=window_days,
        releases=tuple(_releases(ctx, window_days)),
        pickups=int(pickups),
        pickup_reach=int(reach),
        issues=tuple(_issues(ctx)),
        history=tuple(_history(ctx, window, ctx.params)),
        top_pickups=tuple(_top_pickups(ctx)),
        province=province,
    )


TONES = {"positive": "positif", "neutral": "netral", "negative": "negatif"}


def tables(d: AgendaData) -> list[Table]:
    if not d.known:
        return []
    release_columns = [
        Column("published_at", "Terbit (WITA)", "datetime"),
        Column("agency_name", "Instansi"),
        Column("issue_name", "Isu"),
        Column("title", "Siaran pers", "link", link_key="url"),
        Column("pickups", "Pemberitaan", "int"),
        Column("outlets", "Media", "int"),
        Column("reach", "Jangkauan", "int"),
        Column("hours_to_first_pickup", "Jam sampai diberitakan", "num1"),
        Column("positive", "Positif", "int"),
        Column("neutral", "Netral", "int"),
        Column("negative", "Negatif", "int"),
    ]
    releases = [{**r.__dict__, "_mark": not r.pickups} for r in d.releases]
    uncarried_columns = [
        Column("published_at", "Terbit (WITA)", "datetime"),
        Column("agency_name", "Instansi"),
        Column("issue_name", "Isu"),
        Column("title", "Siaran pers", "link", link_key="url"),
        Column("window", "Jendela pemberitaan"),
        Column("pairs_to_review", "Menunggu tinjauan", "int"),
    ]
    uncarried = [{**r.__dict__, "window": "masih terbuka" if r.window_open else "sudah tertutup"} for r in d.uncarried]
    issue_columns = [
        Column("issue_name", "Isu"),
        Column("releases", "Siaran pers", "int"),
        Column("pickups", "Pemberitaan", "int"),
        Column("issue_mentions", "Mention isu", "int"),
        Column("share", "Porsi agenda", "share"),
        Column("change_pp", "Perubahan (poin persen)", "pp"),
    ]
    issues = [{**i.__dict__, "change_pp": i.change_pp} for i in d.issues]
    history_columns = [
        Column("month", "Bulan", "month"),
        Column("releases", "Siaran pers", "int"),
        Column("releases_picked_up", "Diberitakan", "int"),
        Column("pickups", "Pemberitaan", "int"),
        Column("pickup_reach", "Jangkauan", "int"),
    ]
    pickup_columns = [
        Column("published_at", "Waktu (WITA)", "datetime"),
        Column("title", "Judul", "link", link_key="url"),
        Column("outlet", "Media"),
        Column("reach", "Jangkauan", "int"),
        Column("tone", "Nada"),
        Column("release_title", "Siaran pers"),
    ]
    pickups = [{**p.__dict__, "tone": TONES.get(p.sentiment, "tanpa label")} for p in d.top_pickups]
    month = fmt.month_name(d.month)
    return [
        Table("siaran-pers-bulan-ini", f"Siaran pers {month}", release_columns, releases, shown=50),
        Table("tanpa-pemberitaan", "Siaran pers yang belum diberitakan", uncarried_columns, uncarried),
        Table("porsi-agenda-per-isu", f"Porsi agenda per isu, {month}", issue_columns, issues),
        Table(
            "tren-12-bulan",
            "Siaran pers dan pemberitaan per bulan",
            history_columns,
            [h.__dict__ for h in d.history],
            folded=True,
        ),
        Table("pemberitaan-terluas", "Pemberitaan dengan jangkauan terbesar", pickup_columns, pickups),
    ]


def charts(d: AgendaData) -> dict[str, dict | None]:
    if not d.known:
        return {}
    months = [h.month for h in d.history]
    return {
        "trend": figures.lines(
            months,
            {
                "Siaran pers": [h.releases for h in d.history],
                "Siaran pers yang diberitakan": [h.releases_picked_up for h in d.history],
                "Pemberitaan": [h.pickups for h in d.history],
            },
        ),
        "issues": figures.bars([i.issue_name for i in d.issues], [i.share for i in d.issues], "share"),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [
        Document("siaran-pers.html", "Siaran pers", "agenda.html.j2", agenda_data(ctx), charts, tables, "siaran-pers")
    ]
