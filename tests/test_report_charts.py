"""Charts: weekends shaded on the daily chart, and each sentiment in its own colour on every chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from reporting import charts
from reporting.model import DayCount, IssueRow, MonthTotals


def test_the_daily_chart_shades_saturdays_and_sundays_only() -> None:
    november = [DayCount(date(2025, 11, 1) + timedelta(days=d), 10, 3, 3, 3, 1) for d in range(30)]
    weekend_days = sum(1 for d in november if d.day.weekday() >= 5)
    assert weekend_days == 10  # 1-2, 8-9, 15-16, 22-23, 29-30 November 2025
    svg = charts.daily_volume(november, set())
    assert svg.count(f"fill: {charts.COLORS['weekend']}") == weekend_days + 1  # and its legend entry


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: list[float]


def drawn_series(monkeypatch: pytest.MonkeyPatch, draw: Callable[[], str | None]) -> list[Series]:
    """What a chart draws, series by series: bars by their lengths, lines by their points."""
    figures: list[Figure] = []
    to_svg = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda fig: figures.append(fig) or to_svg(fig))
    assert draw() is not None
    (ax,) = figures[0].axes
    series = [
        Series(
            bars.get_label(),
            to_hex(bars.patches[0].get_facecolor()),
            [p.get_width() if bars.orientation == "horizontal" else p.get_height() for p in bars.patches],
        )
        for bars in ax.containers
    ]
    return series + [Series(line.get_label(), to_hex(line.get_color()), list(line.get_ydata())) for line in ax.lines]


def test_the_negative_series_is_red_on_the_daily_the_issue_and_the_trend_chart_and_no_other_series_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # bug caught: the negative counts drawn in another colour (or another series drawn red) while
    # some red is still in the picture (a legend patch, a burst mark). Every sentiment has its own
    # counts, so the series drawn from the negative counts is known by its values
    red = charts.COLORS["negative"]
    day = [DayCount(date(2025, 11, 3), 11, 2, 3, 5, 1)]  # positive 2, neutral 3, negative 5, unlabeled 1
    issue = [IssueRow("banjir", "Banjir", 10, 2, 3, 5, 0, 0.2, 0.5, -0.3, 1.0, None, None)]
    trend = [MonthTotals(date(2025, m, 1), 10, 12 - m, 3, m - 5, 0) for m in (9, 10, 11)]  # negative 4, 5, 6
    for draw, negative, label in (
        (lambda: charts.daily_volume(day, set()), [5], "Negatif"),
        (lambda: charts.sentiment_by_issue(issue), [0.5], "Negatif"),
        (lambda: charts.sentiment_trend(trend), [0.4, 0.5, 0.6], "Porsi negatif"),
    ):
        series = drawn_series(monkeypatch, draw)
        assert len(series) >= 2
        assert [(s.label, s.colour) for s in series if s.values == pytest.approx(negative)] == [(label, red)], series
        assert [s.label for s in series if s.colour == red] == [label], series
