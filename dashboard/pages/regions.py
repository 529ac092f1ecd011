"""Wilayah (wilayah.html): the 13 kabupaten/kota and the province side by side. The month's
mentions and shares with the change against the previous month (the report's own numbers,
``reporting.data.region_rows``), and the negative share of each region over 12 months.

Every number here is an aggregate (counts and shares), so a regional site shows the page too,
with its own region marked; only the mentions without a recognised region are left out there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.queries import HISTORY_MONTHS
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.data import region_rows
from reporting.model import RegionRow
from reporting.periods import month_bounds, months_back, previous_month


@dataclass(frozen=True)
class RegionMonths:
    """One region's negative share per month of the window (None: nothing labelled that month)."""

    region_code: str
    region_name: str
    negative_share: tuple[float | None, ...]


@dataclass(frozen=True)
class RegionsData:
    scope_name: str
    own_code: str | None
    month: date
    rows: tuple[RegionRow, ...]
    months: tuple[date, ...]
    trend: tuple[RegionMonths, ...]


def negative_share_by_month(ctx: PageContext, months: list[date]) -> list[RegionMonths]:
    """Every region of dim_region (the province first), its negative share per month."""
    rows = ctx.con.execute(
        """select r.region_code, r.region_name, f.month,
                  count(*) filter (where f.sentiment = 'negative'), count(f.sentiment)
           from marts.dim_region r left join marts.fct_mentions f
             on f.region_code = r.region_code and f.month >= ? and f.month <= ?
           group by all""",
        [months[0], months[-1]],
    ).fetchall()
    names: dict[str, str] = {}
    shares: dict[tuple[str, date], float] = {}
    for code, name, month, negative, labelled in rows:
        names[code] = name
        if month is not None and labelled:
            shares[(code, month)] = negative / labelled
    kinds = dict(ctx.con.execute("select region_code, region_type from marts.dim_region").fetchall())
    order = sorted(names, key=lambda c: (kinds.get(c) != "provinsi", c))
    return [RegionMonths(c, names[c], tuple(shares.get((c, m)) for m in months)) for c in order]


def regions_data(ctx: PageContext) -> RegionsData:
    month = ctx.month
    start, end = month_bounds(month)
    rows = region_rows(ctx.con, start, end, previous_month(start))
    if ctx.scope.is_region:  # mentions without a region count only in the province's aggregates
        rows = [r for r in rows if r.region_code is not None]
    window = months_back(month, HISTORY_MONTHS)
    return RegionsData(
        ctx.scope.name,
        ctx.scope.code,
        month,
        tuple(rows),
        tuple(window),
        tuple(negative_share_by_month(ctx, window)),
    )


def tables(d: RegionsData) -> list[Table]:
    columns = [
        Column("region_name", "Wilayah"),
        Column("mentions", "Mention", "int"),
        Column("mentions_change", "Perubahan mention", "change"),
        Column("positive_share", "Porsi positif", "share"),
        Column("negative_share", "Porsi negatif", "share"),
        Column("negative_share_change_pp", "Perubahan negatif (poin persen)", "pp"),
        Column("negative", "Negatif", "int"),
    ]
    rows = [
        {
            **r.__dict__,
            "mentions_change": r.mentions / r.previous_mentions - 1 if r.previous_mentions else None,
            "positive_share": r.positive_share,
            "negative_share": r.negative_share,
            "negative_share_change_pp": r.negative_share_change_pp,
            "_mark": d.own_code is not None and r.region_code == d.own_code,
        }
        for r in d.rows
    ]
    trend_columns = [Column("region_name", "Wilayah")] + [
        Column(f"m{i}", fmt.month_name(m), "share") for i, m in enumerate(d.months)
    ]
    trend_rows = [
        {"region_name": t.region_name, **{f"m{i}": v for i, v in enumerate(t.negative_share)}} for t in d.trend
    ]
    return [
        Table("wilayah-bulan-ini", f"Wilayah pada {fmt.month_name(d.month)}", columns, rows),
        Table("porsi-negatif-12-bulan", "Porsi negatif per bulan", trend_columns, trend_rows, shown=0),
    ]


@dataclass(frozen=True)
class _Bar:
    positive: int
    neutral: int
    negative: int
    unlabeled: int


def charts(d: RegionsData) -> dict[str, dict | None]:
    bars = [_Bar(r.positive, r.neutral, r.negative, r.mentions - r.labelled) for r in d.rows]
    return {
        "regions": figures.sentiment_bars([r.region_name for r in d.rows], bars),
        "heatmap": figures.share_heatmap(
            [t.region_name for t in d.trend], d.months, [t.negative_share for t in d.trend]
        ),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [Document("wilayah.html", "Wilayah", "regions.html.j2", regions_data(ctx), charts, tables, "wilayah")]
