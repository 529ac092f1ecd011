"""The files every page of a site loads, written once into its ``assets/`` folder, so that no
request leaves the page: plotly.js (the ``plotly.min.js`` bundled in the plotly wheel, never a CDN),
the dashboard's stylesheet and script, and its font (DejaVu Sans subset, ``dashboard.fonts``).
A file is rewritten only when its content changed.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from importlib import resources
from pathlib import Path

import plotly

STATIC = ("site.css", "site.js", "fonts/citra-sans.woff", "fonts/citra-sans-bold.woff", "fonts/LICENSE_DEJAVU")


def plotly_js() -> Path:
    """plotly.js as the plotly wheel ships it."""
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@cache
def static_bytes(name: str) -> bytes:
    return (resources.files("dashboard") / "static" / name).read_bytes()


@cache
def version() -> str:
    """A short hash of the static files and plotly's version: the assets' URL suffix, so a browser
    loads a changed stylesheet or script instead of its cached copy."""
    digest = hashlib.sha256(plotly.__version__.encode())
    for name in STATIC:
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
    """The site's plotly.min.js is the wheel's (same size, written after the wheel's file)."""
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
