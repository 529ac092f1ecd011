"""Sasaran dan capaian: the office's objectives (report.yml) month by month, in AMEC's order
(keluaran -> serapan -> hasil): was each target met, and how far off it was.

A metric is a name in ``METRICS`` and a function that gives its value per month from the
marts (response times come from the alerts, marts.issue_alerts).
A metric without data (or an objective for an issue the warehouse does not know) says
"belum diukur" instead of failing the target; an unknown metric name is a configuration error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reporting import formatting as fmt
from reporting.config import Objective, ReportConfigError
from reporting.periods import months_back
from reporting.sections.base import MonthContext

log = logging.getLogger(__name__)
LEVELS = {"output": "Keluaran", "outtake": "Serapan", "outcome": "Hasil"}
Values = dict[date, tuple[float | None, bool]]  # month -> (value, small sample)


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str  # percent, index, count, ratio or hours
    values: Callable[[MonthContext, list[date], str | None], Values]

    def show(self, value: float | None) -> str:
        if value is None:
            return fmt.DASH
        return {
            "percent": fmt.percent(value),
            "index": fmt.number(value, 0, signed=True),
            "ratio": fmt.percent(value, 2),
            "hours": fmt.number(value, 1) + " jam",
        }.get(self.unit, fmt.number(value))


def _sentiment(kind: str) -> Callable[[MonthContext, list[date], str | None], Values]:
    def values(ctx: MonthContext, months: list[date], issue: str | None) -> Values:
        rows = ctx.con.execute(
            """select month, sum(mentions), sum(positive), sum(neutral), sum(negative), sum(unlabeled)
               from marts.mart_issue_sentiment_monthly
               where month >= ? and month <= ? and (issue = ? or ? is null) group by month""",
            [months[0], months[-1], issue, issue],
        ).fetchall()
        out: Values = {}
        small_below = ctx.data.settings.thresholds.min_labelled
        for month, mentions, pos, neu, neg, unl in rows:
            labelled = pos + neu + neg
            value = {
                "negative_share": neg / labelled if labelled else None,
                "positive_share": pos / labelled if labelled else None,
                "net_sentiment_index": (pos - neg) / labelled * 100 if labelled else None,
                "unlabeled_share": unl / mentions if mentions else None,
                "mentions": float(mentions),
            }[kind]
            out[month] = (value, kind not in ("mentions", "unlabeled_share") and labelled < small_below)
        return out

    return values


def _platform(kind: str) -> Callable[[MonthContext, list[date], str | None], Values]:
    def values(ctx: MonthContext, months: list[date], issue: str | None) -> Values:
        if not ctx.has_table("marts", "mart_platform_monthly"):
            return {}
        rows = ctx.con.execute(
            """select month, sum(posts), sum(engagements), sum(views) from marts.mart_platform_monthly
               where month >= ? and month <= ? group by month""",
            [months[0], months[-1]],
        ).fetchall()
        if kind == "official_posts":
            return {m: (float(posts), False) for m, posts, _, _ in rows}
        return {m: (eng / views if views else None, False) for m, _, eng, views in rows}

    return values


def _response_hours(ctx: MonthContext, months: list[date], issue: str | None) -> Values:
    """Median hours from an alert's window_start to the first official answer, over the month's
    answered alerts (marts.issue_alerts); marked as a small sample (not conclusive) when fewer
    than half of the month's alerts were answered at all."""
    if not ctx.has_table("marts", "issue_alerts"):
        return {}
    rows = ctx.con.execute(
        """select date_trunc('month', timezone('Asia/Makassar', window_start))::date as month,
                  median(response_hours), count(*), count(first_response_at)
           from marts.issue_alerts
           where (issue = ? or ? is null)
             and date_trunc('month', timezone('Asia/Makassar', window_start))::date between ? and ?
           group by all""",
        [issue, issue, months[0], months[-1]],
    ).fetchall()
    return {month: (median, answered * 2 < alerts) for month, median, alerts, answered in rows}


METRICS: dict[str, Metric] = {
    "negative_share": Metric("Porsi negatif", "percent", _sentiment("negative_share")),
    "positive_share": Metric("Porsi positif", "percent", _sentiment("positive_share")),
    "net_sentiment_index": Metric("Indeks sentimen bersih", "index", _sentiment("net_sentiment_index")),
    "unlabeled_share": Metric("Porsi tanpa label", "percent", _sentiment("unlabeled_share")),
    "mentions": Metric("Jumlah mention", "count", _sentiment("mentions")),
    "official_posts": Metric("Unggahan akun resmi", "count", _platform("official_posts")),
    "official_engagements_per_view": Metric("Interaksi per tayangan", "ratio", _platform("per_view")),
    "response_hours": Metric("Waktu respons (median)", "hours", _response_hours),
}


@dataclass(frozen=True)
class Cell:
    month: date
    value: float | None
    met: bool | None
    small: bool


@dataclass(frozen=True)
class ObjectiveRow:
    objective: Objective
    metric: Metric
    level: str
    issue_name: str | None
    cells: list[Cell]

    @property
    def current(self) -> Cell:
        return self.cells[-1]

    @property
    def target(self) -> str:
        sign = "≤" if self.objective.comparison == "at_most" else "≥"
        return f"{sign} {self.metric.show(self.objective.target)}"


@dataclass(frozen=True)
class Objectives:
    months: list[date]
    rows: list[ObjectiveRow]

    @property
    def measured(self) -> list[ObjectiveRow]:
        return [r for r in self.rows if r.current.met is not None]

    @property
    def met(self) -> list[ObjectiveRow]:
        return [r for r in self.rows if r.current.met]


def build(ctx: MonthContext) -> Objectives:
    settings = ctx.data.settings
    months = months_back(ctx.start, settings.objective_months)
    names = dict(ctx.con.execute("select issue, issue_name from marts.dim_issue").fetchall())
    rows = []
    for n, objective in enumerate(settings.objectives):
        metric = METRICS.get(objective.metric)
        if metric is None:
            raise ReportConfigError(
                f"{settings.source}: objectives[{n}].metric {objective.metric!r} is not known; use {', '.join(METRICS)}"
            )
        unknown_issue = objective.issue is not None and objective.issue not in names
        if unknown_issue:  # one bad objective must not cost the office its whole report
            log.warning(
                "%s: objectives[%d].issue %r is not an issue in the warehouse", settings.source, n, objective.issue
            )
        values = {} if unknown_issue else metric.values(ctx, months, objective.issue)
        cells = []
        for m in months:
            value, small = values.get(m, (None, False))
            cells.append(Cell(m, value, objective.met(value), small))
        issue_name = f"{objective.issue}: isu tidak dikenal" if unknown_issue else names.get(objective.issue)
        rows.append(ObjectiveRow(objective, metric, LEVELS[objective.level], issue_name, cells))
    rows.sort(key=lambda r: list(LEVELS).index(r.objective.level))
    return Objectives(months, rows)
