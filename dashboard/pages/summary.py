"""Ringkasan (index.html): the latest complete month at a glance. Open alerts with their status
and response, the month's mentions with the positive and negative share and their change, the
12-month trend, the month's alerts and how fast they were answered, and the data-quality findings.

The province's numbers are the monthly report's (*Porsi negatif* = negative / (positive + neutral
+ negative) summed over issues in ``mart_issue_sentiment_monthly``). A regional site shows the
region's own numbers, the province's month beside them as aggregates, its own alerts in detail and
every other alert as a count; data-quality findings there are counts per kind (their subjects may
name another region's accounts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard import figures
from dashboard.alerts_data import AlertCounts, AlertItem, month_alerts, open_alerts, open_elsewhere
from dashboard.pages.base import Document, PageContext
from dashboard.queries import scoped_history, scoped_totals
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.data import totals
from reporting.model import Gap, MonthTotals, Summary, Totals
from reporting.periods import month_bounds, previous_month
from reporting.sections.quality import month_gaps

EMPTY = Totals(0, 0, 0, 0, 0)


@dataclass(frozen=True)
class GapCount:
    """Data-quality findings of one kind in the month (what a regional site shows)."""

    kind: str
    findings: int
    errors: int


@dataclass(frozen=True)
class SummaryData:
    """What the Ringkasan shows, for the province or one kabupaten/kota."""

    scope_name: str
    is_region: bool
    province_name: str
    month: date | None  # None while the serving copy holds no mention
    data_through: date | None
    summary: Summary | None = None
    province: Totals | None = None  # a regional site: the province's month, as aggregates
    history: tuple[MonthTotals, ...] = ()
    open_alerts: tuple[AlertItem, ...] = ()
    elsewhere: AlertCounts | None = None
    month_alerts: tuple[AlertItem, ...] = ()
    gaps: tuple[Gap, ...] | None = None  # the province: every finding of the month
    gap_counts: tuple[GapCount, ...] | None = None  # a region: counts per kind

    @property
    def answered_within_24h(self) -> int:
        return sum(1 for a in self.month_alerts if a.response_hours is not None and a.response_hours <= 24)


def _gap_counts(gaps: list[Gap]) -> tuple[GapCount, ...]:
    kinds: dict[str, list[Gap]] = {}
    for gap in gaps:
        kinds.setdefault(gap.kind, []).append(gap)
    return tuple(
        GapCount(fmt.GAP_KINDS.get(kind, kind), len(found), sum(g.severity == "error" for g in found))
        for kind, found in sorted(kinds.items())
    )


def summary_data(ctx: PageContext) -> SummaryData:
    """The Ringkasan of the scope for ``ctx.month``."""
    scope, con = ctx.scope, ctx.con
    head = {"scope_name": scope.name, "is_region": scope.is_region, "province_name": scope.province_name}
    if ctx.month is None:
        return SummaryData(**head, month=None, data_through=None)
    month, end = ctx.month, month_bounds(ctx.month)[1]
    current = scoped_totals(con, scope, month) or EMPTY
    summary = Summary(current, scoped_totals(con, scope, previous_month(month)))
    gaps = month_gaps(con, month, end) if ctx.has("dq_gaps") else None
    has_alerts = ctx.has("issue_alerts")
    return SummaryData(
        **head,
        month=month,
        data_through=ctx.data_through,
        summary=summary,
        province=(totals(con, month) or EMPTY) if scope.is_region else None,
        history=tuple(scoped_history(con, scope, month)),
        open_alerts=tuple(open_alerts(con, scope)) if has_alerts else (),
        elsewhere=open_elsewhere(con, scope) if has_alerts else None,
        month_alerts=tuple(month_alerts(con, scope, month, end)) if has_alerts else (),
        gaps=None if gaps is None or scope.is_region else tuple(gaps),
        gap_counts=_gap_counts(gaps) if gaps is not None and scope.is_region else None,
    )


ALERT_COLUMNS = [
    Column("alert_id", "ID"),
    Column("kind_label", "Jenis"),
    Column("issue_name", "Isu"),
    Column("where", "Wilayah / kata"),
    Column("window_start", "Mulai (WITA)", "datetime"),
    Column("negative_mentions", "Negatif", "int"),
    Column("mentions", "Mention", "int"),
    Column("severity_label", "Tingkat"),
    Column("status_label", "Status"),
    Column("response", "Respons"),
]


def alert_rows(alerts: tuple[AlertItem, ...]) -> list[dict]:
    rows = []
    for a in alerts:
        if a.first_response_at is not None:
            response = f"{fmt.number(a.response_hours, 1)} jam, {a.response_account or 'akun resmi'}"
        elif a.acknowledged_by:
            response = f"diterima oleh {a.acknowledged_by}"
        else:
            response = "belum ada"
        rows.append(
            {
                **a.__dict__,
                "kind_label": fmt.ALERT_KINDS.get(a.kind, a.kind),
                "where": a.term or a.region_name or "Seluruh provinsi",
                "severity_label": {"high": "Tinggi", "medium": "Sedang"}.get(a.severity, a.severity),
                "status_label": fmt.ALERT_STATUS.get(a.status, a.status),
                "response": response,
            }
        )
    return rows


def tables(d: SummaryData) -> list[Table]:
    if d.month is None:
        return []
    found = [
        Table("peringatan-terbuka", "Peringatan terbuka", ALERT_COLUMNS, alert_rows(d.open_alerts), shown=30),
        Table("peringatan-bulan-ini", "Peringatan bulan ini", ALERT_COLUMNS, alert_rows(d.month_alerts), shown=30),
        Table(
            "tren-12-bulan",
            "Mention per bulan",
            [
                Column("month", "Bulan", "month"),
                Column("mentions", "Mention", "int"),
                Column("positive", "Positif", "int"),
                Column("neutral", "Netral", "int"),
                Column("negative", "Negatif", "int"),
                Column("unlabeled", "Tanpa label", "int"),
                Column("positive_share", "Porsi positif", "share"),
                Column("negative_share", "Porsi negatif", "share"),
            ],
            [{**m.__dict__, "positive_share": m.positive_share, "negative_share": m.negative_share} for m in d.history],
            folded=True,
        ),
    ]
    if d.gaps is not None:
        gap_rows = [{**g.__dict__, "kind_label": fmt.GAP_KINDS.get(g.kind, g.kind)} for g in d.gaps]
        columns = [
            Column("kind_label", "Temuan"),
            Column("subject", "Subjek"),
            Column("start_date", "Dari", "date"),
            Column("end_date", "Sampai", "date"),
            Column("severity", "Tingkat"),
            Column("detail", "Rincian"),
        ]
        found.append(Table("kualitas-data", "Temuan kualitas data", columns, gap_rows))
    if d.gap_counts is not None:
        columns = [Column("kind", "Temuan"), Column("findings", "Jumlah", "int"), Column("errors", "Galat", "int")]
        found.append(Table("kualitas-data", "Temuan kualitas data", columns, [g.__dict__ for g in d.gap_counts]))
    return found


def charts(d: SummaryData) -> dict[str, dict | None]:
    return {"trend": figures.sentiment_trend(d.history)} if d.month is not None else {}


def build(ctx: PageContext) -> list[Document]:
    return [Document("index.html", "Ringkasan", "summary.html.j2", summary_data(ctx), charts, tables, "ringkasan")]
