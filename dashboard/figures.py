"""The dashboard's charts as Plotly figures (plotly.py), serialised to JSON for the page.

Hover texts are formatted here with ``reporting.formatting`` (the report's module: `1.234`,
`18,2%`), axis numbers through Plotly's ``separators`` (decimal comma, thousands dot), and month
labels are Indonesian category labels, so no English date format reaches a chart. A chart with
no value to draw is None: the page shows a sentence instead of an empty frame.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date

from reporting import formatting as fmt

# the report's palette (reporting/charts.py), one colour per sentiment on every chart
COLORS = {"positive": "#2e7d32", "neutral": "#b0b7bf", "negative": "#c62828", "unlabeled": "#e9dcc4"}
LABELS = {"positive": "Positif", "neutral": "Netral", "negative": "Negatif", "unlabeled": "Tanpa label"}
SENTIMENTS = ("positive", "neutral", "negative", "unlabeled")
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
INK, ACCENT = "#1f2933", "#0b3d66"
SERIES = ["#0b3d66", "#c62828", "#2e7d32", "#b26a00", "#6a1b9a", "#00838f", "#5d4037", "#455a64"]
FONT = "Citra Sans, DejaVu Sans, Verdana, sans-serif"


def month_labels(months: Sequence[date]) -> list[str]:
    """Axis labels short enough for twelve on a phone: `Okt<br>2025`, `Nov`, `Des`, `Jan<br>2026`,
    ... (the year under each January, and under the first month unless a January follows within two;
    hover shows the full name)."""
    january_soon = any(m.month == 1 for m in months[1:3])  # two years side by side would overlap
    return [
        f"{SHORT_MONTHS[m.month - 1]}<br>{m.year}"
        if m.month == 1 or (i == 0 and not january_soon)
        else SHORT_MONTHS[m.month - 1]
        for i, m in enumerate(months)
    ]


def _layout(**extra: object) -> dict:
    layout = {
        "separators": ",.",
        "font": {"family": FONT, "size": 12, "color": INK},
        "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        "hoverlabel": {"font": {"family": FONT}},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "barmode": "stack",
        "xaxis": {"automargin": True, "fixedrange": True, "tickangle": 0},
        "yaxis": {"automargin": True, "fixedrange": True, "gridcolor": "#e4e7eb", "tickformat": ",d"},
    }
    layout.update(extra)
    return layout


def _finite(value: object) -> object:
    """``value`` with every NaN or infinity replaced by None (JSON has neither; Plotly draws a gap)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def to_json(figure: dict) -> str:
    """The figure as JSON that is safe inside a ``<script>`` element (``<``, ``>`` and ``&`` escaped).

    The figures are Plotly figure specifications built from plain values; plotly.py's validation
    (``plotly.graph_objects.Figure``) costs about 30 ms a figure, so the tests run every figure of
    a site through it (tests/test_dashboard_pages.py) and the build writes the JSON directly."""
    text = json.dumps(_finite(figure), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _count_hover(label: str) -> str:
    return f"<b>%{{customdata[0]}}</b><br>{label}: %{{customdata[1]}}<extra></extra>"


def sentiment_trend(months: Sequence, negative_line: bool = True) -> dict | None:
    """Mentions per month stacked by sentiment, with the negative share as a line (right axis).
    ``months`` have ``month``, the four counts and ``negative_share``."""
    if not any(m.mentions for m in months):
        return None
    x = month_labels([m.month for m in months])
    traces = [
        {
            "type": "bar",
            "name": LABELS[s],
            "x": x,
            "y": [getattr(m, s) for m in months],
            "marker": {"color": COLORS[s]},
            "customdata": [[fmt.month_name(m.month), fmt.number(getattr(m, s))] for m in months],
            "hovertemplate": _count_hover(LABELS[s]),
        }
        for s in SENTIMENTS
    ]
    layout = _layout()
    if negative_line:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "Porsi negatif",
                "x": x,
                "y": [m.negative_share for m in months],
                "yaxis": "y2",
                "line": {"color": INK, "width": 2},
                "customdata": [[fmt.month_name(m.month), fmt.percent(m.negative_share)] for m in months],
                "hovertemplate": _count_hover("Porsi negatif"),
            }
        )
        layout["yaxis2"] = {
            "overlaying": "y",
            "side": "right",
            "tickformat": ".0%",
            "rangemode": "tozero",
            "automargin": True,
            "fixedrange": True,
            "showgrid": False,
        }
    return {"data": traces, "layout": layout}


def sentiment_bars(labels: Sequence[str], rows: Sequence, horizontal: bool = True) -> dict | None:
    """One bar per label (issue, region, outlet), stacked by sentiment; ``rows`` have the four counts."""
    if not rows or not any(r.positive + r.neutral + r.negative + r.unlabeled for r in rows):
        return None
    traces = []
    for s in SENTIMENTS:
        values = [getattr(r, s) for r in rows]
        axis = {"y": list(labels), "x": values, "orientation": "h"} if horizontal else {"x": list(labels), "y": values}
        traces.append(
            {
                "type": "bar",
                "name": LABELS[s],
                **axis,
                "marker": {"color": COLORS[s]},
                "customdata": [[label, fmt.number(v)] for label, v in zip(labels, values)],
                "hovertemplate": _count_hover(LABELS[s]),
            }
        )
    layout = _layout(height=max(220, 34 * len(rows) + 80)) if horizontal else _layout()
    if horizontal:
        layout["yaxis"] = {"automargin": True, "fixedrange": True, "autorange": "reversed"}
        layout["xaxis"] = {"automargin": True, "fixedrange": True, "gridcolor": "#e4e7eb", "tickformat": ",d"}
    return {"data": traces, "layout": layout}


def daily_bars(days: Sequence) -> dict | None:
    """Mentions per day of the month stacked by sentiment; ``days`` have ``day`` and the four counts."""
    if not any(d.mentions for d in days):
        return None
    x = [str(d.day.day) for d in days]
    traces = [
        {
            "type": "bar",
            "name": LABELS[s],
            "x": x,
            "y": [getattr(d, s) for d in days],
            "marker": {"color": COLORS[s]},
            "customdata": [[fmt.weekday_day(d.day), fmt.number(getattr(d, s))] for d in days],
            "hovertemplate": _count_hover(LABELS[s]),
        }
        for s in SENTIMENTS
    ]
    layout = _layout()
    layout["xaxis"] = {**layout["xaxis"], "type": "category"}
    return {"data": traces, "layout": layout}


def share_heatmap(rows: Sequence[str], months: Sequence[date], values: Sequence[Sequence[float | None]]) -> dict | None:
    """A share per row and month as colour (e.g. the negative share per region): white to red."""
    if not any(v is not None for row in values for v in row):
        return None
    x = month_labels(months)
    text = [[fmt.percent(v) for v in row] for row in values]
    trace = {
        "type": "heatmap",
        "x": x,
        "y": list(rows),
        "z": [list(row) for row in values],
        "zmin": 0,
        "colorscale": [[0, "#ffffff"], [1, COLORS["negative"]]],
        "customdata": [[[r, fmt.month_name(m), t] for m, t in zip(months, trow)] for r, trow in zip(rows, text)],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}: %{customdata[2]}<extra></extra>",
        "colorbar": {"tickformat": ".0%", "thickness": 10},
        "xgap": 1,
        "ygap": 1,
    }
    layout = _layout(height=max(260, 26 * len(rows) + 90))
    layout["yaxis"] = {"automargin": True, "fixedrange": True, "autorange": "reversed"}
    return {"data": [trace], "layout": layout}


def lines(months: Sequence[date], series: dict[str, Sequence[float | None]], kind: str = "int") -> dict | None:
    """One line per series over the months (gaps where a value is null, e.g. withheld); ``kind``
    says how hover shows a value: ``int`` (a count) or ``share``."""
    if not any(v is not None and v != 0 for values in series.values() for v in values):
        return None
    shown = fmt.percent if kind == "share" else fmt.number
    x = month_labels(months)
    traces = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": x,
            "y": list(values),
            "line": {"color": SERIES[i % len(SERIES)], "width": 2},
            "connectgaps": False,
            "customdata": [[f"{name}, {fmt.month_name(m)}", shown(v)] for m, v in zip(months, values)],
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        }
        for i, (name, values) in enumerate(series.items())
    ]
    layout = _layout()
    if kind == "share":
        layout["yaxis"] = {**layout["yaxis"], "tickformat": ".0%", "rangemode": "tozero"}
    return {"data": traces, "layout": layout}


def bars(labels: Sequence[str], values: Sequence[float | None], kind: str = "int", color: str = ACCENT) -> dict | None:
    """One horizontal bar per label (nulls left out of the chart, not drawn as zero); ``kind``:
    ``int`` (a count), ``share`` or ``num1`` (a score, one decimal)."""
    pairs = [(label, v) for label, v in zip(labels, values) if v is not None]
    if not any(v for _, v in pairs):
        return None
    shown = {"share": fmt.percent, "num1": lambda v: fmt.number(v, 1)}.get(kind, fmt.number)
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": [p[0] for p in pairs],
        "x": [p[1] for p in pairs],
        "marker": {"color": color},
        "customdata": [[label, shown(v)] for label, v in pairs],
        "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
    }
    layout = _layout(height=max(200, 30 * len(pairs) + 70), showlegend=False)
    layout["yaxis"] = {"automargin": True, "fixedrange": True, "autorange": "reversed"}
    layout["xaxis"] = {"automargin": True, "fixedrange": True, "gridcolor": "#e4e7eb"}
    layout["xaxis"]["tickformat"] = {"share": ".0%", "num1": ",.0f"}.get(kind, ",d")
    return {"data": [trace], "layout": layout}


def dumps(figure: dict | None) -> str | None:
    """``to_json`` for a figure, None for no figure."""
    return None if figure is None else to_json(figure)


def short_day(value: date) -> str:
    """`6 Okt` (an axis label short enough for a month of days on a phone)."""
    return f"{value.day} {SHORT_MONTHS[value.month - 1]}"


def daily_pair(
    days: Sequence[date], series: dict[str, Sequence[int]], colors: Sequence[str], mentions: dict[str, Sequence[int]]
) -> dict | None:
    """Grouped bars per WITA day, one per series (e.g. the reach of a hoax's spread and of its
    debunk); hover gives the day, the value and the mentions behind it (``mentions``, by series)."""
    if not any(v for values in series.values() for v in values):
        return None
    x = [short_day(d) for d in days]
    traces = [
        {
            "type": "bar",
            "name": name,
            "x": x,
            "y": list(values),
            "marker": {"color": colors[i % len(colors)]},
            "customdata": [
                [fmt.weekday_day(d), f"{name}: {fmt.number(v)} ({fmt.number(n)} mention)"]
                for d, v, n in zip(days, values, mentions.get(name, [0] * len(values)))
            ],
            "hovertemplate": "<b>%{customdata[0]}</b><br>%{customdata[1]}<extra></extra>",
        }
        for i, (name, values) in enumerate(series.items())
    ]
    layout = _layout(barmode="group")
    layout["xaxis"] = {**layout["xaxis"], "type": "category"}
    return {"data": traces, "layout": layout}
