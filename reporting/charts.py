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
from matplotlib.ticker import FuncFormatter

from reporting import formatting as fmt
from reporting.model import IssueRow

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"regular": FONT_DIR / "DejaVuSans.ttf", "bold": FONT_DIR / "DejaVuSans-Bold.ttf"}
COLORS = {"positive": "#2e7d32", "neutral": "#b0b7bf", "negative": "#c62828", "ink": "#1f2933", "muted": "#616e7c"}
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
        for key, name in (("positive", "Positif"), ("neutral", "Netral"), ("negative", "Negatif")):
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


def daily_volume(daily: list[tuple[date, int, int]], burst_days: set[date]) -> str | None:
    """Mentions per day with the negative part on top, burst days marked."""
    if not daily or not any(total for _, total, _ in daily):
        return None
    with rc_context(STYLE):
        fig = Figure(figsize=(7.0, 1.8))
        ax = fig.subplots()
        days = [d.day for d, _, _ in daily]
        other = [total - negative for _, total, negative in daily]
        negatives = [negative for _, _, negative in daily]
        ax.bar(days, other, color=COLORS["neutral"], label="Positif, netral, tanpa label", width=0.8)
        ax.bar(days, negatives, bottom=other, color=COLORS["negative"], label="Negatif", width=0.8)
        for d, total, _ in daily:
            if d in burst_days:
                ax.annotate(
                    "lonjakan",
                    (d.day, total),
                    xytext=(0, 3),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                    color=COLORS["negative"],
                )
        ax.set_xlim(0.3, len(days) + 0.7)
        ax.set_xticks([d for d in days if d == 1 or d % 5 == 0])
        ax.set_xlabel("Tanggal (WITA)")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: fmt.number(y)))
        ax.margins(y=0.15)
        ax.legend(ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        return _svg(fig)
