"""The tracing step of a build: the register against the warehouse's mentions and official posts.

Reads ``raw.hoax_register`` (each hoax's latest non-empty values, as dbt's ``dim_hoax``),
``raw.media_mentions`` (the newest export of each mention, as ``fct_mentions`` keeps it) and
``raw.platform_posts``; replaces ``raw.hoax_matches`` and ``raw.hoax_post_matches`` whole and
records the settings in force in ``raw.hoax_settings`` when they changed, in one transaction,
so dbt never reads half a trace. Every build traces again: the register and the mentions both
change, and a new register row may claim mentions of last month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

import duckdb

from hoaxes.model import Hoax
from hoaxes.settings import HoaxSettings
from hoaxes.trace import Traced, trace
from ingestion.clock import WITA, today
from ingestion.hoaxes.schema import HOAX_MATCH_COLUMNS, HOAX_POST_MATCH_COLUMNS
from ingestion.pseudonyms import official_handles

CURRENT_SQL = """
    with ordered as (
      select *, row_number() over (partition by hoax_id order by ingested_at, source_file_id, source_row) as version
      from raw.hoax_register
    )
    select hoax_id,
           arg_max(claim, version) filter (where claim is not null),
           arg_max(first_seen, version) filter (where first_seen is not null),
           arg_max(keywords, version) filter (where keywords is not null),
           arg_max(klarifikasi_url, version) filter (where klarifikasi_url is not null),
           arg_max(klarifikasi_at, version) filter (where klarifikasi_at is not null)
    from ordered group by hoax_id order by hoax_id
"""
# the newest export of each mention wins, as in int_mentions_deduplicated
MENTIONS_SQL = """
    select mention_id, published_at, title, snippet, url, expanded_url, author, platform
    from raw.media_mentions
    qualify row_number() over (partition by mention_id order by export_date desc, ingested_at desc, source_row desc) = 1
"""
POSTS_SQL = """
    select platform || '/' || account || '/' || post_id as mention_id, published_at, text as title,
           '' as snippet, url, null::varchar as expanded_url, account as author, platform
    from raw.platform_posts
    where published_at is not null and text is not null
    qualify row_number() over (partition by platform, account, post_id
                               order by export_date desc, ingested_at desc, source_row desc) = 1
"""


@dataclass(frozen=True)
class TraceRun:
    hoaxes: int
    mentions: list[Traced]
    posts: list[Traced]
    settings_changed: bool


def current_hoaxes(con: duckdb.DuckDBPyConnection) -> list[Hoax]:
    """The register's hoaxes with their latest values (those with a claim and a first_seen)."""
    return [
        Hoax(hoax_id, claim, first_seen, tuple(keywords or ()), url, clarified)
        for hoax_id, claim, first_seen, keywords, url, clarified in con.execute(CURRENT_SQL).fetchall()
        if claim and first_seen
    ]


def horizon() -> datetime:
    """The end of every hoax's window: the day after tomorrow in WITA (``CITRA_TODAY`` pins it);
    ingestion rejects dates after tomorrow, so no mention is later."""
    return datetime.combine(today() + timedelta(days=2), time(), WITA).astimezone(UTC)


def _record_settings(con: duckdb.DuckDBPyConnection, settings: HoaxSettings) -> bool:
    values = settings.values()
    last = con.execute(
        f"select {', '.join(values)} from raw.hoax_settings order by effective_at desc limit 1"
    ).fetchall()
    if last and tuple(float(v) for v in last[0]) == tuple(float(v) for v in values.values()):
        return False
    con.execute(
        f"insert into raw.hoax_settings (effective_at, {', '.join(values)}, config_file) "
        f"values (now(), {', '.join('?' for _ in values)}, ?)",
        [*values.values(), settings.source],
    )
    return True


def _replace(con: duckdb.DuckDBPyConnection, table: str, columns: dict[str, str], rows: list[list]) -> None:
    """Empty ``raw.<table>`` (a fixed name) and insert ``rows`` in one statement, a list per column."""
    con.execute(f"delete from raw.{table}")
    if rows:
        types = [ddl.split()[0] for ddl in columns.values()]
        values = ", ".join(f"unnest(?::{t}[])" for t in types)
        con.execute(f"insert into raw.{table} select {values}", [list(column) for column in zip(*rows, strict=True)])


def trace_warehouse(con: duckdb.DuckDBPyConnection, settings: HoaxSettings) -> TraceRun:
    """Trace every registered hoax (module docstring) on the caller's writer connection."""
    hoaxes = current_hoaxes(con)
    until = horizon()
    official = set(official_handles())
    mentions = trace(con, hoaxes, MENTIONS_SQL, {}, settings, until, official) if hoaxes else []
    posts = trace(con, hoaxes, POSTS_SQL, {}, settings, until) if hoaxes else []
    posts = [p for p in posts if p.score >= settings.accept]  # an office's post about the claim is its debunk
    now = datetime.now(UTC)
    match_rows = [
        [
            t.hoax_id,
            t.mention_id,
            t.published_at,
            t.score,
            t.band,
            t.role,
            t.role_sure,
            t.cue,
            t.matched_on,
            t.claim_coverage,
            t.mention_coverage,
            t.keyword,
            ", ".join(t.shared),
            now,
        ]
        for t in mentions
    ]
    post_rows = [[p.hoax_id, *p.mention_id.split("/", 2), p.published_at, p.score, p.matched_on, now] for p in posts]
    con.execute("begin transaction")
    try:
        _replace(con, "hoax_matches", HOAX_MATCH_COLUMNS, match_rows)
        _replace(con, "hoax_post_matches", HOAX_POST_MATCH_COLUMNS, post_rows)
        changed = _record_settings(con, settings)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return TraceRun(len(hoaxes), mentions, posts, changed)
