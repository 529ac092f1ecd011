"""Turn a `ReportData` into HTML (Jinja2) and PDF (WeasyPrint), offline.

Nothing is fetched from the network: the stylesheet is inlined, charts are data URLs, fonts
are the DejaVu Sans files of the matplotlib wheel (file:// URLs), and the URL fetcher
refuses every scheme but `file` and `data`.
"""

from __future__ import annotations

import base64
import logging
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from reporting import formatting as fmt
from reporting.model import ReportData
from reporting.periods import previous_month
from reporting.recommendations import months_in_a_row
from reporting.sections import SECTIONS
from reporting.sections.officials import MEDIA_TYPES

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


MENTION_WORD = re.compile(r"\b(mention)\b", re.IGNORECASE)


def italic_mention(text: str) -> Markup:
    """Escape ``text`` and set the loanword *mention* in italics, as Indonesian style asks."""
    return Markup(MENTION_WORD.sub(r"<i>\1</i>", str(escape(text))))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None: links come from vendor exports, and a
    `javascript:` or `file:` link must never become clickable in the HTML report."""
    if url and re.match(r"https?://[^\s\"'<>]+$", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def series_separator(loop: jinja2.runtime.LoopContext) -> str:
    """The separator after a loop item in a PUEBI list: `a, b, dan c`, `a dan b`."""
    if loop.last:
        return ""
    if loop.length == 2:
        return " dan "
    return ", dan " if loop.revindex == 2 else ", "


def _environment() -> jinja2.Environment:
    # charts imports matplotlib (about a second): only when a report is rendered, not whenever
    # the Dagster definitions or the alerts (which share RenderedReport via delivery) are loaded
    from reporting import charts

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
        index=fmt.index,
        index_change=fmt.index_change,
        direction=lambda change, stable, lower=False: fmt.direction(change, stable, lower),
        index_direction=lambda change, stable: fmt.direction(None if change is None else change * 100, stable),
        trend=fmt.trend,
        series=fmt.series,
        mention=italic_mention,
        post_time=fmt.post_time,
        web_url=web_url,
        short_month=lambda m: f"{charts.SHORT_MONTHS[m.month - 1]} {m.year}",
        outlet_count=lambda pair: f"{pair[0]} ({fmt.number(pair[1])})",
        months_in_a_row=months_in_a_row,
        media_type=lambda m: MEDIA_TYPES.get(m, m or "Lainnya"),
        signed_percent=fmt.signed_percent,
        month_name=fmt.month_name,
        day=fmt.day,
        weekday_day=fmt.weekday_day,
        wita_time=fmt.wita_time,
        window_hours=lambda b: fmt.window_hours(b.window_start, b.window_end),
        platform=lambda p: PLATFORMS.get(p, p),
        gap_kind=lambda k: fmt.GAP_KINDS.get(k, k),
        alert_kind=lambda k: fmt.ALERT_KINDS.get(k, k),
        alert_status=lambda k: fmt.ALERT_STATUS.get(k, k),
    )
    env.globals["series_sep"] = series_separator
    return env


def _data_url(svg: str | None) -> str | None:
    return None if svg is None else "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def font_css() -> str:
    """`@font-face` rules for the bundled DejaVu Sans (regular and bold)."""
    from reporting import charts  # matplotlib: local, see _environment

    return "\n".join(
        FONT_FACE.format(url=path.as_uri(), weight=700 if kind == "bold" else 400)
        for kind, path in charts.FONT_FILES.items()
    )


def section_charts(data: ReportData) -> dict[str, dict[str, str | None]]:
    """Each section's charts as data URLs, keyed by section and chart name."""
    out: dict[str, dict[str, str | None]] = {}
    for section in SECTIONS:
        made = section.charts(data, data.sections.get(section.key)) if section.charts and data.has_data else {}
        out[section.key] = {name: _data_url(svg) for name, svg in made.items()}
    return out


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page (fonts aside, which fall back gracefully)."""
    labelled = [i for i in data.issues if i.negative_share is not None]
    context = {
        "d": data,
        "prev_month": previous_month(data.month),
        "by_negative": sorted(labelled, key=lambda i: (-i.negative_share, -i.mentions, i.issue)),
        "sections": SECTIONS,
        "section_charts": section_charts(data),
        "css": resources.files("reporting").joinpath("templates/report.css").read_text(encoding="utf-8"),
        "font_css": font_css(),
    }
    return _environment().get_template("report.html.j2").render(context)


def render_pdf(html: str, pdf_path: Path) -> int:
    """Write the PDF and return its page count; only local files and data URLs are read."""
    # WeasyPrint takes about a second to import (cffi bindings to Pango): only when a PDF is written
    from weasyprint import HTML, URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    document = HTML(string=html, base_url=str(pdf_path.parent), url_fetcher=fetcher).render()
    document.write_pdf(pdf_path)
    return len(document.pages)


def report_paths(reports_dir: Path, month: date) -> tuple[Path, Path]:
    """Where a month's report goes: `<reports_dir>/YYYY-MM/laporan_YYYY-MM.html` and `.pdf`."""
    stem = reports_dir / f"{month:%Y-%m}" / f"laporan_{month:%Y-%m}"
    return stem.with_suffix(".html"), stem.with_suffix(".pdf")


def write_report(data: ReportData, reports_dir: Path) -> RenderedReport:
    """Write the month's HTML and PDF (``report_paths``), replacing a previous run's."""
    html_path, pdf_path = report_paths(reports_dir, data.month)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    html = render_html(data)
    partial = pdf_path.with_name(f".{pdf_path.name}.part")
    pages = render_pdf(html, partial)
    partial.replace(pdf_path)
    html_path.write_text(html, encoding="utf-8")
    return RenderedReport(data.month, html_path, pdf_path, pages)
