"""Private handles in a damaged line: which of its words are a private person's, hidden by pseudonym.

A line that could not be split into the header's columns (``ingestion.repair``) is kept as
text in ``raw.ingest_rejects`` so that staff can find and fix it. Its cells cannot be trusted:
an extra delimiter, a lost one or a stray quote moved them, so the author is not where the
author column says, and nothing says whether the line is a social post or a news article. A
damaged line's private handles are therefore (see docs/security.md):

1. the cells where its author may be (``ingestion.handles.author_cells``: the author column
   and the place the damage would have moved it to), unless the cell is a word of the export's
   vocabularies (a sentiment, media type or platform name: what a shifted cell often holds);
   when one of them is a handle that 2. or 3. name, that one alone (the author is found);
2. every account named in a link to a social platform and every @mention
   (``ingestion.handles.hide``);
3. every word that is the handle of a private person the warehouse already knows: its keyed
   pseudonym is the author of a loaded mention or an ASN roster account (pseudonyms are
   compared; no clear handle is kept for the lookup);

each unless it is a registered official account (or the account a platform export belongs to),
and each is replaced wherever it occurs in the line, inside links and texts too. A journalist
named in a damaged news line is hidden as well: the line cannot tell that it is news.
"""

from __future__ import annotations

from functools import cache, lru_cache

import duckdb

from ingestion.handles import author_cells, hide, named_handles, normalize_handle, words
from ingestion.profiles import media_types, platform_domains, sentiment_labels
from ingestion.pseudonyms import connection_key, official_handles, pseudonymize


@cache
def vocabulary() -> frozenset[str]:
    """Values a shifted cell often holds that are nobody's handle: labels, media types, platforms."""
    domains = platform_domains()
    return frozenset({*sentiment_labels(), *media_types(), *domains, *domains.values(), "twitter"})


def known_private(con: duckdb.DuckDBPyConnection, aliases: list[str]) -> set[str]:
    """Those of ``aliases`` that are the pseudonym of a loaded mention's author or of an ASN roster account."""
    if not aliases:
        return set()
    rows = con.execute(
        """with asked as (select unnest($aliases::varchar[]) as alias)
           select alias from asked semi join raw.media_mentions m on m.author = asked.alias
           union
           select alias from asked semi join raw.asn_roster r on r.pseudonym = asked.alias""",
        {"aliases": aliases},
    ).fetchall()
    return {r[0] for r in rows}


def hide_damaged_lines(
    con: duckdb.DuckDBPyConnection,
    lines: list[str],
    delimiter: str,
    authors: list[int],
    columns: int,
    keep: str | None = None,
) -> list[str]:
    """``lines`` with their private handles replaced by pseudonyms (the rule above).

    ``authors`` are the 0-based positions of the author columns among the header's ``columns``;
    ``keep`` is an account that stays readable."""
    key = connection_key(con)
    alias = lru_cache(maxsize=None)(lambda handle: pseudonymize(handle, key))
    readable = frozenset(official_handles()) | ({normalize_handle(keep)} if keep else frozenset())
    found = [words(line) for line in lines]
    by_alias = {alias(w): w for ws in found for w in ws}
    known = {by_alias[a] for a in known_private(con, sorted(by_alias))}
    hidden = []
    for line, ws in zip(lines, found, strict=True):
        named = named_handles(line) | (ws & known)
        cells = {c for c in author_cells(line, delimiter, authors, columns) if normalize_handle(c) not in vocabulary()}
        confirmed = {c for c in cells if normalize_handle(c) in named and normalize_handle(c) not in readable}
        hidden.append(hide(line, tuple(sorted((confirmed or cells) | named)), alias, readable))
    return hidden
