"""Isu: the issues of the month side by side (isu.html), and one page per issue (isu-<code>.html)
with its 12-month trend, its days, the regions that carried it, its outlets and top headlines.

A regional site counts the region's mentions; the regions chart keeps the other kabupaten/kota
as counts (aggregates) and leaves out the mentions without a region; outlets and headlines are
the region's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.pages.issue_data import (
    Counted,
    Headline,
    issue_days,
    issue_headlines,
    issue_histories,
    issue_outlets,
    issue_regions,
    issues_in_window,
    scoped_issue_rows,
)
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.model import DayCount, IssueRow, MonthTotals


def issue_file(issue: str) -> str:
    """`isu-<code>.html`; a code with other characters than letters, digits, `_` and `-` is cleaned."""
    return "isu-" + re.sub(r"[^a-z0-9_-]+", "-", issue.lower()).strip("-") + ".html"


@dataclass(frozen=True)
class IssueIndex:
    scope_name: str
    month: date
    issues: tuple[IssueRow, ...]
    pages: tuple[tuple[str, str], ...]  # (issue name, file) of every issue page


@dataclass(frozen=True)
class IssueDetail:
    scope_name: str
    is_region: bool
    issue: str
    issue_name: str
    month: date
    row: IssueRow | None  # the month's numbers in the scope (None: no mention this month)
    history: tuple[MonthTotals, ...]
    days: tuple[DayCount, ...]
    regions: tuple[Counted, ...]
    outlets: tuple[Counted, ...]
    headlines: tuple[Headline, ...]


ISSUE_COLUMNS = [
    Column("issue_name", "Isu", "page", link_key="page"),
    Column("mentions", "Mention", "int"),
    Column("share_of_voice", "Porsi suara", "share"),
    Column("positive_share", "Porsi positif", "share"),
    Column("negative_share", "Porsi negatif", "share"),
    Column("negative_share_change_pp", "Perubahan negatif (poin persen)", "pp"),
    Column("negative", "Negatif", "int"),
    Column("unlabeled", "Tanpa label", "int"),
]
COUNTED_COLUMNS = [
    Column("mentions", "Mention", "int"),
    Column("positive", "Positif", "int"),
    Column("neutral", "Netral", "int"),
    Column("negative", "Negatif", "int"),
    Column("unlabeled", "Tanpa label", "int"),
    Column("negative_share", "Porsi negatif", "share"),
]


def _counted_rows(rows: tuple[Counted, ...]) -> list[dict]:
    return [{**r.__dict__, "negative_share": r.negative_share, "_mark": r.mark} for r in rows]


def index_tables(d: IssueIndex) -> list[Table]:
    pages = dict(d.pages)
    rows = [{**r.__dict__, "page": pages.get(r.issue_name)} for r in d.issues]
    return [Table("isu-bulan-ini", f"Isu pada {fmt.month_name(d.month)}", ISSUE_COLUMNS, rows)]


def index_charts(d: IssueIndex) -> dict[str, dict | None]:
    return {"issues": figures.sentiment_bars([r.issue_name for r in d.issues], d.issues)}


def detail_tables(d: IssueDetail) -> list[Table]:
    headline_columns = [
        Column("title", "Judul", "link", link_key="url"),
        Column("outlet", "Media"),
        Column("published_at", "Waktu (WITA)", "datetime"),
        Column("reach", "Jangkauan", "int"),
        Column("sentiment_label", "Sentimen"),
    ]
    headlines = [{**h.__dict__, "sentiment_label": figures.LABELS.get(h.sentiment or "unlabeled")} for h in d.headlines]
    region_columns = [Column("label", "Wilayah"), *COUNTED_COLUMNS]
    outlet_columns = [Column("label", "Media"), *COUNTED_COLUMNS]
    return [
        Table("judul-teratas", "Judul dengan jangkauan terbesar", headline_columns, headlines),
        Table("wilayah", "Wilayah", region_columns, _counted_rows(d.regions), folded=True),
        Table("media", "Media teratas", outlet_columns, _counted_rows(d.outlets), folded=True),
    ]


def detail_charts(d: IssueDetail) -> dict[str, dict | None]:
    return {
        "trend": figures.sentiment_trend(d.history),
        "days": figures.daily_bars(d.days),
        "regions": figures.sentiment_bars([r.label for r in d.regions], d.regions),
        "outlets": figures.sentiment_bars([r.label for r in d.outlets], d.outlets),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    scope, con, month = ctx.scope, ctx.con, ctx.month
    rows = {r.issue: r for r in scoped_issue_rows(con, scope, month)}
    listed = issues_in_window(con, scope, month)
    pages = tuple((name, issue_file(code)) for code, name in listed)
    histories, days = issue_histories(con, scope, month), issue_days(con, scope, month)
    regions, outlets = issue_regions(con, scope, month), issue_outlets(con, scope, month)
    headlines = issue_headlines(con, scope, month)
    documents = [
        Document(
            "isu.html",
            "Isu",
            "issues.html.j2",
            IssueIndex(scope.name, month, tuple(rows.values()), pages),
            index_charts,
            index_tables,
            "isu",
        )
    ]
    for code, name in listed:
        detail = IssueDetail(
            scope.name,
            scope.is_region,
            code,
            name,
            month,
            rows.get(code),
            tuple(histories.get(code, ())),
            tuple(days.get(code, ())),
            tuple(regions.get(code, ())),
            tuple(outlets.get(code, ())),
            tuple(headlines.get(code, ())),
        )
        documents.append(Document(issue_file(code), name, "issue.html.j2", detail, detail_charts, detail_tables, "isu"))
    return documents
