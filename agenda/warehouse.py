"""The matcher over the warehouse: releases against mentions, new work only.

A build matches what it has not matched before, under the same matcher version (method,
window, thresholds: ``AgendaSettings.matcher_version``), recorded in ``raw.release_match_inputs``:

- a release that is new, or whose text changed (a corrected title, a template row that now wins
  over the feed), is matched against every mention; its earlier pairs are dropped first;
- the mentions of an export file loaded since are matched against the releases already known
  (only those mentions: a month's new export costs that month's mentions, not the archive);
- another matcher version drops every pair and matches everything again (the first full
  match: the 200 x 1M figure of ``make bench``).

The pairs (every score at or above the review threshold, with what it rests on) go to
``raw.release_matches`` in one transaction with the inputs they cover. A mention is read from
``raw.media_mentions`` as any of its exports wrote it (the text of a mention does not change
between exports); dbt decides the pickups (staff decisions, one release per mention).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import duckdb
import pyarrow as pa

from agenda.settings import AgendaSettings
from matching.assign import Match
from matching.documents import Document
from matching.run import match_documents

# one row per release: a template row over a feed item, then the newest export (as dbt's
# int_releases_deduplicated); the hash says which text was matched
CURRENT_RELEASES_SQL = """
    select release_id, title, coalesce(lead, body, '') as lead, url, published_at,
           md5(concat_ws('|', title, lead, body, url, published_at::varchar)) as release_hash
    from raw.releases
    qualify row_number() over (
        partition by release_id
        order by source_kind = 'template' desc, export_date desc, ingested_at desc, source_row desc,
                 source_file_id desc
    ) = 1
"""
MENTIONS_SQL = "select mention_id, published_at, title, snippet, url, expanded_url from raw.media_mentions"


@dataclass(frozen=True)
class MatchRun:
    version: str
    full: bool  # every release matched again (first build, or another matcher version)
    releases_matched: int
    files_matched: int
    pairs_written: int
    seconds: float


def _documents(rows: list[tuple], settings: AgendaSettings) -> list[Document]:
    window = timedelta(days=settings.window_days)
    return [Document(r[0], r[1], r[4], r[4] + window, body=r[2], url=r[3]) for r in rows]


def _write(con: duckdb.DuckDBPyConnection, pairs: list[Match], hashes: dict[str, str], version: str) -> int:
    best: dict[tuple[str, str], Match] = {}
    for p in pairs:
        key = (p.doc_id, p.mention_id)
        if key not in best or p.score > best[key].score:
            best[key] = p
    if not best:
        return 0
    rows = list(best.values())
    con.register(
        "_new_pairs",
        pa.table(
            {
                "release_id": [p.doc_id for p in rows],
                "mention_id": [p.mention_id for p in rows],
                "matched_on": [p.matched_on for p in rows],
                "match_score": pa.array([p.score for p in rows], pa.float64()),
                "band": [p.band for p in rows],
                "document_coverage": pa.array([p.document_coverage for p in rows], pa.float64()),
                "mention_coverage": pa.array([p.mention_coverage for p in rows], pa.float64()),
                "shared_terms": [" ".join(p.shared[:12]) for p in rows],
                "release_hash": [hashes[p.doc_id] for p in rows],
            }
        ),
    )
    con.execute(
        """delete from raw.release_matches m using _new_pairs n
           where m.release_id = n.release_id and m.mention_id = n.mention_id"""
    )
    con.execute(
        """insert into raw.release_matches
           select release_id, mention_id, matched_on, match_score, band, document_coverage, mention_coverage,
                  shared_terms, release_hash, $version, $now from _new_pairs""",
        {"version": version, "now": datetime.now(UTC)},
    )
    con.unregister("_new_pairs")
    return len(rows)


def match_warehouse(con: duckdb.DuckDBPyConnection, settings: AgendaSettings) -> MatchRun:
    """Match what is new since the last build (module docstring); returns what was done."""
    started = time.perf_counter()
    version = settings.matcher_version
    full = bool(
        con.execute("select count(*) from raw.release_match_inputs where matcher_version <> ?", [version]).fetchall()[
            0
        ][0]
    )
    releases = con.execute(CURRENT_RELEASES_SQL).fetchall()
    hashes = {r[0]: r[5] for r in releases}
    seen = {
        r[0]
        for r in con.execute(
            "select input_key from raw.release_match_inputs where kind = 'release' and matcher_version = ?", [version]
        ).fetchall()
    }
    changed = [r for r in releases if full or f"{r[0]}:{r[5]}" not in seen]
    known = [r for r in releases if r not in changed]
    files = [
        r[0]
        for r in con.execute(
            """select distinct source_file_id from raw.media_mentions
               where source_file_id not in (select input_key from raw.release_match_inputs
                                            where kind = 'mentions_file' and matcher_version = ?)
               order by 1""",
            [version],
        ).fetchall()
    ]
    con.execute("begin transaction")
    try:
        if full:
            con.execute("delete from raw.release_matches")
            con.execute("delete from raw.release_match_inputs")
        pairs: list[Match] = []
        if changed:
            con.execute(
                "delete from raw.release_matches where release_id in (select unnest($ids::varchar[]))",
                {"ids": [r[0] for r in changed]},
            )
            pairs += match_documents(
                con, _documents(changed, settings), MENTIONS_SQL, {}, settings.match, settings.method
            )
        if files and known:
            new_mentions = f"{MENTIONS_SQL} where source_file_id in (select unnest($files::varchar[]))"
            pairs += match_documents(
                con, _documents(known, settings), new_mentions, {"files": files}, settings.match, settings.method
            )
        written = _write(con, pairs, hashes, version)
        now = datetime.now(UTC)
        inputs = [("release", f"{r[0]}:{r[5]}") for r in changed] + [("mentions_file", f) for f in files]
        if inputs:
            con.executemany(
                "insert into raw.release_match_inputs values (?, ?, ?, ?)",
                [[kind, key, version, now] for kind, key in inputs],
            )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return MatchRun(version, full, len(changed), len(files), written, time.perf_counter() - started)
