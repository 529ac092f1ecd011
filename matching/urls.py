"""URLs compared by what they point at: the release's page, however a share writes its link.

``https://www.example.go.id/berita/x/?utm_source=fb#top`` and ``http://example.go.id/berita/x``
are one page: the key is host (without ``www.``, ``m.``, ``amp.``) and path (without a trailing
slash, ``/amp``, query or fragment), lower case. The same key is computed in DuckDB
(``URL_KEY_SQL``) for the candidate search, so both sides agree.
"""

from __future__ import annotations

import re

URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]]+", re.IGNORECASE)
# a URL -> its key; the same steps as url_key (DuckDB regular expressions, RE2 syntax)
URL_KEY_SQL = (
    "nullif(regexp_replace(regexp_replace(regexp_replace(regexp_replace(lower(trim({0})),"
    " '[?#].*$', ''), '^[a-z]+://', ''), '^(www|m|amp|mobile)[.]', ''), '(/amp)?/*$', ''), '')"
)


def url_key(url: str | None) -> str | None:
    """The page ``url`` points at (see the module docstring); None for no URL."""
    if not url or not url.strip():
        return None
    key = re.sub(r"[?#].*$", "", url.strip().lower())
    key = re.sub(r"^[a-z]+://", "", key)
    key = re.sub(r"^(www|m|amp|mobile)[.]", "", key)
    key = re.sub(r"(/amp)?/*$", "", key)
    return key or None


def urls_in(*texts: str | None) -> set[str]:
    """Keys of every link written in ``texts`` (a post's text, an export's expanded URLs)."""
    found = set()
    for text in texts:
        for url in URL_IN_TEXT.findall(text or ""):
            key = url_key(url.rstrip(".,;:!?"))
            if key:
                found.add(key)
    return found
