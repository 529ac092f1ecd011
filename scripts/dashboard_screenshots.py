"""The dashboard's screenshots in docs/img/ (README, docs/dashboard.md), from the sites of `make demo`
and `make dashboard REGION=all`: `.venv/bin/python scripts/dashboard_screenshots.py [CITRA_HOME]`.

Needs the .[dashboard-test] extra and Debian's chromium (make test-dashboard installs both).
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from dashboard.serve import make_server

REPO = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# (site folder, page, file in docs/img, viewport width, height)
SHOTS = [
    ("site", "index.html", "dashboard_ringkasan.png", 1200, 1100),
    ("region-6310", "isu-lingkungan_tambang.html", "dashboard_phone.png", 390, 1300),
]


def main(home: Path) -> int:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for folder, page_name, target, width, height in SHOTS:
            server = make_server(home / "dashboard" / folder, 0)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_name}", wait_until="load")
            page.wait_for_function("[...document.querySelectorAll('.chart')].every(e => e.dataset.drawn === '1')")
            page.screenshot(path=str(REPO / "docs" / "img" / target))
            page.close()
            server.shutdown()
            print(REPO / "docs" / "img" / target)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "data")))
