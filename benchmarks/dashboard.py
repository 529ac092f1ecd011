"""`python -m benchmarks --only dashboard`: the dashboard on the sample of `make demo`
(``CITRA_HOME/serving/citra.duckdb``), each figure beside a baseline measured in the same command.

| figure | goal | baseline beside it |
|---|---|---|
| `citra dashboard build`, a new site (every page) and a build with nothing changed | adds at most 3 s to a build | the serving publication of the same warehouse (the step it follows) |
| `citra dashboard build --all-regions`: the province's and all 13 regions' sites | under 30 s | the province's site alone |
| each page of the province's site opened in headless Chromium until its charts are drawn | under 2 s | an empty page from the same server |

Every command runs as a child process (a fresh Python, imports included), writing into a temporary
home that links to the sample's serving copy, so the office's own `dashboard/` is not touched.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.machine import load, machine, timed

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PUBLISH = "import sys; from pathlib import Path; from serving.publish import publish; publish(Path(sys.argv[1]), Path(sys.argv[2]))"


@dataclass(frozen=True)
class Run:
    seconds: float  # the child process, Python start and imports included
    cpu_seconds: float
    build_seconds: float  # what `build_site` took inside it, summed over the sites (the asset's own time)
    output: str


def _citra(home: Path, *args: str) -> Run:
    env = {**os.environ, "CITRA_HOME": str(home), "CITRA_WAREHOUSE": str(home / "warehouse.duckdb")}
    result = timed([str(Path(sys.executable).parent / "citra"), "dashboard", "build", *args], env=env)
    if result.returncode != 0:
        raise SystemExit(f"citra dashboard build {' '.join(args)} failed:\n{result.output}")
    inside = sum(float(x) for x in re.findall(r"in ([0-9.]+) s", result.output))
    return Run(result.seconds, result.cpu_seconds, inside, result.output)


def page_times(site: Path, rounds: int = 3) -> tuple[dict[str, float], dict[str, float], float, float]:
    """Median seconds from navigation to the last chart drawn, per page; the renderer's main-thread
    busy time for it (Chromium's TaskDuration: what the page costs on an idle machine); an empty page's."""
    from playwright.sync_api import sync_playwright

    from dashboard.serve import make_server

    empty_dir = Path(tempfile.mkdtemp(prefix="citra-bench-empty-"))
    (empty_dir / "index.html").write_text("<!doctype html><title>kosong</title><p>kosong</p>", encoding="utf-8")
    # the floor of any page with a chart: plotly.min.js alone, the same file from the same kind of server
    (empty_dir / "plotly.min.js").symlink_to(site / "assets" / "plotly.min.js")
    (empty_dir / "plotly.html").write_text(
        '<!doctype html><title>plotly</title><script src="plotly.min.js"></script><p>plotly</p>', encoding="utf-8"
    )
    servers = [make_server(site, 0), make_server(empty_dir, 0)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url, empty_url = (f"http://127.0.0.1:{s.server_address[1]}/" for s in servers)
    times: dict[str, list[float]] = {}
    busy: dict[str, list[float]] = {}
    empty: list[float] = []
    plotly_only: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(rounds):
            for name in sorted(p.name for p in site.glob("*.html")):
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable")
                started = time.perf_counter()
                page.goto(site_url + name, wait_until="load")
                page.wait_for_function(
                    "[...document.querySelectorAll('.chart')].every(e => e.dataset.drawn === '1')", timeout=60_000
                )
                times.setdefault(name, []).append(time.perf_counter() - started)
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                busy.setdefault(name, []).append(metrics.get("TaskDuration", 0.0))
                page.close()
            for name, into in (("index.html", empty), ("plotly.html", plotly_only)):
                page = context.new_page()
                started = time.perf_counter()
                page.goto(empty_url + name, wait_until="load")
                into.append(time.perf_counter() - started)
                page.close()
        browser.close()
    for server in servers:
        server.shutdown()
    median = {name: statistics.median(v) for name, v in times.items()}
    busy_median = {name: statistics.median(v) for name, v in busy.items()}
    return median, busy_median, statistics.median(empty), statistics.median(plotly_only)


def main(home: Path) -> None:
    serving, warehouse = home / "serving" / "citra.duckdb", home / "warehouse.duckdb"
    if not serving.exists() or not warehouse.exists():
        raise SystemExit(f"{serving} is missing: run `make demo` first (the benchmark measures the sample)")
    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="citra-bench-dashboard-"))
    (work / "serving").mkdir()
    (work / "serving" / "citra.duckdb").symlink_to(serving.resolve())  # a relative CITRA_HOME too
    publication = timed([sys.executable, "-c", PUBLISH, str(warehouse), str(work / "publish")])
    if publication.returncode != 0:
        raise SystemExit(f"the baseline publication failed:\n{publication.output}")
    new, unchanged = _citra(work), _citra(work)
    regions_new, regions_unchanged = _citra(work, "--all-regions"), _citra(work, "--all-regions")
    pages, busy, empty, plotly_only = page_times(work / "dashboard" / "site")
    floor = f"empty page {empty:.2f} s; plotly.min.js alone {plotly_only:.2f} s"
    slowest = max(pages, key=pages.get)
    publish = f"serving publication {publication.seconds:.1f} s (CPU {publication.cpu_seconds:.1f} s)"
    print(new.output.strip())
    print()
    print("| figure | seconds (wall) | CPU seconds | inside build_site | goal | baseline (same command) |")
    print("|---|---|---|---|---|---|")
    rows = [
        (f"dashboard step, new site ({len(pages)} pages)", new, "<= 3 s added", publish),
        ("dashboard step, nothing changed", unchanged, "<= 3 s added", publish),
        ("province + 13 region sites, new", regions_new, "< 30 s", f"province's site alone {new.seconds:.1f} s"),
        (
            "province + 13 region sites, nothing changed",
            regions_unchanged,
            "< 30 s",
            f"province's site alone {unchanged.seconds:.1f} s",
        ),
    ]
    for label, run, goal, baseline in rows:
        print(
            f"| {label} | {run.seconds:.1f} | {run.cpu_seconds:.1f} | {run.build_seconds:.1f} | {goal} | {baseline} |"
        )
    median = statistics.median(pages.values())
    print(
        f"| page open until charts drawn, median over pages | {median:.2f} | {statistics.median(busy.values()):.2f} (renderer busy) | | < 2 s | {floor} |"
    )
    print(
        f"| page open, slowest ({slowest}) | {pages[slowest]:.2f} | {busy[slowest]:.2f} (renderer busy) | | < 2 s | {floor} |"
    )
    print()
    print("each command a fresh process (Python start and imports included; the Dagster asset runs inside the build's")
    print("process, so it adds about the 'inside build_site' time); page times: median of 3 visits")
    print(f"after: {load()}")
