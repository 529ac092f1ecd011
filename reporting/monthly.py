"""One call that writes a month's report, shared by the Dagster asset and `citra build`."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date, datetime
from importlib.metadata import version
from pathlib import Path

from ingestion.clock import last_complete_month
from ingestion.memory import open_read_only
from reporting import formatting as fmt
from reporting.data import read_report_data
from reporting.model import ReportData
from reporting.render import RenderedReport, report_paths, write_report


def write_monthly_report(warehouse: Path, reports_dir: Path, month: date) -> tuple[ReportData, RenderedReport]:
    """Read the month from the warehouse (read-only) and write its HTML and PDF."""
    data = read_report_data(warehouse, month)
    return data, write_report(data, reports_dir)


FUNCTION_ADDRESS = re.compile(r"<function ([\w.<>]+) at 0x[0-9a-f]+>")
# what else decides a report's pages besides its data and this package's files
RENDERING_LIBRARIES = ("jinja2", "matplotlib", "weasyprint")


def report_digest(data: ReportData) -> str:
    """What decides a month's pages: its data (all but the time it was read), every file of
    the `reporting` package (code, templates, styles) and the rendering libraries' versions.

    Any other value without a stable repr (an object shown by its address) makes every digest
    new, so such a report is written every time: never wrongly kept."""
    # a function in the data (a section's metric) prints with its address, new in every process:
    # its code is digested with the package below, so its name is enough
    shown = FUNCTION_ADDRESS.sub(r"<function \1>", repr(replace(data, generated_at=datetime.min)))
    digest = hashlib.sha256(shown.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(" ".join(f"{name}={version(name)}" for name in RENDERING_LIBRARIES).encode())
    return digest.hexdigest()


def write_monthly_report_if_changed(
    warehouse: Path, reports_dir: Path, month: date
) -> tuple[ReportData, RenderedReport, bool]:
    """As ``write_monthly_report``, but a month whose report on disk was written from the same
    digest (``report_digest``) is not rendered again: a daily build of the current month leaves
    last month's report as it is. The third value says whether the files were written."""
    data = read_report_data(warehouse, month)
    html_path, pdf_path = report_paths(reports_dir, month)
    digest, record = report_digest(data), pdf_path.with_name(f".{pdf_path.stem}.digest.json")
    try:
        kept = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if kept.get("digest") == digest and html_path.exists() and pdf_path.exists():
        return data, RenderedReport(month, html_path, pdf_path, int(kept.get("pages", 0))), False
    record.unlink(missing_ok=True)  # a failed write below must not leave the old digest beside new files
    rendered = write_report(data, reports_dir)
    record.write_text(json.dumps({"digest": digest, "pages": rendered.pages}), encoding="utf-8")
    return data, rendered, True


def latest_complete_month(warehouse: Path) -> date | None:
    """The last calendar month that ended before today (`ingestion.clock`, so `CITRA_TODAY`
    pins it): the month the report is due for, whether or not its data arrived (the report
    says when it is incomplete). None while the warehouse has no mentions at all."""
    with open_read_only(warehouse) as con:
        newest = con.execute("select max(mention_date) from marts.fct_mentions").fetchall()[0][0]
    return None if newest is None else last_complete_month()


def summary_markdown(data: ReportData) -> str:
    """The executive summary as a markdown table, for the Dagster UI."""
    s = data.summary
    if not data.has_data:
        first, last = data.coverage.first, data.coverage.last
        span = f"{first:%Y-%m} to {last:%Y-%m}" if first else "none"
        return f"**{fmt.month_name(data.month)}**: no mentions in the warehouse (months with data: {span})."
    rows = [
        ("Mentions", fmt.number(s.current.mentions), fmt.signed_percent(s.mentions_change)),
        ("Positive share", fmt.percent(s.current.positive_share), fmt.points(s.positive_share_change_pp)),
        ("Negative share", fmt.percent(s.current.negative_share), fmt.points(s.negative_share_change_pp)),
        ("Net sentiment index", fmt.index(s.current.net_sentiment), fmt.index_change(s.net_sentiment_change)),
    ]
    lines = [f"**{fmt.month_name(data.month)}**", "", "| metric | value | vs previous month |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {change} |" for name, value, change in rows]
    lines += ["", f"Negative bursts: {len(data.bursts)}"]
    lines += [f"- {b.issue_name} on {b.day}: {b.negative} negative mentions" for b in data.bursts]
    lines += ["", f"Issues that need action: {len(data.findings.needs_action)}"]
    lines += [f"- {r.issue_name}: {r.action.key} ({', '.join(r.agencies)})" for r in data.recommendations]
    if data.warnings:
        lines += ["", "**Incomplete month:**", *(f"- {w}" for w in data.warnings)]
    return "\n".join(lines)
