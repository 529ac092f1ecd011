"""How common each word of the claims is among the mentions searched: a claim is carried by its
distinctive words (*lumpuh*, *rubela*, *jebol*), not by the words of every story on its topic
(*sekolah*, *siswa*, *banjir*), so the claim score weighs a claim's terms by their inverse
document frequency among the mentions of the hoaxes' windows.

One pass in DuckDB: the words of the mentions (title and snippet, lower case, no accents) and
how often each occurs (a stand-in for the number of mentions holding it); Python maps each word to its term
(``matching.normalize.token_key``: stemmed, agencies, officials and one-word places) and keeps
the claims' terms. Terms made of several words (*Kalimantan Selatan*) and numbers have no
frequency here and keep their plain weight.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

from matching.normalize import token_key

# occurrences, not distinct mentions: a headline rarely repeats a word, and counting without a
# distinct per mention is several times cheaper
WORDS_SQL = """
    select token, count(*) from (
      select unnest(regexp_extract_all(strip_accents(lower(coalesce(title, '') || ' ' || coalesce(snippet, ''))),
                                       '[a-z0-9]+')) as token
      from ({mentions}) where published_at >= $freq_lo and published_at < $freq_hi
    ) group by token
"""


@dataclass(frozen=True)
class Frequencies:
    """Mentions searched, and in how many of them each known term occurs."""

    mentions: int
    counts: dict[str, int]

    def idf(self, term: str) -> float | None:
        """log(1 + N / (1 + df)) of a term with a frequency; None for one without (its plain weight)."""
        if term not in self.counts or not self.mentions:
            return None
        return math.log(1 + self.mentions / (1 + self.counts[term]))

    @property
    def ceiling(self) -> float:
        """The idf of a term no mention has: what a term without a frequency counts as."""
        return math.log(1 + max(self.mentions, 1))


def frequencies(
    con: duckdb.DuckDBPyConnection,
    mentions_sql: str,
    params: dict[str, object],
    start: datetime,
    end: datetime,
    wanted: Iterable[str],
) -> Frequencies:
    """Document frequencies of the ``wanted`` terms among the mentions published in [start, end)."""
    wanted = set(wanted)
    args = {**params, "freq_lo": start, "freq_hi": end}
    total = con.execute(
        f"select count(*) from ({mentions_sql}) where published_at >= $freq_lo and published_at < $freq_hi", args
    ).fetchall()[0][0]
    counts: dict[str, int] = {}
    for token, n in con.execute(WORDS_SQL.format(mentions=mentions_sql), args).fetchall():
        key = token_key(token)
        if key in wanted:
            counts[key] = counts.get(key, 0) + n
    return Frequencies(int(total), counts)
