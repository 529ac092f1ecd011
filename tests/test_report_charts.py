"""Charts: weekends shaded on the daily chart, and each sentiment in its own colour on every chart."""

from __future__ import annotations

from datetime import date, timedelta

from reporting import charts
from reporting.model import DayCount, IssueRow, MonthTotals


def test_the_daily_chart_shades_saturdays_and_sundays_only() -> None:
    november = [DayCount(date(2025, 11, 1) + timedelta(days=d), 10, 3, 3, 3, 1) for d in range(30)]
    weekend_days = sum(1 for d in november if d.day.weekday() >= 5)
    assert weekend_days == 10  # 1-2, 8-9, 15-16, 22-23, 29-30 November 2025
    svg = charts.daily_volume(november, set())
    assert svg.count(f"fill: {charts.COLORS['weekend']}") == weekend_days + 1  # and its legend entry


def test_negative_is_the_same_red_on_the_daily_the_issue_and_the_trend_chart() -> None:
    day = [DayCount(date(2025, 11, 3), 10, 3, 3, 4, 0)]
    issue = [IssueRow("banjir", "Banjir", 10, 3, 3, 4, 0, 0.3, 0.4, -0.1, 1.0, None, None)]
    trend = [MonthTotals(date(2025, m, 1), 10, 3, 3, 4, 0) for m in (9, 10, 11)]
    red = charts.COLORS["negative"]
    for svg in (charts.daily_volume(day, set()), charts.sentiment_by_issue(issue), charts.sentiment_trend(trend)):
        assert red in svg
