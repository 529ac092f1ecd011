"""Hoaks (hoaks.html): the registered hoaxes (docs/hoaxes.md) with their status (`aktif` /
`mereda`, as ``mart_hoax`` judges it), the hours from the first spread to the clarification, the
share of the reach that was debunk, the spread against the debunk per day of each hoax
(``mart_hoax_daily``), the hoaxes still without a clarification first and highlighted, and the
month's widest-reaching spreading mentions (``fct_hoax_mentions``).

A regional site shows the hoaxes registered for its region (``mart_hoax.region_code``) in detail,
the other hoaxes (province-wide and other regions') as counts, and among the spreading mentions
only its own region's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.periods import month_bounds

REQUIRES = ("mart_hoax", "mart_hoax_daily")
MAX_CHARTS = 6  # daily charts, for the hoaxes that spread last
TOP_MENTIONS = 10
IN_SCOPE = "($region is null or h.region_code = $region)"
STATUS = {"aktif": "Aktif", "mereda": "Mereda"}
CATEGORIES = {
    "hoaks": "Hoaks",
    "disinformasi": "Disinformasi",
    "misinformasi": "Misinformasi",
    "malinformasi": "Malinformasi",
}


@dataclass(frozen=True)
class HoaxItem:
    hoax_id: str
    claim: str
    category: str | None
    issue_name: str | None
    region_name: str | None
    first_spread_at: datetime | None
    last_spread_at: datetime | None
    klarifikasi_at: datetime | None
    klarifikasi_url: str | None
    hours_to_klarifikasi: float | None
    spread_mentions: int
    spread_reach: int
    debunk_mentions: int
    debunk_reach: int
    debunk_reach_share: float | None
    official_debunk_posts: int
    status: str | None

    @property
    def clarified(self) -> bool:
        return self.klarifikasi_at is not None


@dataclass(frozen=True)
class HoaxDays:
    """One hoax's days from its first to its last traced mention (quiet days are zeros)."""

    chart: str  # the chart's name on the page (an index, not the hoax's text)
    hoax_id: str
    claim: str
    days: tuple[date, ...]
    spread_mentions: tuple[int, ...]
    spread_reach: tuple[int, ...]
    debunk_mentions: tuple[int, ...]
    debunk_reach: tuple[int, ...]


@dataclass(frozen=True)
class SpreadMention:
    published_at: datetime
    claim: str
    title: str | None
    url: str | None
    outlet: str | None
    reach: int | None


@dataclass(frozen=True)
class Elsewhere:
    """A regional site: the hoaxes of the province and of other regions, as counts."""

    hoaxes: int
    active: int
    without_klarifikasi: int


@dataclass(frozen=True)
class HoaxData:
    """``known`` is false while the serving copy holds no hoax (the marts absent or empty)."""

    scope_name: str
    is_region: bool
    province_name: str
    month: date
    known: bool
    status_as_of: date | None = None
    hoaxes: tuple[HoaxItem, ...] = ()
    days: tuple[HoaxDays, ...] = ()
    month_spread: tuple[SpreadMention, ...] = ()
    elsewhere: Elsewhere | None = None

    @property
    def active(self) -> int:
        return sum(1 for h in self.hoaxes if h.status == "aktif")

    @property
    def without_klarifikasi(self) -> tuple[HoaxItem, ...]:
        return tuple(h for h in self.hoaxes if not h.clarified)

    @property
    def debunk_reach_share(self) -> float | None:
        """Debunk reach over spread and debunk reach, all the scope's hoaxes together."""
        total = sum(h.spread_reach + h.debunk_reach for h in self.hoaxes)
        return sum(h.debunk_reach for h in self.hoaxes) / total if total else None


HOAXES_SQL = f"""
    select h.hoax_id, h.claim, h.category, coalesce(i.issue_name, h.issue), r.region_name, h.first_spread_at,
           h.last_spread_at, h.klarifikasi_at, h.klarifikasi_url, h.hours_to_klarifikasi, h.spread_mentions,
           h.spread_reach, h.debunk_mentions, h.debunk_reach, h.debunk_reach_share, h.official_debunk_posts, h.status
    from marts.mart_hoax h
    left join marts.dim_issue i on i.issue = h.issue
    left join marts.dim_region r on r.region_code = h.region_code
    where {IN_SCOPE}
    order by h.klarifikasi_at is not null, h.status = 'aktif' desc, h.last_spread_at desc nulls last, h.hoax_id
"""


def _days(ctx: PageContext, hoaxes: list[HoaxItem]) -> list[HoaxDays]:
    spreading = sorted(
        (h for h in hoaxes if h.spread_mentions or h.debunk_mentions),
        key=lambda h: (h.last_spread_at is None, -(h.last_spread_at.timestamp() if h.last_spread_at else 0), h.hoax_id),
    )[:MAX_CHARTS]
    if not spreading:
        return []
    rows = ctx.con.execute(
        """select hoax_id, day, spread_mentions, spread_reach, debunk_mentions, debunk_reach
           from marts.mart_hoax_daily where hoax_id in (select unnest($ids)) order by hoax_id, day""",
        {"ids": [h.hoax_id for h in spreading]},
    ).fetchall()
    per: dict[str, list[tuple]] = {}
    for hoax_id, *values in rows:
        per.setdefault(hoax_id, []).append(tuple(values))
    found = []
    for k, h in enumerate(spreading):
        values = per.get(h.hoax_id, [])
        if values:
            columns = list(zip(*values))
            found.append(HoaxDays(f"hoaks-{k + 1}", h.hoax_id, h.claim, *(tuple(c) for c in columns)))
    return found


def hoax_data(ctx: PageContext) -> HoaxData:
    scope = ctx.scope
    head = {"scope_name": scope.name, "is_region": scope.is_region, "province_name": scope.province_name}
    if not ctx.has(*REQUIRES):
        return HoaxData(**head, month=ctx.month, known=False)
    total, as_of = ctx.con.execute("select count(*), max(status_as_of) from marts.mart_hoax").fetchall()[0]
    if not total:
        return HoaxData(**head, month=ctx.month, known=False)
    params = ctx.params
    if not ctx.has("dim_issue", "dim_region"):  # the register's codes, without their names
        sql = HOAXES_SQL.replace("marts.dim_issue i", "(select null as issue, null as issue_name) i").replace(
            "marts.dim_region r", "(select null as region_code, null as region_name) r"
        )
    else:
        sql = HOAXES_SQL
    hoaxes = [HoaxItem(*r) for r in ctx.con.execute(sql, params).fetchall()]
    month_spread = []
    if ctx.has("fct_hoax_mentions"):
        start, end = month_bounds(ctx.month)
        rows = ctx.con.execute(
            f"""select m.published_at, h.claim, m.title, m.url, m.outlet, m.reach
                from marts.fct_hoax_mentions m join marts.mart_hoax h using (hoax_id)
                where m.role = 'spread' and m.mention_date >= $start and m.mention_date < $end and {IN_SCOPE}
                  and ($region is null or m.region_code = $region)
                order by m.reach desc nulls last, m.published_at, m.mention_id limit $limit""",
            {"start": start, "end": end, "limit": TOP_MENTIONS, **params},
        ).fetchall()
        month_spread = [SpreadMention(*r) for r in rows]
    elsewhere = None
    if scope.is_region:
        elsewhere = Elsewhere(
            *ctx.con.execute(
                """select count(*), count(*) filter (where status = 'aktif'),
                          count(*) filter (where klarifikasi_at is null)
                   from marts.mart_hoax where region_code is distinct from $region""",
                params,
            ).fetchall()[0]
        )
    return HoaxData(
        **head,
        month=ctx.month,
        known=True,
        status_as_of=as_of,
        hoaxes=tuple(hoaxes),
        days=tuple(_days(ctx, hoaxes)),
        month_spread=tuple(month_spread),
        elsewhere=elsewhere,
    )


def tables(d: HoaxData) -> list[Table]:
    if not d.known:
        return []
    columns = [
        Column("claim", "Klaim"),
        Column("status_label", "Status"),
        Column("category_label", "Kategori"),
        Column("issue_name", "Isu"),
        Column("region_name", "Wilayah"),
        Column("first_spread_at", "Pertama menyebar (WITA)", "datetime"),
        Column("klarifikasi", "Klarifikasi", "link", link_key="klarifikasi_url"),
        Column("hours_to_klarifikasi", "Jam sampai klarifikasi", "num1", none_text="belum ada"),
        Column("spread_mentions", "Mention penyebar", "int"),
        Column("spread_reach", "Jangkauan penyebaran", "int"),
        Column("debunk_mentions", "Mention bantahan", "int"),
        Column("debunk_reach", "Jangkauan bantahan", "int"),
        Column("debunk_reach_share", "Porsi jangkauan bantahan", "share"),
        Column("official_debunk_posts", "Unggahan akun resmi", "int"),
    ]
    rows = [
        {
            **h.__dict__,
            "status_label": STATUS.get(h.status, h.status or fmt.DASH),
            "category_label": CATEGORIES.get(h.category, h.category),
            "region_name": h.region_name or "Seluruh provinsi",
            "klarifikasi": fmt.post_time(h.klarifikasi_at) if h.clarified else "belum ada",
            "_mark": not h.clarified,
        }
        for h in d.hoaxes
    ]
    day_columns = [
        Column("claim", "Klaim"),
        Column("day", "Tanggal", "date"),
        Column("spread_mentions", "Mention penyebar", "int"),
        Column("spread_reach", "Jangkauan penyebaran", "int"),
        Column("debunk_mentions", "Mention bantahan", "int"),
        Column("debunk_reach", "Jangkauan bantahan", "int"),
    ]
    day_rows = [
        {
            "claim": h.claim,
            "day": day,
            "spread_mentions": h.spread_mentions[i],
            "spread_reach": h.spread_reach[i],
            "debunk_mentions": h.debunk_mentions[i],
            "debunk_reach": h.debunk_reach[i],
        }
        for h in d.days
        for i, day in enumerate(h.days)
    ]
    mention_columns = [
        Column("published_at", "Waktu (WITA)", "datetime"),
        Column("title", "Judul", "link", link_key="url"),
        Column("outlet", "Media / akun"),
        Column("reach", "Jangkauan", "int"),
        Column("claim", "Hoaks"),
    ]
    return [
        Table("hoaks-terdaftar", "Hoaks terdaftar", columns, rows),
        Table("sebaran-harian", "Penyebaran dan bantahan per hari", day_columns, day_rows, shown=0),
        Table(
            "penyebar-bulan-ini",
            f"Mention penyebar dengan jangkauan terbesar, {fmt.month_name(d.month)}",
            mention_columns,
            [m.__dict__ for m in d.month_spread],
        ),
    ]


def charts(d: HoaxData) -> dict[str, dict | None]:
    if not d.known:
        return {}
    return {
        h.chart: figures.daily_pair(
            h.days,
            {"Jangkauan penyebaran": h.spread_reach, "Jangkauan bantahan": h.debunk_reach},
            [figures.COLORS["negative"], figures.COLORS["positive"]],
            {"Jangkauan penyebaran": h.spread_mentions, "Jangkauan bantahan": h.debunk_mentions},
        )
        for h in d.days
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [Document("hoaks.html", "Hoaks", "hoaxes.html.j2", hoax_data(ctx), charts, tables, "hoaks")]
