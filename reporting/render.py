"""Turn a `ReportData` into HTML (Jinja2) and PDF (WeasyPrint), offline.

Nothing is fetched from the network: the stylesheet is inlined, charts are data URLs, fonts
are the DejaVu Sans files of the matplotlib wheel (file:// URLs), and the URL fetcher
refuses every scheme but `file` and `data`.
"""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import jinja2
from weasyprint import HTML, URLFetcher

from reporting import bursts, charts
from reporting import formatting as fmt
from reporting.data import previous_month
from reporting.model import ReportData

# WeasyPrint warns on every PDF that it subsets fonts with fontTools instead of the system's
# HarfBuzz-Subset; the output is the same, so keep the warning out of the build summary.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

PLATFORMS = {"facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok", "youtube": "YouTube", "x": "X"}
FONT_FACE = '@font-face {{ font-family: "Citra Sans"; src: url("{url}"); font-weight: {weight}; }}'


@dataclass(frozen=True)
class RenderedReport:
    """Where one month's report was written."""

    month: date
    html_path: Path
    pdf_path: Path
    pages: int


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reporting", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        number=fmt.number,
        percent=fmt.percent,
        points=fmt.points,
        net=fmt.net,
        signed_percent=fmt.signed_percent,
        month_name=fmt.month_name,
        day=fmt.day,
        weekday_day=fmt.weekday_day,
        wita_time=fmt.wita_time,
        platform=lambda p: PLATFORMS.get(p, p),
        gap_kind=lambda k: fmt.GAP_KINDS.get(k, k),
    )
    return env


def _data_url(svg: str | None) -> str | None:
    return None if svg is None else "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def font_css() -> str:
    """`@font-face` rules for the bundled DejaVu Sans (regular and bold)."""
    return "\n".join(
        FONT_FACE.format(url=path.as_uri(), weight=700 if kind == "bold" else 400)
        for kind, path in charts.FONT_FILES.items()
    )


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page (fonts aside, which fall back gracefully)."""
    labelled = [i for i in data.issues if i.negative_share is not None]
    risers = [i for i in labelled if (i.negative_share_change_pp or 0) > 0]
    context = {
        "d": data,
        "prev_month": previous_month(data.month),
        "riser": max(risers, key=lambda i: i.negative_share_change_pp) if risers else None,
        "by_negative": sorted(labelled, key=lambda i: (-i.negative_share, -i.mentions, i.issue)),
        "sentiment_chart": _data_url(charts.sentiment_by_issue(data.issues)),
        "daily_chart": _data_url(charts.daily_volume(data.daily, {b.day for b in data.bursts})),
        "rule": bursts.burst_rule(),
        "css": resources.files("reporting").joinpath("templates/report.css").read_text(encoding="utf-8"),
        "font_css": font_css(),
    }
    return _environment().get_template("report.html.j2").render(context)


def render_pdf(html: str, pdf_path: Path) -> int:
    """Write the PDF and return its page count; only local files and data URLs are read."""
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = HTML(string=html, base_url=str(pdf_path.parent), url_fetcher=fetcher).render()
    document.write_pdf(pdf_path)
    return len(document.pages)


def write_report(data: ReportData, reports_dir: Path) -> RenderedReport:
    """Write `<reports_dir>/YYYY-MM/laporan_YYYY-MM.html` and `.pdf` (replacing a previous run's)."""
    out = reports_dir / f"{data.month:%Y-%m}"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"laporan_{data.month:%Y-%m}"
    html = render_html(data)
    html_path, pdf_path = out / f"{stem}.html", out / f"{stem}.pdf"
    partial = out / f".{stem}.pdf.part"
    pages = render_pdf(html, partial)
    partial.replace(pdf_path)
    html_path.write_text(html, encoding="utf-8")
    return RenderedReport(data.month, html_path, pdf_path, pages)
