"""The files every page of a site loads, written once into its ``assets/`` folder, so that no
request leaves the page: plotly.js, the dashboard's stylesheet and script, and its font (DejaVu
Sans subset, ``dashboard.fonts``). A file is rewritten only when its content changed.

plotly.js is plotly's *cartesian* bundle (``static/plotly/``: the npm package
``plotly.js-cartesian-dist-min``, MIT, the same plotly.js version as the one the plotly wheel
bundles), written into the site as ``assets/plotly.min.js``: it holds the trace types the
dashboard draws (bar, scatter, heatmap) in 1.5 MB instead of the wheel's 4.8 MB, and a browser
evaluates it in a third of the time, which is most of what opening a page costs
(docs/dashboard.md, "Measured"). The plotly wheel still checks the figures in the tests.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path

STATIC = (
    "site.css",
    "site.js",
    "fonts/citra-sans.woff",
    "fonts/citra-sans-bold.woff",
    "fonts/LICENSE_DEJAVU",
    "plotly/LICENSE_PLOTLY",
)
PLOTLY_BUNDLE = "plotly/plotly-cartesian.min.js"
# the trace types the bundle draws that the dashboard uses (dashboard/figures.py); a figure of
# another type would draw nothing, so a test holds the figures to this list
PLOTLY_TRACE_TYPES = frozenset({"bar", "scatter", "heatmap"})


def plotly_js() -> Path:
    """The plotly.js bundle the site loads (plotly's cartesian bundle, in ``static/plotly/``)."""
    return Path(str(resources.files("dashboard") / "static" / PLOTLY_BUNDLE))


@cache
def static_bytes(name: str) -> bytes:
    return (resources.files("dashboard") / "static" / name).read_bytes()


@cache
def version() -> str:
    """A short hash of the static files and plotly.js: the assets' URL suffix, so a browser
    loads a changed stylesheet, script or plotly.js instead of its cached copy."""
    digest = hashlib.sha256()
    for name in (*STATIC, PLOTLY_BUNDLE):
        digest.update(static_bytes(name))
    return digest.hexdigest()[:10]


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` to ``path`` (a temporary file, then a rename) unless it already holds it."""
    if path.exists() and path.stat().st_size == len(content) and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return True


def _plotly_is_current(target: Path) -> bool:
    """The site's plotly.min.js is the bundle's (same size, written after the bundle's file)."""
    source = plotly_js()
    return (
        target.exists()
        and target.stat().st_size == source.stat().st_size
        and target.stat().st_mtime >= source.stat().st_mtime
    )


def write_assets(site: Path) -> list[str]:
    """Bring ``site/assets`` up to date; the names of the files written."""
    assets = site / "assets"
    written = []
    if not _plotly_is_current(assets / "plotly.min.js"):
        write_if_changed(assets / "plotly.min.js", plotly_js().read_bytes())
        written.append("plotly.min.js")
    for name in STATIC:
        if write_if_changed(assets / name, static_bytes(name)):
            written.append(name)
    return written
