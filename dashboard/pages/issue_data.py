"""The numbers of the Isu pages, per scope: issues of the month, and per issue its trend, regions,
outlets, days and top headlines.

The province's issue numbers are the report's (``reporting.data.issue_rows``, from
``mart_issue_sentiment_monthly``); a region's are counted from its mentions in ``fct_mentions``.
Headlines and outlets always come from the scope's mentions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from dashboard.queries import COUNTS, HISTORY_MONTHS
from dashboard.scope import Scope
from reporting.data import issue_rows
from reporting.model import DayCount, IssueRow, MonthTotals, SentimentShares
from reporting.periods import month_bounds, months_back, previous_month

TOP_OUTLETS = 10
TOP_HEADLINES = 10


@dataclass(frozen=True)
class Counted(SentimentShares):
    """Mentions of one label (a region, an outlet, a day) by sentiment."""

    label: str
    mentions: int
    positive: int
    neutral: int
    negative: int
    unlabeled: int
    mark: bool = False  # the regional site's own region


@dataclass(frozen=True)
class Headline:
    title: str
    outlet: str | None
    url: str | None
    published_at: datetime
    reach: int | None
    sentiment: str | None


def region_issue_rows(con: duckdb.DuckDBPyConnection, region: str, month: date) -> list[IssueRow]:
    """A region's issues of the month, as ``IssueRow``s (share of voice within the region)."""
    before = previous_month(month)
    rows = con.execute(
        f"""with counts as (
              select issue, month, {COUNTS} from marts.fct_mentions
              where region_code = $region and month in ($month, $before) and issue is not null group by all
            ), named as (
              select c.*, coalesce(d.issue_name, c.issue) as issue_name from counts c left join marts.dim_issue d using (issue)
            )
            select issue, issue_name, month, * exclude (issue, issue_name, month) from named""",
        {"region": region, "month": month, "before": before},
    ).fetchall()
    now = {r[0]: r for r in rows if r[2] == month}
    was = {r[0]: r for r in rows if r[2] == before}
    total = sum(r[3] for r in now.values())
    result = []
    for issue, (_, name, _, n, pos, neu, neg, unl) in now.items():
        labelled = pos + neu + neg
        pos_share, neg_share = (pos / labelled, neg / labelled) if labelled else (None, None)
        old = was.get(issue)
        old_labelled = old[4] + old[5] + old[6] if old else 0
        pos_pp = (pos_share - old[4] / old_labelled) * 100 if old_labelled and labelled else None
        neg_pp = (neg_share - old[6] / old_labelled) * 100 if old_labelled and labelled else None
        net = (pos - neg) / labelled if labelled else None
        result.append(
            IssueRow(issue, name, n, pos, neu, neg, unl, pos_share, neg_share, net, n / total, pos_pp, neg_pp)
        )
    return sorted(result, key=lambda r: (-r.mentions, r.issue))


def scoped_issue_rows(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> list[IssueRow]:
    """Issues with at least one mention in the month in the scope, largest first."""
    return region_issue_rows(con, scope.code, month) if scope.is_region else issue_rows(con, month)


def issues_in_window(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> list[tuple[str, str]]:
    """Every issue (code, name) with a mention in the scope in the 12 months ending with ``month``."""
    first, end = months_back(month, HISTORY_MONTHS)[0], month_bounds(month)[1]
    return con.execute(
        """select f.issue, coalesce(any_value(d.issue_name), f.issue) from marts.fct_mentions f
           left join marts.dim_issue d using (issue)
           where f.issue is not null and f.month >= $first and f.month < $end
             and ($region is null or f.region_code = $region)
           group by f.issue order by f.issue""",
        {"first": first, "end": end, **scope.params},
    ).fetchall()


def _by_issue(rows: list[tuple]) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    for issue, *rest in rows:
        grouped.setdefault(issue, []).append(tuple(rest))
    return grouped


def issue_histories(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> dict[str, list[MonthTotals]]:
    """Each issue's 12 months in the scope (the mart for the province, the region's mentions for a
    region), months without a mention as zero; issues without any are absent."""
    window = months_back(month, HISTORY_MONTHS)
    if scope.is_region:
        sql = f"""select issue, month, {COUNTS} from marts.fct_mentions
                  where issue is not null and region_code = $region and month >= $first and month <= $last
                  group by issue, month"""
    else:
        sql = """select issue, month, mentions, positive, neutral, negative, unlabeled
                 from marts.mart_issue_sentiment_monthly where month >= $first and month <= $last"""
    params = {"first": window[0], "last": month, **({"region": scope.code} if scope.is_region else {})}
    result = {}
    for issue, rows in _by_issue(con.execute(sql, params).fetchall()).items():
        found = {m: tuple(int(v) for v in values) for m, *values in rows}
        result[issue] = [MonthTotals(m, *found.get(m, (0, 0, 0, 0, 0))) for m in window]
    return result


def issue_regions(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> dict[str, list[Counted]]:
    """Each issue's mentions per kabupaten/kota and the province in the month (counts only), largest
    first; the mentions without a region last, on the province's site only."""
    rows = con.execute(
        f"""select f.issue, coalesce(r.region_name, 'Tidak teridentifikasi') as label, {COUNTS},
                   f.region_code as code
            from marts.fct_mentions f left join marts.dim_region r using (region_code)
            where f.issue is not null and f.month = $month and ($region is null or f.region_code is not null)
            group by f.issue, label, code order by f.issue, code is null, mentions desc, label""",
        {"month": month, **scope.params},
    ).fetchall()
    return {
        issue: [Counted(*r[:6], mark=scope.is_region and r[6] == scope.code) for r in found]
        for issue, found in _by_issue(rows).items()
    }


def issue_outlets(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> dict[str, list[Counted]]:
    """The outlets that carried each issue most in the month, within the scope."""
    rows = con.execute(
        f"""select issue, coalesce(outlet, 'Tidak diketahui') as label, {COUNTS} from marts.fct_mentions
            where issue is not null and month = $month and ($region is null or region_code = $region)
            group by issue, label
            qualify row_number() over (partition by issue order by mentions desc, label) <= $limit
            order by issue, mentions desc, label""",
        {"month": month, "limit": TOP_OUTLETS, **scope.params},
    ).fetchall()
    return {issue: [Counted(*r) for r in found] for issue, found in _by_issue(rows).items()}


def issue_days(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> dict[str, list[DayCount]]:
    """Each issue's mentions per WITA day of the month in the scope (days without any as zero)."""
    start, end = month_bounds(month)
    rows = con.execute(
        f"""select issue, mention_date, {COUNTS} from marts.fct_mentions
            where issue is not null and month = $start and ($region is null or region_code = $region)
            group by issue, mention_date""",
        {"start": start, **scope.params},
    ).fetchall()
    days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal())]
    result = {}
    for issue, found in _by_issue(rows).items():
        counts = {day: values for day, *values in found}
        result[issue] = [DayCount(day, *counts.get(day, (0, 0, 0, 0, 0))) for day in days]
    return result


def issue_headlines(con: duckdb.DuckDBPyConnection, scope: Scope, month: date) -> dict[str, list[Headline]]:
    """The widest-reaching headlines of each issue in the month (one per title), within the scope."""
    rows = con.execute(
        """with ranked as (
             select issue, title, outlet, url, published_at, reach, sentiment, mention_id from marts.fct_mentions
             where issue is not null and month = $month and title is not null
               and ($region is null or region_code = $region)
             qualify row_number() over (partition by issue, title order by reach desc nulls last, published_at, mention_id) = 1
           )
           select issue, title, outlet, url, published_at, reach, sentiment from ranked
           qualify row_number() over (partition by issue order by reach desc nulls last, published_at, title) <= $limit
           order by issue, reach desc nulls last, published_at, title""",
        {"month": month, "limit": TOP_HEADLINES, **scope.params},
    ).fetchall()
    return {issue: [Headline(*r) for r in found] for issue, found in _by_issue(rows).items()}
