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
import statistics
import sys
import tempfile
import threading
import time
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


def _citra(home: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "CITRA_HOME": str(home), "CITRA_WAREHOUSE": str(home / "warehouse.duckdb")}
    result = timed([str(Path(sys.executable).parent / "citra"), "dashboard", "build", *args], env=env)
    if result.returncode != 0:
        raise SystemExit(f"citra dashboard build {' '.join(args)} failed:\n{result.output}")
    return result.seconds, result.output


def page_times(site: Path, rounds: int = 3) -> tuple[dict[str, float], float]:
    """Median seconds from navigation to the last chart drawn, per page; and an empty page's."""
    from playwright.sync_api import sync_playwright

    from dashboard.serve import make_server

    empty_dir = Path(tempfile.mkdtemp(prefix="citra-bench-empty-"))
    (empty_dir / "index.html").write_text("<!doctype html><title>kosong</title><p>kosong</p>", encoding="utf-8")
    servers = [make_server(site, 0), make_server(empty_dir, 0)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    site_url, empty_url = (f"http://127.0.0.1:{s.server_address[1]}/" for s in servers)
    times: dict[str, list[float]] = {}
    empty: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(rounds):
            for name in sorted(p.name for p in site.glob("*.html")):
                page = context.new_page()
                started = time.perf_counter()
                page.goto(site_url + name, wait_until="load")
                page.wait_for_function(
                    "[...document.querySelectorAll('.chart')].every(e => e.dataset.drawn === '1')", timeout=60_000
                )
                times.setdefault(name, []).append(time.perf_counter() - started)
                page.close()
            page = context.new_page()
            started = time.perf_counter()
            page.goto(empty_url + "index.html", wait_until="load")
            empty.append(time.perf_counter() - started)
            page.close()
        browser.close()
    for server in servers:
        server.shutdown()
    return {name: statistics.median(v) for name, v in times.items()}, statistics.median(empty)


def main(home: Path) -> None:
    serving, warehouse = home / "serving" / "citra.duckdb", home / "warehouse.duckdb"
    if not serving.exists() or not warehouse.exists():
        raise SystemExit(f"{serving} is missing: run `make demo` first (the benchmark measures the sample)")
    print(f"machine: {machine()}")
    work = Path(tempfile.mkdtemp(prefix="citra-bench-dashboard-"))
    (work / "serving").mkdir()
    (work / "serving" / "citra.duckdb").symlink_to(serving)
    publication = timed([sys.executable, "-c", PUBLISH, str(warehouse), str(work / "publish")])
    if publication.returncode != 0:
        raise SystemExit(f"the baseline publication failed:\n{publication.output}")
    new, output = _citra(work)
    unchanged, _ = _citra(work)
    regions_new, regions_output = _citra(work, "--all-regions")
    regions_unchanged, _ = _citra(work, "--all-regions")
    pages, empty = page_times(work / "dashboard" / "site")
    slowest = max(pages, key=pages.get)
    print(f"{output.strip()}\n{regions_output.strip().splitlines()[-2].strip()} ...")
    print()
    print("| figure | seconds | goal | baseline (same command) |")
    print("|---|---|---|---|")
    print(
        f"| dashboard step, new site ({len(pages)} pages) | {new:.1f} | <= 3 | serving publication {publication.seconds:.1f} s |"
    )
    print(
        f"| dashboard step, nothing changed | {unchanged:.1f} | <= 3 | serving publication {publication.seconds:.1f} s |"
    )
    print(f"| province + 13 region sites, new | {regions_new:.1f} | < 30 | province's site alone {new:.1f} s |")
    print(
        f"| province + 13 region sites, nothing changed | {regions_unchanged:.1f} | < 30 | province's site alone {unchanged:.1f} s |"
    )
    print(
        f"| page open until charts drawn, median over pages | {statistics.median(pages.values()):.2f} | < 2 | empty page {empty:.2f} s |"
    )
    print(f"| page open, slowest ({slowest}) | {pages[slowest]:.2f} | < 2 | empty page {empty:.2f} s |")
    print()
    print("each command a fresh process (Python start and imports included); page times: median of 3 visits")
    print(f"after: {load()}")
