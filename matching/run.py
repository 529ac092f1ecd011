"""One call: documents against the mentions of a DuckDB query, every pair at or above the
review threshold, scored (``match_documents``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from functools import partial

import duckdb

from matching.assign import Match
from matching.candidates import MENTIONS, find_candidates, load_mentions
from matching.documents import Document, MatchSettings, Mention
from matching.learned import METHODS, learned_score


def _mentions(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, Mention]:
    if not ids:
        return {}
    rows = con.execute(
        f"""select mention_id, published_at, title, snippet, url, expanded_url from {MENTIONS}
            where mention_id in (select unnest($ids::varchar[]))""",
        {"ids": ids},
    ).fetchall()
    return {r[0]: Mention(r[0], r[1], r[2] or "", r[3] or "", r[4], r[5]) for r in rows}


def match_documents(
    con: duckdb.DuckDBPyConnection,
    documents: Sequence[Document],
    mentions_sql: str,
    params: dict[str, object] | None = None,
    settings: MatchSettings | None = None,
    method: str = "coverage",
) -> list[Match]:
    """Every (document, mention) pair scoring at least ``settings.review``, for the mentions of
    ``mentions_sql`` (columns mention_id, published_at, title, snippet, url, expanded_url)
    published in the document's window. Not yet one document per mention: see
    ``matching.assign.best_per_mention``."""
    settings = settings or MatchSettings()
    documents = [d for d in documents if d.end > d.start]
    if not documents:
        return []
    count = load_mentions(con, mentions_sql, params or {}, documents)
    try:
        rarity: dict[str, float] = {}
        pairs = find_candidates(con, documents, settings, count, rarity)
        mentions = _mentions(con, sorted({m for _, m in pairs}))
    finally:
        con.execute(f"drop table if exists {MENTIONS}")
    by_id = {d.doc_id: d for d in documents}
    scorer = partial(learned_score, rarity=rarity) if method == "learned" else METHODS[method]
    found = []
    for doc_id, mention_id in pairs:
        doc, mention = by_id[doc_id], mentions[mention_id]
        result = scorer(doc, mention)
        band = settings.band(result.value)
        if band is None or result.matched_on == "self":
            continue
        found.append(
            Match(
                doc_id,
                mention_id,
                result.value,
                result.matched_on,
                band,
                doc.start.astimezone(UTC) if doc.start.tzinfo else doc.start.replace(tzinfo=UTC),
                result.document_coverage,
                result.mention_coverage,
                result.shared,
            )
        )
    return found
