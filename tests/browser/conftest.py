"""One small sample built through Dagster with every kabupaten/kota's site
(`CITRA_DASHBOARD_REGIONS=all`), the sites served on 127.0.0.1, and one headless Chromium driven by
Playwright, shared by the browser tests (`make test-dashboard`).

The sample: 3,000 mentions from September to November 2025 (the planted burst of 6 October among
them) with the official-account exports, the ASN rosters, the press releases and the hoax register
(so the Siaran pers, Hoaks and Rapor kehumasan pages have data), "today" pinned to 10 December 2025,
so every page of the dashboard has data and nothing depends on the day the tests run.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

TODAY = date(2025, 12, 10)
MONTH = date(2025, 11, 1)  # the latest complete month on TODAY, and the sample's last
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class Built:
    home: Path
    output: str

    @property
    def serving(self) -> Path:
        return self.home / "serving" / "citra.duckdb"

    def site(self, region: str | None = None) -> Path:
        return self.home / "dashboard" / (f"region-{region}" if region else "site")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    from orchestration.cli import main
    from sample_data.generate import generate

    home = tmp_path_factory.mktemp("browser") / "citra"
    output = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", TODAY.isoformat())
        mp.setenv("CITRA_HOME", str(home))
        mp.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
        mp.setenv("DAGSTER_HOME", str(home / "dagster"))
        mp.setenv("CITRA_DASHBOARD_REGIONS", "all")
        generate(
            home,
            mentions=3000,
            seed=7,
            last_month=MONTH,
            months=3,
            platforms=True,
            asn=True,
            releases=True,
            hoaxes=True,
        )
        with redirect_stdout(output):
            status = main(["build"])
    assert status == 0, output.getvalue()[-3000:]
    return Built(home, output.getvalue())


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served(built: Built) -> Iterator[dict[str | None, str]]:
    """The province's site and two regions' (6310 holds the planted burst), each on its own port."""
    from dashboard.serve import make_server

    servers, urls = [], {}
    for region in (None, "6310", "6303"):
        server = make_server(built.site(region), 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[region] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()
