"""Which documents of a site must be written again: a fingerprint of each document's data, of the
site's header (navigation, month) and of the dashboard's own code and templates, kept in the site's
``.fingerprints.json``. A document whose fingerprint did not change, and whose files are still
there, is not rendered again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import plotly

from reporting import formatting

MANIFEST = ".fingerprints.json"
CODE_ROOTS = (Path(__file__).parent, Path(formatting.__file__))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def canonical(value: Any) -> str:
    """``value`` (dataclasses, tuples, dicts, dates) as canonical JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return json.dumps(value, default=_plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@cache
def code_version() -> str:
    """A hash of the dashboard package (code, templates, static files), the report's formatting
    module and plotly's version: a change to any of them renders every page again."""
    digest = hashlib.sha256(plotly.__version__.encode())
    for root in CODE_ROOTS:
        files = (
            [root]
            if root.is_file()
            else sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        )
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(data: Any, site_header: Any) -> str:
    """The fingerprint of one document: its data, the site's header, the code version."""
    digest = hashlib.sha256(code_version().encode())
    digest.update(canonical(site_header).encode())
    digest.update(canonical(data).encode())
    return digest.hexdigest()


def read_manifest(site: Path) -> dict[str, dict]:
    """path -> {"fingerprint", "files"} of the documents written last time (empty when unreadable)."""
    try:
        return json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(site: Path, manifest: dict[str, dict]) -> None:
    temporary = site / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    temporary.replace(site / MANIFEST)
