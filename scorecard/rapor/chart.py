"""The rapor's 6-month trend chart: the unit's composite beside the median of its kind, in the
monthly report's chart style (reporting/charts.py), as a PNG data URL. A bitmap, not SVG: a
vector chart cost WeasyPrint more than the rest of the page, thirty times per run."""

from __future__ import annotations

import base64
import io

from matplotlib import rc_context
from matplotlib.figure import Figure

from reporting import formatting as fmt
from reporting.charts import COLORS, SHORT_MONTHS, STYLE
from scorecard.rapor.model import TrendPoint

UNIT_COLOR = "#0b3d66"
DPI = 200  # sharp in print at the chart's 9 cm


def trend_chart(points: list[TrendPoint], median_label: str, image: str = "png") -> str | None:
    """Composite per month (0-100), the rapor's month last, as a PNG data URL (``image="svg"``:
    an SVG one, as the monthly report draws, for the benchmark); None with fewer than two scored
    months."""
    if sum(1 for p in points if p.composite_score is not None) < 2:
        return None
    nan = float("nan")
    with rc_context(STYLE):
        fig = Figure(figsize=(3.6, 1.45))
        ax = fig.subplots()
        x = list(range(len(points)))
        own = [p.composite_score if p.composite_score is not None else nan for p in points]
        typical = [p.median_composite if p.median_composite is not None else nan for p in points]
        ax.plot(x, typical, color=COLORS["muted"], lw=1.0, ls="--", label=median_label)
        ax.plot(x, own, color=UNIT_COLOR, marker="o", markersize=3, lw=1.6, label="Nilai komposit")
        if own[-1] == own[-1]:  # not NaN
            ax.annotate(fmt.number(own[-1], 1), (x[-1], own[-1]), xytext=(4, 4), textcoords="offset points", fontsize=7)
        ax.set_xticks(x, [f"{SHORT_MONTHS[p.month.month - 1]}\n{p.month.year}" for p in points])
        ax.set_ylim(0, 105)
        ax.set_xlim(-0.3, len(x) - 0.5)
        ax.legend(ncol=2, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=7)
        buffer = io.BytesIO()
        if image == "svg":
            fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
            return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
        fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
