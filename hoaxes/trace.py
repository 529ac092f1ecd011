"""Which mentions carry which registered claim, and whether they spread or debunk it.

1. the release matcher's candidate search (``matching.match_documents``, DuckDB) finds the
   mentions of each hoax's window that share enough of its claim, keywords or clarification
   link; ``linked_pairs`` adds every mention that writes one of the claim's links or slug
   keywords, whatever else it shares;
2. each pair gets the claim score (``hoaxes.score``, the claims' words weighted by their rarity
   among the mentions searched, ``hoaxes.frequency``); pairs below ``review`` are dropped;
3. a mention carries one hoax at most: the best score, then a link over text, then the hoax
   registered last, then the lower id (``matching.rank_key``);
4. its role (``hoaxes.roles``): spread or debunk, and whether that is sure.

A pair is ``accept`` when it scores at least ``accept`` and its role is sure; else ``review``
(the review queue, where a person decides).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from hoaxes.frequency import frequencies
from hoaxes.model import Hoax
from hoaxes.roles import classify
from hoaxes.score import claim_score, claim_terms
from hoaxes.settings import HoaxSettings
from matching import Document, Match, MatchSettings, Mention, match_documents, rank_key

FLOOR = 1e-6  # every candidate pair comes back from the matcher; the claim score decides
CANDIDATE_SHARE = 0.2  # of the claim's weight a candidate shares (a short post carries little of it)
MENTION_COLUMNS = ("mention_id", "published_at", "title", "snippet", "url", "expanded_url", "author", "platform")


@dataclass(frozen=True)
class Traced:
    """A mention that carries a hoax, as ``raw.hoax_matches`` keeps it."""

    hoax_id: str
    mention_id: str
    published_at: datetime
    score: float
    band: str  # accept | review
    role: str  # spread | debunk
    role_sure: bool
    cue: str
    matched_on: str  # text | url
    claim_coverage: float
    mention_coverage: float
    keyword: str | None
    shared: tuple[str, ...]


def _details(
    con: duckdb.DuckDBPyConnection, mentions_sql: str, params: dict[str, object], ids: list[str]
) -> dict[str, tuple]:
    if not ids:
        return {}
    rows = con.execute(
        f"select {', '.join(MENTION_COLUMNS)} from ({mentions_sql}) "
        "where mention_id in (select unnest($trace_ids::varchar[]))",
        {**params, "trace_ids": ids},
    ).fetchall()
    return {r[0]: r for r in rows}


# the mentions of each window whose text (or expanded links) holds one of a claim's links or slug
# keywords, folded as hoaxes.claims.fold does: a plain substring test on the needle's longest word
# first (cheap), the fold only for the rows it keeps; reads temp table _hoax_literals
LITERALS_SQL = """
    with probed as (
      select l.doc_id, l.needle, m.mention_id,
             coalesce(m.title, '') || ' ' || coalesce(m.snippet, '') || ' ' || coalesce(m.expanded_url, '') as text
      from _hoax_literals l join ({mentions}) m on m.published_at >= l.starts and m.published_at < l.ends
      where contains(lower(coalesce(m.title, '') || ' ' || coalesce(m.snippet, '') || ' ' || coalesce(m.expanded_url, '')),
                     l.probe)
    )
    select distinct doc_id, mention_id from probed
    where contains(' ' || trim(regexp_replace(strip_accents(lower(text)), '[^a-z0-9]+', ' ', 'g')) || ' ',
                   ' ' || needle || ' ')
"""


def linked_pairs(
    con: duckdb.DuckDBPyConnection,
    documents: list[Document],
    mentions_sql: str,
    params: dict[str, object],
    known: set[tuple[str, str]],
) -> list[Match]:
    """Pairs the matcher's candidate search did not bring but the mention writes one of the claim's
    links or slug keywords (``hoaxes.score.literal``): a mention that passes on the fake link is
    about the hoax however few of its words it shares, so it is always scored."""
    needles = [(d.doc_id, d.start, d.end, link) for d in documents for link in claim_terms(d.title, d.keywords).links]
    if not needles:
        return []
    con.register(
        "_hoax_literals",
        pa.table(
            {
                "doc_id": [n[0] for n in needles],
                "starts": pa.array([_utc(n[1]) for n in needles], pa.timestamp("us", tz="UTC")),
                "ends": pa.array([_utc(n[2]) for n in needles], pa.timestamp("us", tz="UTC")),
                "needle": [n[3] for n in needles],
                "probe": [max(n[3].split(), key=len) for n in needles],
            }
        ),
    )
    try:
        rows = con.execute(LITERALS_SQL.format(mentions=mentions_sql), params).fetchall()
    finally:
        con.unregister("_hoax_literals")
    starts = {d.doc_id: _utc(d.start) for d in documents}
    return [Match(d, m, 0.0, "text", "review", starts[d]) for d, m in rows if (d, m) not in known]


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def trace(
    con: duckdb.DuckDBPyConnection,
    hoaxes: Sequence[Hoax],
    mentions_sql: str,
    params: dict[str, object],
    settings: HoaxSettings,
    until: datetime,
    official: Collection[str] = (),
) -> list[Traced]:
    """The mentions of ``mentions_sql`` (columns ``MENTION_COLUMNS``) that carry one of
    ``hoaxes``, published from each hoax's ``first_seen - lookback_days`` to ``until``, at or above
    the review threshold. ``official``: handles of the registered official accounts (lower case,
    any platform, as ingestion tells them from private authors)."""
    by_id = {h.hoax_id: h for h in hoaxes}
    documents = {h.hoax_id: h.document(settings.lookback_days, until) for h in hoaxes}
    pairs = match_documents(
        con,
        list(documents.values()),
        mentions_sql,
        params,
        MatchSettings(accept=FLOOR, review=FLOOR, min_candidate_share=CANDIDATE_SHARE),
    )
    pairs += linked_pairs(
        con, list(documents.values()), mentions_sql, params, {(p.doc_id, p.mention_id) for p in pairs}
    )
    details = _details(con, mentions_sql, params, sorted({p.mention_id for p in pairs}))
    wanted = {t for d in documents.values() for t in claim_terms(d.title, d.keywords).words}
    start = min((d.start for d in documents.values()), default=until)
    freq = frequencies(con, mentions_sql, params, start, until, wanted) if pairs else None
    best: dict[str, tuple[Match, object]] = {}
    for pair in pairs:
        row = details[pair.mention_id]
        mention = Mention(row[0], row[1], row[2] or "", row[3] or "", row[4], row[5])
        result = claim_score(documents[pair.doc_id], mention, freq)
        if result.value < settings.review:
            continue
        ranked = replace(
            pair, score=result.value, matched_on=result.matched_on, doc_start=_utc(by_id[pair.doc_id].first_seen)
        )
        held = best.get(pair.mention_id)
        if held is None or rank_key(ranked) < rank_key(held[0]):
            best[pair.mention_id] = (ranked, result)
    found = []
    for mention_id, (pair, result) in sorted(best.items()):
        _, published_at, title, snippet, _, expanded_url, author, _ = details[mention_id]
        hoax = by_id[pair.doc_id]
        is_official = str(author or "").strip().lstrip("@").lower() in official
        role = classify(
            title or "",
            snippet or "",
            claim=hoax.claim,
            official=is_official,
            links=expanded_url,
            klarifikasi_url=hoax.klarifikasi_url,
        )
        band = "accept" if result.value >= settings.accept and role.sure else "review"
        found.append(
            Traced(
                hoax.hoax_id,
                mention_id,
                published_at,
                result.value,
                band,
                role.role,
                role.sure,
                role.cue,
                result.matched_on,
                result.claim_coverage,
                result.mention_coverage,
                result.keyword,
                result.shared,
            )
        )
    return found
