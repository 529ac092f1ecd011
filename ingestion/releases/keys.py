"""What identifies a release and who published it.

``release_id`` is stable across re-exports, feed saves and edits of the text: a hash of the
page it lives at (the URL key of ``matching.urls``: no scheme, ``www.``, query or trailing
slash), or, for a release without a URL, of its agency, WITA day and title. The same key is
computed in Python (feed items) and in SQL (template rows): ``RELEASE_ID_SQL``.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import PurePosixPath

from ingestion.roster.parse import agency_keys

# parameters: the URL key, the agency code, the WITA day (date) and the title of the row
RELEASE_ID_SQL = (
    "'rel-' || left(md5(coalesce('url:' || {url_key}, 'txt:' || {agency} || '|' || strftime({day}, '%Y-%m-%d')"
    " || '|' || lower(trim({title})))), 16)"
)


def release_id(url_key: str | None, agency: str, day: date, title: str) -> str:
    """The release's stable id (module docstring), as ``RELEASE_ID_SQL`` computes it."""
    key = f"url:{url_key}" if url_key else f"txt:{agency}|{day:%Y-%m-%d}|{title.strip().lower()}"
    return "rel-" + hashlib.md5(key.encode("utf-8")).hexdigest()[:16]


def agency_of(value: str | None) -> str | None:
    """The agency code a cell names (code, full name or short name of the agencies seed)."""
    if not value:
        return None
    return agency_keys().get(" ".join(value.split()).lower())


def folder_agency(name: str) -> str | None:
    """The agency of ``landing/releases/<agency>/...`` (``name`` is the path under releases/)."""
    parts = PurePosixPath(name).parts
    return agency_of(parts[0].replace("_", " ")) or agency_of(parts[0]) if len(parts) > 1 else None
