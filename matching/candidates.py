"""Candidate pairs in DuckDB: which mentions in a document's window are worth scoring.

Scoring every mention of a 14-day window against a release in Python would be millions of
pairs; DuckDB narrows them in three passes over the mentions of all windows (one temp table):

1. the distinct words of the mentions (title and snippet, lower case, no accents), with how
   often each occurs; Python maps each word to its term (``normalize.token_key``: stemmed,
   agencies, officials and places of the seeds), keeping only the terms some document has;
2. per document and mention in its window, the weight of the terms they share (of the
   document's title and lead), a term weighing its inverse document frequency among these
   mentions; a mention sharing at least ``min_candidate_share`` of the weight of the
   document's title is a candidate, at most ``max_candidates`` per document (the heaviest
   first);
3. every mention in a window whose text or expanded links hold a document's URL (its key,
   ``matching.urls``) is a candidate of that document: the URL rule decides it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import duckdb
import pyarrow as pa

from matching.documents import Document, MatchSettings, lead_of
from matching.normalize import token_key

TEXT_SQL = "strip_accents(lower(coalesce(title, '') || ' ' || coalesce(snippet, '')))"
WORDS_SQL = f"regexp_extract_all({TEXT_SQL}, '[a-z0-9]+')"
MENTIONS = "_match_mentions"


def document_keys(doc: Document, title_only: bool = False) -> set[str]:
    """The terms of a document as the candidate search sees them (word by word): of its title
    and keywords, and unless ``title_only`` of its lead."""
    parts = [doc.title, *doc.keywords] + ([] if title_only else [lead_of(doc.body)])
    return {k for k in (token_key(t) for t in re.findall(r"[a-z0-9]+", " ".join(parts).lower())) if k is not None}


def load_mentions(
    con: duckdb.DuckDBPyConnection, mentions_sql: str, params: dict[str, object], documents: Sequence[Document]
) -> int:
    """Temp table ``_match_mentions``: the mentions of ``mentions_sql`` (columns mention_id,
    published_at, title, snippet, url, expanded_url) published in some document's window."""
    lo, hi = min(d.start for d in documents), max(d.end for d in documents)
    con.execute(
        f"""create or replace temp table {MENTIONS} as
            select mention_id, published_at, title, snippet, url, expanded_url
            from ({mentions_sql}) where published_at >= $lo and published_at < $hi""",
        {**params, "lo": lo, "hi": hi},
    )
    return con.execute(f"select count(*) from {MENTIONS}").fetchall()[0][0]


def find_candidates(
    con: duckdb.DuckDBPyConnection, documents: Sequence[Document], settings: MatchSettings
) -> list[tuple[str, str]]:
    """(doc_id, mention_id) pairs worth scoring among ``_match_mentions`` (module docstring)."""
    keys = {d.doc_id: document_keys(d) for d in documents}
    title_keys = {d.doc_id: document_keys(d, title_only=True) for d in documents}
    wanted = set().union(*keys.values()) if keys else set()
    vocabulary = con.execute(
        f"select token, count(*) from (select unnest({WORDS_SQL}) as token from {MENTIONS}) group by token"
    ).fetchall()
    total = max(1, con.execute(f"select count(*) from {MENTIONS}").fetchall()[0][0])
    tokens, token_keys, frequency = [], [], {}
    for token, count in vocabulary:
        key = token_key(token)
        if key in wanted:
            tokens.append(token)
            token_keys.append(key)
            frequency[key] = frequency.get(key, 0) + count
    idf = {k: math.log(1 + total / (1 + min(total, n))) for k, n in frequency.items()}
    rows = [(d, k, idf[k]) for d, ks in keys.items() for k in ks if k in idf]
    con.register("_match_vocab", pa.table({"token": tokens, "key": token_keys}))
    con.register(
        "_match_doc_keys",
        pa.table({"doc_id": [r[0] for r in rows], "key": [r[1] for r in rows], "w": [r[2] for r in rows]}),
    )
    con.register(
        "_match_docs",
        pa.table(
            {
                "doc_id": [d.doc_id for d in documents],
                "starts": pa.array([d.start for d in documents], pa.timestamp("us", tz="UTC")),
                "ends": pa.array([d.end for d in documents], pa.timestamp("us", tz="UTC")),
                "needed": [
                    settings.min_candidate_share * sum(idf.get(k, 0.0) for k in title_keys[d.doc_id]) for d in documents
                ],
                "url_key": [d.url_key for d in documents],
            }
        ),
    )
    try:
        pairs = con.execute(
            f"""with words as (
                  select distinct mention_id, published_at, v.key
                  from (select mention_id, published_at, unnest({WORDS_SQL}) as token from {MENTIONS}) t
                  join _match_vocab v using (token)
                ), shared as (
                  select k.doc_id, w.mention_id, sum(k.w) as weight
                  from words w
                  join _match_doc_keys k using (key)
                  join _match_docs d on d.doc_id = k.doc_id
                  where w.published_at >= d.starts and w.published_at < d.ends
                  group by k.doc_id, w.mention_id, d.needed
                  having sum(k.w) >= d.needed
                  qualify row_number() over (partition by k.doc_id order by sum(k.w) desc, w.mention_id) <= $cap
                ), with_links as (
                  select mention_id, published_at,
                         lower(coalesce(title, '') || ' ' || coalesce(snippet, '') || ' ' || coalesce(expanded_url, ''))
                           as links
                  from {MENTIONS}
                  where expanded_url is not null or contains(lower(coalesce(title, '') || ' ' || coalesce(snippet, '')), 'http')
                ), linked as (
                  select d.doc_id, m.mention_id
                  from with_links m
                  join _match_docs d on m.published_at >= d.starts and m.published_at < d.ends
                  where d.url_key is not null and contains(m.links, d.url_key)
                )
                select doc_id, mention_id from shared
                union
                select doc_id, mention_id from linked
                order by doc_id, mention_id""",
            {"cap": settings.max_candidates},
        ).fetchall()
    finally:
        for name in ("_match_vocab", "_match_doc_keys", "_match_docs"):
            con.unregister(name)
    return [(d, m) for d, m in pairs]
