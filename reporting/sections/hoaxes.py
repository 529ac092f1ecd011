"""Hoaks dan klarifikasi: the registered hoaxes that spread in the month, how much the spread
and the debunk reached, how fast the office clarified each, and the ones still without a
clarification (`mart_hoax`, `mart_hoax_daily`; docs/hoaxes.md).

Month figures (mentions, reach) are the month's days in WITA; the hours to the clarification
count from the hoax's first spread, whenever that was. A hoax still spreads at the month's end
when it spread on one of its last ``quiet_days`` days (hoaxes.yml), as the mart judges status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from reporting.formatting import DASH, WITA
from reporting.sections.base import MonthContext

SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]

MONTH_SQL = """
    with month as (
      select hoax_id, sum(spread_mentions) as spread_mentions, sum(spread_reach) as spread_reach,
             sum(debunk_mentions) as debunk_mentions, sum(debunk_reach) as debunk_reach,
             max(day) filter (where spread_mentions > 0) as last_spread_day
      from marts.mart_hoax_daily where day >= ? and day < ? group by hoax_id
    )
    select h.hoax_id, h.claim, h.category, coalesce(i.issue_name, h.issue), h.first_spread_at, h.klarifikasi_at,
           h.klarifikasi_url, h.hours_to_klarifikasi, m.spread_mentions, m.spread_reach, m.debunk_mentions,
           m.debunk_reach, h.official_debunk_posts, m.last_spread_day
    from month m join marts.mart_hoax h using (hoax_id) left join marts.dim_issue i on i.issue = h.issue
    where m.spread_mentions > 0
    order by m.spread_reach desc, h.hoax_id
"""


@dataclass(frozen=True)
class HoaxRow:
    """One hoax that spread in the month."""

    hoax_id: str
    claim: str
    category: str | None
    issue_name: str | None
    first_spread_at: datetime | None
    klarifikasi_at: datetime | None
    klarifikasi_url: str | None
    hours_to_klarifikasi: float | None
    spread_mentions: int
    spread_reach: int
    debunk_mentions: int
    debunk_reach: int
    official_debunk_posts: int
    still_spreading: bool

    @property
    def debunk_share(self) -> float | None:
        """The month's debunk reach over spread and debunk reach."""
        total = self.spread_reach + self.debunk_reach
        return self.debunk_reach / total if total else None

    @property
    def clarified(self) -> bool:
        return self.klarifikasi_at is not None

    @property
    def first_spread_short(self) -> str:
        return short_time(self.first_spread_at)

    @property
    def klarifikasi_short(self) -> str:
        return short_time(self.klarifikasi_at)


def short_time(value: datetime | None) -> str:
    """`20 Nov 07.15` in WITA (the report's tables are narrow)."""
    if value is None:
        return DASH
    local = value.astimezone(WITA)
    return f"{local.day} {SHORT_MONTHS[local.month - 1]} {local:%H.%M}"


@dataclass(frozen=True)
class HoaxSection:
    """``known`` is false while the warehouse has no hoax marts (no register yet, or Spark)."""

    known: bool
    registered: int
    quiet_days: int
    hoaxes: list[HoaxRow]

    @property
    def without_klarifikasi(self) -> list[HoaxRow]:
        return [h for h in self.hoaxes if not h.clarified]


def _quiet_days(ctx: MonthContext) -> int:
    if ctx.has_table("raw", "hoax_settings"):
        rows = ctx.con.execute("select quiet_days from raw.hoax_settings order by effective_at desc limit 1").fetchall()
        if rows:
            return int(rows[0][0])
    return 7


def build(ctx: MonthContext) -> HoaxSection:
    if not (ctx.has_table("marts", "mart_hoax") and ctx.has_table("marts", "mart_hoax_daily")):
        return HoaxSection(False, 0, 7, [])
    quiet = _quiet_days(ctx)
    last_day = ctx.end - timedelta(days=1)
    registered = ctx.con.execute("select count(*) from marts.mart_hoax").fetchall()[0][0]
    rows = []
    for *values, last_spread_day in ctx.con.execute(MONTH_SQL, [ctx.start, ctx.end]).fetchall():
        clarified_by_month_end = values[5] is not None and values[5].date() <= last_day
        if not clarified_by_month_end:  # a clarification after the month is not the month's
            values[5:8] = [None, None, None]
        rows.append(HoaxRow(*values, still_spreading=(last_day - last_spread_day).days < quiet))
    return HoaxSection(True, registered, quiet, rows)


def charts(data: object, section: HoaxSection | None) -> dict[str, str | None]:
    """Spread against debunk reach of each hoax in the month."""
    if section is None or not section.hoaxes:
        return {"reach": None}
    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from reporting import formatting as fmt
    from reporting.charts import COLORS, STYLE, _svg

    rows = section.hoaxes[::-1]
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 0.55 * len(rows) + 0.9))
        ax = fig.subplots()
        labels = [h.claim if len(h.claim) <= 48 else h.claim[:47].rstrip() + "…" for h in rows]
        y = range(len(rows))
        ax.barh([k + 0.19 for k in y], [h.spread_reach for h in rows], height=0.36, color=COLORS["negative"],
                label="Jangkauan penyebaran")  # fmt: skip
        ax.barh([k - 0.19 for k in y], [h.debunk_reach for h in rows], height=0.36, color=COLORS["positive"],
                label="Jangkauan bantahan/klarifikasi")  # fmt: skip
        ax.set_yticks(list(y), labels)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.number(x)))
        ax.tick_params(axis="y", length=0)
        ax.legend(ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return {"reach": _svg(fig)}
