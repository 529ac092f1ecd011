"""Read one month of the marts into a `ReportData`.

Months are half-open windows in WITA (`>= first day and < first day of the next month`);
every SQL value is a parameter. The connection is the caller's, opened read-only.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb

from reporting import formatting as fmt
from reporting.bursts import negative_bursts
from reporting.model import IssueRow, RegionRow, ReportData, Summary, Totals
from reporting.sections import account_rows, month_gaps, table_exists, top_posts


def month_bounds(month: date) -> tuple[date, date]:
    """First day of the month and first day of the next one."""
    start = month.replace(day=1)
    end = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, end


def previous_month(month: date) -> date:
    """First day of the previous calendar month."""
    start = month.replace(day=1)
    return date(start.year - (start.month == 1), (start.month - 2) % 12 + 1, 1)


def parse_month(text: str) -> date:
    """`2024-10` -> date(2024, 10, 1), with an error that says the expected form."""
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise ValueError(f"month {text!r} is not a month; expected YYYY-MM, e.g. 2024-10") from None


def totals(con: duckdb.DuckDBPyConnection, month: date) -> Totals | None:
    """The month's counts summed over issues; None when the mart has no row for the month."""
    rows = con.execute(
        """select count(*), sum(mentions), sum(positive), sum(neutral), sum(negative), sum(unlabeled)
           from marts.mart_issue_sentiment_monthly where month = ?""",
        [month],
    ).fetchall()
    n, *values = rows[0]
    return Totals(*(int(v) for v in values)) if n else None


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


def daily_counts(con: duckdb.DuckDBPyConnection, start: date, end: date) -> list[tuple[date, int, int]]:
    """Mentions and negative mentions per WITA day of the month, days without any included."""
    return con.execute(
        """with days as (select g.d::date as day from generate_series(?::date, ?::date - 1, interval 1 day) as g(d)),
           counts as (select mention_date as day, count(*) as mentions,
                             count(*) filter (where sentiment = 'negative') as negative
                      from marts.fct_mentions where mention_date >= ? and mention_date < ? group by all)
           select days.day, coalesce(counts.mentions, 0), coalesce(counts.negative, 0)
           from days left join counts using (day) order by days.day""",
        [start, end, start, end],
    ).fetchall()


def region_rows(con: duckdb.DuckDBPyConnection, start: date, end: date, before: date) -> list[RegionRow]:
    """Mentions per kabupaten/kota (and the province) this month, with last month's count."""
    rows = con.execute(
        """with mentions as (
             select region_code,
                    count(*) filter (where mention_date >= ?) as mentions,
                    count(*) filter (where mention_date < ?) as previous_mentions,
                    count(*) filter (where mention_date >= ? and sentiment = 'positive') as positive,
                    count(*) filter (where mention_date >= ? and sentiment = 'neutral') as neutral,
                    count(*) filter (where mention_date >= ? and sentiment = 'negative') as negative
             from marts.fct_mentions where mention_date >= ? and mention_date < ? group by all)
           select m.region_code, coalesce(r.region_name, m.region_code, 'Tidak teridentifikasi') as region_name,
                  m.mentions, m.previous_mentions, m.positive, m.neutral, m.negative
           from mentions m left join marts.dim_region r using (region_code)
           where m.mentions > 0
           order by m.region_code is null, m.mentions desc, region_name""",
        [start, start, start, start, start, before, end],
    ).fetchall()
    return [RegionRow(*row) for row in rows]


def newest_mention_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest WITA day with any mention."""
    return con.execute("select max(mention_date) from marts.fct_mentions").fetchall()[0][0]


def completeness_warnings(data: ReportData, end: date) -> list[str]:
    """Reasons, in Indonesian, why the month's numbers are not yet the full picture."""
    warnings = []
    if not data.summary.current.mentions:
        warnings.append(f"Tidak ada satu pun mention untuk {fmt.month_name(data.month)} di gudang data.")
    elif data.data_through is None or data.data_through < previous_day(end):
        warnings.append(f"Data mention baru sampai {fmt.day(data.data_through)}; bulan ini belum lengkap.")
    for gap in [g for g in data.gaps or [] if g.severity == "error"]:
        warnings.append(
            f"{fmt.GAP_KINDS.get(gap.kind, gap.kind)}: {gap.subject}, "
            f"{fmt.day_range(gap.start_date, gap.end_date)} (lihat bagian Kualitas data)."
        )
    return warnings


def previous_day(value: date) -> date:
    """The day before ``value``."""
    return date.fromordinal(value.toordinal() - 1)


def assemble(con: duckdb.DuckDBPyConnection, month: date, generated_at: datetime | None = None) -> ReportData:
    """All the numbers of the report for ``month``, read from the marts."""
    start, end = month_bounds(month)
    before = previous_month(start)
    current = totals(con, start) or Totals(0, 0, 0, 0, 0)
    data = ReportData(
        month=start,
        generated_at=generated_at or datetime.now(fmt.WITA),
        data_through=newest_mention_date(con),
        summary=Summary(current, totals(con, before)),
        issues=issue_rows(con, start),
        daily=daily_counts(con, start, end),
        bursts=negative_bursts(con, start, end),
        regions=region_rows(con, start, end, before),
        accounts=account_rows(con, start) if table_exists(con, "mart_platform_monthly") else None,
        top_posts=top_posts(con, start) if table_exists(con, "mart_platform_posts") else None,
        gaps=month_gaps(con, start, end) if table_exists(con, "dq_gaps") else None,
    )
    data.warnings = completeness_warnings(data, end)
    return data


def read_report_data(warehouse: Path, month: date) -> ReportData:
    """Open the warehouse read-only (a build may be writing it later) and assemble the month."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return assemble(con, month)
