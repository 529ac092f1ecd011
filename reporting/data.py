"""Read one month of the marts into a `ReportData`: the core facts, the findings, the
recommendations, then each section's own part (``reporting.sections.SECTIONS``).

Months are half-open windows in WITA (`>= first day and < first day of the next month`);
every SQL value is a parameter. The connection is the caller's, opened read-only.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

from ingestion.memory import open_read_only
from reporting import formatting as fmt
from reporting.assessment import HISTORY_MONTHS, assess, issue_history, region_focus
from reporting.bursts import negative_bursts
from reporting.config import ReportSettings, load_settings
from reporting.model import DayCount, IssueRow, MonthTotals, RegionRow, ReportData, Summary, Totals
from reporting.periods import coverage, month_bounds, months_back, previous_day, previous_month
from reporting.quotes import has_table, match_officials
from reporting.recommendations import recommend, responsible_agencies
from reporting.sections import SECTIONS, MonthContext
from reporting.sections.quality import month_gaps

SENTIMENT_COUNTS = """sum(mentions), sum(positive), sum(neutral), sum(negative), sum(unlabeled)"""


def totals(con: duckdb.DuckDBPyConnection, month: date) -> Totals | None:
    """The month's counts summed over issues; None when the mart has no row for the month."""
    rows = con.execute(
        f"select count(*), {SENTIMENT_COUNTS} from marts.mart_issue_sentiment_monthly where month = ?", [month]
    ).fetchall()
    n, *values = rows[0]
    return Totals(*(int(v) for v in values)) if n else None


def month_history(con: duckdb.DuckDBPyConnection, month: date, months: int) -> list[MonthTotals]:
    """All issues together, month by month, for the ``months`` months ending with ``month``."""
    window = months_back(month, months)
    rows = dict(
        (m, values)
        for m, *values in con.execute(
            f"""select month, {SENTIMENT_COUNTS} from marts.mart_issue_sentiment_monthly
                where month >= ? and month <= ? group by month""",
            [window[0], month],
        ).fetchall()
    )
    return [MonthTotals(m, *(int(v) for v in rows.get(m, (0, 0, 0, 0, 0)))) for m in window]


def issue_rows(con: duckdb.DuckDBPyConnection, month: date) -> list[IssueRow]:
    """Issues with at least one mention in the month, largest first."""
    rows = con.execute(
        """select m.issue, coalesce(d.issue_name, m.issue) as issue_name, m.mentions, m.positive,
                  m.neutral, m.negative, m.unlabeled, m.positive_share, m.negative_share,
                  m.net_sentiment, m.share_of_voice, m.positive_share_change_pp,
                  m.negative_share_change_pp
           from marts.mart_issue_sentiment_monthly m
           left join marts.dim_issue d using (issue)
           where m.month = ? and m.mentions > 0
           order by m.mentions desc, m.issue""",
        [month],
    ).fetchall()
    return [IssueRow(*row) for row in rows]


def daily_counts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[DayCount]:
    """Mentions per WITA day of the month by sentiment, days without any included."""
    rows = con.execute(
        """with days as (select g.d::date as day from generate_series(?::date, ?::date - 1, interval 1 day) as g(d)),
           counts as (select mention_date as day, count(*) as mentions,
                             count(*) filter (where sentiment = 'positive') as positive,
                             count(*) filter (where sentiment = 'neutral') as neutral,
                             count(*) filter (where sentiment = 'negative') as negative,
                             count(*) filter (where sentiment is null) as unlabeled
                      from marts.fct_mentions where mention_date >= ? and mention_date < ? group by all)
           select days.day, coalesce(mentions, 0), coalesce(positive, 0), coalesce(neutral, 0),
                  coalesce(negative, 0), coalesce(unlabeled, 0)
           from days left join counts using (day) order by days.day""",
        [start, end, start, end],
    ).fetchall()
    return [DayCount(*row) for row in rows]


def region_rows(con: duckdb.DuckDBPyConnection, start: date, end: date, before: date) -> list[RegionRow]:
    """Mentions per kabupaten/kota and the province this month (last month's beside them);
    the province first, mentions without a recognised region last."""
    rows = con.execute(
        """with mentions as (
             select region_code,
                    count(*) filter (where mention_date >= $start) as mentions,
                    count(*) filter (where mention_date >= $start and sentiment = 'positive') as positive,
                    count(*) filter (where mention_date >= $start and sentiment = 'neutral') as neutral,
                    count(*) filter (where mention_date >= $start and sentiment = 'negative') as negative,
                    count(*) filter (where mention_date < $start) as previous_mentions,
                    count(*) filter (where mention_date < $start and sentiment is not null) as previous_labelled,
                    count(*) filter (where mention_date < $start and sentiment = 'negative') as previous_negative
             from marts.fct_mentions where mention_date >= $before and mention_date < $end group by all)
           select m.region_code, coalesce(r.region_name, m.region_code, 'Tidak teridentifikasi') as region_name,
                  r.region_type, m.mentions, m.previous_mentions, m.positive, m.neutral, m.negative,
                  m.previous_labelled, m.previous_negative
           from mentions m left join marts.dim_region r using (region_code)
           where m.mentions > 0
           order by m.region_code is null, r.region_type = 'provinsi' desc, m.mentions desc, region_name""",
        {"start": start, "before": before, "end": end},
    ).fetchall()
    return [RegionRow(*row) for row in rows]


def newest_mention_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest WITA day with any mention."""
    return con.execute("select max(mention_date) from marts.fct_mentions").fetchall()[0][0]


def month_data_through(newest: date | None, end: date) -> date | None:
    """The newest day of the month's data: the warehouse's newest mention day, but no later than
    the month's last day (``end`` is the first day after it). A complete month's report then
    says "sampai <its last day>" and stays the same while later months arrive, so a build does
    not render it again (reporting.monthly.write_monthly_report_if_changed)."""
    if newest is None:
        return None
    return min(newest, previous_day(end))


def completeness_warnings(data: ReportData, end: date) -> list[str]:
    """Reasons, in Indonesian, why the month's numbers are not yet the full picture."""
    warnings = []
    if not data.has_data:
        warnings.append(f"Tidak ada satu pun mention untuk {fmt.month_name(data.month)} di gudang data.")
    elif data.data_through is None or data.data_through < previous_day(end):
        warnings.append(f"Data mention baru sampai {fmt.day(data.data_through)}; bulan ini belum lengkap.")
    for gap in [g for g in data.gaps or [] if g.severity == "error"]:
        warnings.append(
            f"{fmt.GAP_KINDS.get(gap.kind, gap.kind)}: {gap.subject}, "
            f"{fmt.day_range(gap.start_date, gap.end_date)} (lihat bagian Kualitas data)."
        )
    return warnings


def assemble(
    con: duckdb.DuckDBPyConnection,
    month: date,
    generated_at: datetime | None = None,
    settings: ReportSettings | None = None,
) -> ReportData:
    """All the numbers of the report for ``month``, read from the marts."""
    settings = settings or load_settings()
    start, end = month_bounds(month)
    before = previous_month(start)
    data = ReportData(
        month=start,
        generated_at=generated_at or datetime.now(fmt.WITA),
        data_through=month_data_through(newest_mention_date(con), end),
        settings=settings,
        coverage=coverage(con),
        summary=Summary(totals(con, start) or Totals(0, 0, 0, 0, 0), totals(con, before)),
        issues=issue_rows(con, start),
        history=month_history(con, start, HISTORY_MONTHS),
        daily=daily_counts(con, start, end),
        bursts=negative_bursts(con, start, end),
        regions=region_rows(con, start, end, before),
        gaps=month_gaps(con, start, end) if has_table(con, "marts", "dq_gaps") else None,
    )
    data.warnings = completeness_warnings(data, end)
    if not data.has_data:
        return data
    data.findings = assess(
        data.issues,
        issue_history(con, start, HISTORY_MONTHS),
        start,
        data.bursts,
        region_focus(con, start, end),
        data.regions,
        settings.thresholds,
    )
    data.recommendations = recommend(data.findings, responsible_agencies(con), settings)
    match_officials(con, before, end)
    context = MonthContext(con, data)
    for section in SECTIONS:
        if section.build is not None:
            data.sections[section.key] = section.build(context)
    return data


def read_report_data(warehouse: Path, month: date, settings: ReportSettings | None = None) -> ReportData:
    """Open the warehouse read-only (a build may be writing it later) and assemble the month."""
    with open_read_only(warehouse) as con:
        return assemble(con, month, settings=settings)
