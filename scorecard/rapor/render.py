"""Write each unit's rapor as HTML and a one-page PDF with the monthly report's renderer
(reporting/render.py: Jinja2, WeasyPrint, the bundled fonts, only file: and data: URLs).

One ``RaporRenderer`` serves every unit of a run: the template environment, the stylesheet and
the font rules are made once, so a unit costs its own chart and its own PDF only.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from reporting.render import _environment, font_css, render_pdf
from scorecard.rapor.model import Rapor

UNIT_TYPES = {"agency": "Perangkat daerah", "region": "Wilayah"}


@dataclass(frozen=True)
class Room:
    """How much of a unit's lists the page shows; a unit whose rapor runs past one page is
    rendered again with the next, tighter layout."""

    level: int
    accounts: int
    posts: int
    alerts: int


LAYOUTS = (Room(0, 8, 3, 5), Room(1, 5, 3, 3), Room(2, 3, 2, 2))


@dataclass(frozen=True)
class RenderedRapor:
    """Where one unit's rapor was written."""

    unit: str
    html_path: Path
    pdf_path: Path
    pages: int
    seconds: float


def rapor_dir(reports_dir: Path, rapor_month: object) -> Path:
    """`reports/YYYY-MM/rapor/`."""
    return reports_dir / f"{rapor_month:%Y-%m}" / "rapor"


class RaporRenderer:
    """The monthly report's Jinja2 environment with the rapor's template in front."""

    def __init__(self, chart_image: str = "png") -> None:
        self.chart_image = chart_image
        env = _environment()
        env.loader = jinja2.ChoiceLoader([jinja2.PackageLoader("scorecard", "templates"), env.loader])
        env.filters["unit_type"] = lambda t: UNIT_TYPES.get(t, t)
        self.template = env.get_template("rapor.html.j2")
        self.css = resources.files("scorecard").joinpath("templates/rapor.css").read_text(encoding="utf-8")
        self.fonts = font_css()

    def chart(self, rapor: Rapor) -> str | None:
        # matplotlib only when a rapor is drawn, never when the Dagster definitions load
        from scorecard.rapor.chart import trend_chart

        median_label = "Median perangkat daerah" if rapor.unit_type == "agency" else "Median wilayah"
        return trend_chart(rapor.trend, median_label, self.chart_image)

    def html(self, rapor: Rapor, room: Room = LAYOUTS[0], chart: str | None = None) -> str:
        footer = f"Rapor kehumasan {rapor.unit_name} · {rapor.month:%m/%Y}" + (
            f" · {rapor.office}" if rapor.office else ""
        )
        return self.template.render(r=rapor, chart=chart, css=self.css, font_css=self.fonts, footer=footer, room=room)

    def write(self, rapor: Rapor, reports_dir: Path) -> RenderedRapor:
        """`reports/YYYY-MM/rapor/<unit>.html` and `.pdf` (replacing a previous run's), in the
        first layout whose PDF is one page."""
        started = time.perf_counter()
        out = rapor_dir(reports_dir, rapor.month)
        out.mkdir(parents=True, exist_ok=True)
        html_path, pdf_path = out / f"{rapor.unit}.html", out / f"{rapor.unit}.pdf"
        partial = out / f".{rapor.unit}.pdf.part"
        chart = self.chart(rapor)
        for room in LAYOUTS:  # the first layout that fits one page (most units: the first)
            html = self.html(rapor, room, chart)
            pages = render_pdf(html, partial)
            if pages == 1:
                break
        partial.replace(pdf_path)
        html_path.write_text(html, encoding="utf-8")
        return RenderedRapor(rapor.unit, html_path, pdf_path, pages, time.perf_counter() - started)
