"""Candidate pairs in DuckDB: which mentions in a document's window are worth scoring.

Scoring every mention of a 14-day window against a release in Python would be millions of
pairs; DuckDB narrows them in one pass over the mentions of all windows (a temp table):

1. Python lists the words that carry a document's terms: each word of its title, lead and
   keywords, its affixed forms (``stem.surface_forms``: *diresmikan* for *meresmikan*), the
   other one-word names of the same agency, official or place (*Tanjung* for *Tabalong*), and
   each number as written (*9,8*, *Rp9,8*);
2. DuckDB splits each mention (title and snippet, lower case) at spaces and keeps, per
   mention, the terms among its words (``_match_words``);
3. a term weighs its inverse document frequency among these mentions; terms in more than
   ``COMMON_SHARE`` of them (*Kalsel*, *warga*) take no part, they fit every story. Per document
   and mention in its window, the weight of the terms they share (of the document's title and
   lead; in fewer than ``COMMON_MIN`` mentions a term is never too common); a mention sharing at least ``min_candidate_share`` of the weight of the document's
   title is a candidate, at most ``max_candidates`` per document, the heaviest first;
4. every mention in a window whose text or expanded links hold a document's URL (its key,
   ``matching.urls``) is a candidate of that document: the URL rule decides it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

import duckdb
import pyarrow as pa

from matching.documents import Document, MatchSettings, lead_of
from matching.normalize import _single_phrases, token_key
from matching.numbers import NUMBER as VALUE
from matching.numbers import _value
from matching.stem import surface_forms
from matching.synonyms import variant_words

MENTIONS = "_match_mentions"
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
WORDS = "_match_words"
COMMON_SHARE = 0.05
COMMON_MIN = 200  # a term in fewer mentions than this is never too common
# a mention's words as DuckDB splits them: lower case, at spaces (a regular expression or
# translate() over every text costs four times as much); a word keeps the punctuation beside it,
# so the search lists each word also with the marks written before or after words
WORDS_SQL = "string_split(lower(coalesce(title, '') || ' ' || coalesce(snippet, '')), ' ')"
BEFORE, AFTER = (
    ("(", '"', "'", "\u201c", "\u2018", "#"),
    (",", ".", ":", ";", ")", '"', "'", "?", "!", "\u201d", "\u2019"),
)


@cache
def _names_of() -> dict[str, set[str]]:
    """term -> the one-word names that mean it (``ag:dinkes`` -> dinkes; ``r:6309`` -> tabalong, tanjung)."""
    names: dict[str, set[str]] = {}
    for word, term in _single_phrases().items():
        names.setdefault(term, set()).add(word)
    return names


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def document_keys(doc: Document, title_only: bool = False) -> dict[str, set[str]]:
    """The terms of a document as the candidate search sees them (word by word), each with the
    words that carry it: of its title and keywords, and unless ``title_only`` of its lead. A
    number is a term as written (``#9,8``), found also after *Rp* (``rp9,8``)."""
    parts = [doc.title, *doc.keywords] + ([] if title_only else [lead_of(doc.body)])
    keys: dict[str, set[str]] = {}
    for written in NUMBER.findall(" ".join(parts).lower()):
        keys.setdefault(f"#{written}", set()).update({written, f"rp{written}", f"rp.{written}"})
    for match in VALUE.finditer(" ".join(parts).lower()):  # Rp 18 miliar is also Rp18.000.000.000
        value = _value(match)
        if match["scale"] and value == value.to_integral_value() and value >= 1000:
            grouped = f"{int(value):,}".replace(",", ".")
            keys.setdefault(f"#{grouped}", set()).update({grouped, f"rp{grouped}", f"rp.{grouped}"})
    for word in _words(" ".join(parts)):
        key = token_key(word)
        if key is None:
            continue
        forms = keys.setdefault(key, set())
        if ":" in key:
            forms.update(_names_of().get(key, {word}))
        else:
            forms.update(f for f in surface_forms(word) if token_key(f) == key)
    # a term the lexicon makes of several words (*bantuan sosial* -> bansos) is also written as
    # one word (*bansos*): that word carries it too
    for term in doc.terms.title if title_only else doc.terms.text:
        if term in keys or ":" in term or (term[:1] == "n" and term[1:2].isdigit()):
            continue
        forms = {f for f in (term, *surface_forms(term)) if token_key(f) == term}
        if forms:
            keys[term] = forms
    for key, forms in keys.items():  # a synonym's words carry the term too (matching.synonyms)
        for variant in variant_words().get(key, ()):
            if variant not in forms:
                forms.update(f for f in surface_forms(variant) if token_key(f) == key or f == variant)
    return keys


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


def _mention_terms(con: duckdb.DuckDBPyConnection, keys: dict[str, dict[str, set[str]]]) -> dict[str, int]:
    """Temp table ``_match_words`` (mention, time, term: once per word that carries it) for the
    documents' terms; returns how often each term occurs (about the mentions that hold it)."""
    vocabulary = {(form, key) for doc in keys.values() for key, forms in doc.items() for form in forms}
    vocabulary |= {(mark + form, key) for form, key in vocabulary for mark in BEFORE}
    vocabulary |= {(form + mark, key) for form, key in vocabulary for mark in AFTER}
    con.register("_match_vocab", pa.table({"token": [f for f, _ in vocabulary], "key": [k for _, k in vocabulary]}))
    try:
        con.execute(
            f"""create or replace temp table {WORDS} as
                select t.mention_id, t.published_at, v.key
                from (select mention_id, published_at, unnest({WORDS_SQL}) as token from {MENTIONS}) t
                join _match_vocab v using (token)"""
        )
    finally:
        con.unregister("_match_vocab")
    return dict(con.execute(f"select key, count(*) from {WORDS} group by key").fetchall())


def find_candidates(
    con: duckdb.DuckDBPyConnection,
    documents: Sequence[Document],
    settings: MatchSettings,
    mentions: int,
    rarity: dict[str, float] | None = None,
) -> list[tuple[str, str]]:
    """(doc_id, mention_id) pairs worth scoring among ``_match_mentions`` (module docstring).
    ``rarity``, when given, is filled with each document term's inverse frequency among these
    mentions scaled to [0, 1] (1: no mention holds it); the learned scorer reads it."""
    keys = {d.doc_id: document_keys(d) for d in documents}
    title_keys = {d.doc_id: set(document_keys(d, title_only=True)) for d in documents}
    frequency = _mention_terms(con, keys)
    total = max(1, mentions)
    if rarity is not None:
        rarity.update({k: math.log(1 + total / (1 + n)) / math.log(1 + total) for k, n in frequency.items()})
    idf = {k: math.log(1 + total / (1 + n)) for k, n in frequency.items() if n <= max(COMMON_SHARE * total, COMMON_MIN)}
    rows = [(d, k, idf[k]) for d, ks in keys.items() for k in ks if k in idf]
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
            f"""with hits as (
                  select k.doc_id, w.mention_id, k.key, any_value(k.w) as w, any_value(d.needed) as needed
                  from {WORDS} w
                  join _match_doc_keys k using (key)
                  join _match_docs d on d.doc_id = k.doc_id
                  where w.published_at >= d.starts and w.published_at < d.ends
                  group by k.doc_id, w.mention_id, k.key
                ), shared as (
                  select doc_id, mention_id
                  from hits
                  group by doc_id, mention_id
                  having sum(w) >= any_value(needed) and sum(w) > 0
                  qualify row_number() over (partition by doc_id order by sum(w) desc, mention_id) <= $cap
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
        for name in ("_match_doc_keys", "_match_docs"):
            con.unregister(name)
        con.execute(f"drop table if exists {WORDS}")
    return [(d, m) for d, m in pairs]
