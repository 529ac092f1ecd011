"""Rapor kehumasan speed: every unit's one-page rapor of one month, from a built warehouse (the
sample's, `make demo`), against baselines measured in the same command: the same pages with the
trend chart as SVG (as the monthly report draws its charts; WeasyPrint then draws every path),
and with a new renderer (template environment, stylesheet, fonts) made for each unit. CPU
seconds are the figure to compare on a shared machine; wall seconds follow the load.
Target: every unit of the sample in under 60 seconds in all.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

import duckdb

from ingestion.clock import last_complete_month
from reporting.config import load_settings
from scorecard.rapor.data import read_rapors
from scorecard.rapor.render import RaporRenderer


def _timed(write_all) -> tuple[float, float, int]:  # noqa: ANN001 - a local callable
    wall, cpu = time.perf_counter(), time.process_time()
    pages = write_all()
    return time.perf_counter() - wall, time.process_time() - cpu, pages


def main(warehouse: Path | None = None, month: date | None = None) -> None:
    warehouse = warehouse or Path(os.environ.get("CITRA_HOME", "data")) / "warehouse.duckdb"
    month = month or last_complete_month()
    if not warehouse.exists():
        raise SystemExit(f"no warehouse at {warehouse}: run `make demo` first (the rapor needs a built scorecard)")
    settings = load_settings()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rapors = read_rapors(con, month, office=(settings.office_short, settings.office_region))
    if not rapors:
        raise SystemExit(f"no scorecard rows for {month:%Y-%m} in {warehouse}")
    with tempfile.TemporaryDirectory(prefix="citra-bench-rapor-") as tmp:
        out = Path(tmp)

        def shared() -> int:
            renderer = RaporRenderer()
            return sum(renderer.write(r, out / "shared").pages for r in rapors)

        def svg_chart() -> int:
            renderer = RaporRenderer(chart_image="svg")
            return sum(renderer.write(r, out / "svg").pages for r in rapors)

        def per_unit() -> int:
            return sum(RaporRenderer().write(r, out / "per_unit").pages for r in rapors)

        rows = [
            ("one renderer, PNG chart (Citra)", *_timed(shared)),
            ("one renderer, SVG chart", *_timed(svg_chart)),
            ("a renderer per unit, PNG chart", *_timed(per_unit)),
        ]
    print(f"Rapor kehumasan {month:%Y-%m}: {len(rapors)} units from {warehouse} (target: all in under 60 s)")
    print(f"{'how':<40} {'wall s':>8} {'CPU s':>8} {'s/unit':>8} {'pages':>6}")
    for how, wall, cpu, pages in rows:
        print(f"{how:<40} {wall:>8.1f} {cpu:>8.1f} {wall / len(rapors):>8.2f} {pages:>6}")
