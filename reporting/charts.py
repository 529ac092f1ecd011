"""Charts of the report as SVG strings (matplotlib, Agg backend, text drawn as paths).

Text is turned into outlines with DejaVu Sans from the matplotlib wheel, so a chart looks the
same on every machine and the PDF needs no system font. Figures are built with the object API
(no pyplot state), which needs no GUI backend and is safe in a long-running Dagster process.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import matplotlib
from matplotlib import font_manager, rc_context
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from reporting import formatting as fmt
from reporting.model import DayCount, IssueRow, MonthTotals

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"regular": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
# One colour per category on every chart (and in the tables' legends): sentiment first.
COLORS = {
    "positive": "#2e7d32",
    "neutral": "#b0b7bf",
    "negative": "#c62828",
    "unlabeled": "#e9dcc4",
    "ink": "#1f2933",
    "muted": "#616e7c",
    "weekend": "#eef2f6",
}
LABELS = {"positive": "Positif", "neutral": "Netral", "negative": "Negatif", "unlabeled": "Tanpa label"}
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "svg.fonttype": "path",
    "axes.edgecolor": "#cbd2d9",
    "axes.labelcolor": COLORS["ink"],
    "xtick.color": COLORS["muted"],
    "ytick.color": COLORS["ink"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "citra",
}

for _path in FONT_FILES.values():
    font_manager.fontManager.addfont(str(_path))


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def sentiment_by_issue(issues: list[IssueRow]) -> str | None:
    """100% stacked bars: positive, neutral and negative share of each issue's labelled mentions."""
    rows = [i for i in issues if i.positive + i.neutral + i.negative > 0][::-1]
    if not rows:
        return None
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 0.32 * len(rows) + 0.9))
        ax = fig.subplots()
        labels = [i.issue_name for i in rows]
        left = [0.0] * len(rows)
        for key in ("positive", "neutral", "negative"):
            name = LABELS[key]
            shares = [getattr(i, key) / (i.positive + i.neutral + i.negative) for i in rows]
            bars = ax.barh(labels, shares, left=left, color=COLORS[key], label=name, height=0.7)
            for bar, share, start in zip(bars, shares, left):
                if share >= 0.08:
                    ax.text(
                        start + share / 2,
                        bar.get_y() + bar.get_height() / 2,
                        fmt.percent(share, 0),
                        ha="center",
                        va="center",
                        fontsize=7,
                        color="white" if key != "neutral" else COLORS["ink"],
                    )
            left = [a + b for a, b in zip(left, shares)]
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: fmt.percent(x, 0)))
        ax.tick_params(axis="y", length=0)
        ax.legend(ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return _svg(fig)


def daily_volume(daily: list[DayCount], burst_days: set[date]) -> str | None:
    """Mentions per day stacked by sentiment (negative on top), weekends shaded, burst days marked."""
    if not daily or not any(d.mentions for d in daily):
        return None
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 1.9))
        ax = fig.subplots()
        days = [d.day.day for d in daily]
        for d in daily:
            if d.day.weekday() >= 5:
                ax.axvspan(d.day.day - 0.5, d.day.day + 0.5, color=COLORS["weekend"], zorder=0, lw=0)
        bottom = [0] * len(daily)
        for key in ("positive", "neutral", "unlabeled", "negative"):
            values = [getattr(d, key) for d in daily]
            ax.bar(days, values, bottom=bottom, color=COLORS[key], label=LABELS[key], width=0.8, zorder=2)
            bottom = [a + b for a, b in zip(bottom, values)]
        for d in daily:
            if d.day in burst_days:
                ax.annotate(
                    "lonjakan",
                    (d.day.day, d.mentions),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color=COLORS["negative"],
                )
        ax.set_xlim(0.5, len(days) + 0.5)
        ax.set_xticks([d for d in days if d == 1 or d % 5 == 0])
        ax.set_xlabel("Tanggal (WITA)")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt.number(y)))
        ax.margins(y=0.15)
        handles = [*ax.get_legend_handles_labels()[0], Patch(facecolor=COLORS["weekend"], label="Akhir pekan")]
        ax.legend(handles=handles, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return _svg(fig)


def sentiment_trend(history: list[MonthTotals]) -> str | None:
    """Positive and negative share per month over the last months, the report's month last."""
    points = [(m, m.positive_share, m.negative_share) for m in history]
    if sum(1 for _, pos, _ in points if pos is not None) < 2:
        return None
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 1.45))
        ax = fig.subplots()
        x = list(range(len(points)))
        for key, index in (("positive", 1), ("negative", 2)):
            values = [p[index] if p[index] is not None else float("nan") for p in points]
            ax.plot(
                x, values, color=COLORS[key], marker="o", markersize=3, lw=1.6, label=f"Porsi {LABELS[key].lower()}"
            )
            last, other = values[-1], points[-1][3 - index]
            if last == last:  # not NaN
                above = other is None or last >= other
                ax.annotate(
                    fmt.percent(last),
                    (x[-1], last),
                    xytext=(5, 4 if above else -4),
                    textcoords="offset points",
                    va="center",
                    fontsize=7,
                    color=COLORS[key],
                )
        ax.set_xticks(x, [f"{SHORT_MONTHS[m.month.month - 1]}\n{m.month.year}" for m, _, _ in points])
        ax.get_xticklabels()[-1].set_fontweight("bold")  # the report's month
        ax.set_xlim(-0.5, len(x) - 0.2)
        ax.set_ylim(0, None)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt.percent(y, 0)))
        ax.legend(ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return _svg(fig)
