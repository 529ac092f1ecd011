"""Check and pseudonymize the rows of one roster file: the temp table ``_roster``.

One DuckDB query, as for media (``ingestion/normalize.py``): column names come from the file's
header (quoted), every value that varies is a named parameter. The handle becomes
``citra_pseudonym(handle)`` in the same query that reads it, and the clear handle lives only in
this temp table (in memory, dropped after the file). A reason never quotes a cell: a row typed
into the wrong columns could put a handle anywhere, so reasons name the column and the fix only.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path

import duckdb

from ingestion.normalize import quote_ident, resolve_columns
from ingestion.platforms.accounts import ACCOUNT_SEED
from ingestion.profiles import Profile
from ingestion.sources import Source

AGENCY_SEED = ACCOUNT_SEED.with_name("agencies.csv")
# how a roster may name a platform -> Citra's platform code
PLATFORMS = {
    "x": "x",
    "twitter": "x",
    "x (twitter)": "x",
    "instagram": "instagram",
    "ig": "instagram",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "facebook": "facebook",
    "fb": "facebook",
    "youtube": "youtube",
    "yt": "youtube",
}
PLATFORM_HINT = "expected x, instagram, tiktok, facebook or youtube"
# a profile link instead of a handle: the handle is the first path segment (after an optional @)
PROFILE_URL = (
    r"^(?:https?://)?(?:www\.|m\.|mobile\.|web\.)?"
    r"(?:instagram\.com|tiktok\.com|x\.com|twitter\.com|facebook\.com|fb\.com|youtube\.com)/@?([^/?#\s]+)"
)
FIELDS = ("platform", "handle", "agency", "unit", "active_from", "active_to")


@cache
def agency_keys(seed: Path = AGENCY_SEED) -> dict[str, str]:
    """Lower-case agency code, name and short name -> agency code (the agencies seed)."""
    with seed.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    keys: dict[str, str] = {}
    for row in rows:
        for column in ("agency_code", "agency_name", "agency_short"):
            keys.setdefault(" ".join(row[column].split()).lower(), row["agency_code"])
    return keys


def _cell(columns: list[str]) -> str:
    """First non-blank of ``columns`` (trimmed), or null."""
    parts = [f"nullif(trim({quote_ident(c)}), '')" for c in columns]
    if not parts:
        return "null::varchar"
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def build_roster_table(
    con: duckdb.DuckDBPyConnection, profile: Profile, source: Source, file_id: str, roster_date: date
) -> None:
    """Create temp table ``_roster``: the columns of ``raw.asn_roster`` plus ``problems``."""
    cols = resolve_columns(con, profile, source)
    label = {f: (cols.get(f) or [f])[0] for f in FIELDS}
    agencies = agency_keys()
    params: dict[str, object] = dict(
        source.params,
        file_id=file_id,
        roster_date=roster_date,
        profile=profile.name,
        fmt=list(profile.date_formats),
        profile_url=PROFILE_URL,
        platform_aliases=list(PLATFORMS),
        platform_codes=list(PLATFORMS.values()),
        agency_aliases=list(agencies),
        agency_codes=list(agencies.values()),
        **{f"col_{f}": label[f] for f in FIELDS if f != "unit"},
    )
    cells = ", ".join(f"{_cell(cols.get(f, []))} as raw_{f}" for f in FIELDS)
    date_of = "coalesce(try_strptime({0}, $fmt::varchar[]), try_strptime(citra_month_en({0}), $fmt::varchar[]))::date"
    sql = f"""
    create or replace temp table _roster as
    with platform_map as (
      select unnest($platform_aliases::varchar[]) as alias, unnest($platform_codes::varchar[]) as platform
    ), agency_map as (
      select unnest($agency_aliases::varchar[]) as alias, unnest($agency_codes::varchar[]) as agency_code
    ), src as (
      select source_row, {cells} from {source.sql}
    ), filled as (
      select * from src
      where coalesce(raw_platform, raw_handle, raw_agency, raw_unit, raw_active_from, raw_active_to) is not null
    ), typed as (
      select filled.*, pm.platform, am.agency_code,
        nullif(lower(trim(ltrim(trim(coalesce(nullif(regexp_extract(lower(raw_handle), $profile_url, 1), ''),
                                               raw_handle)), '@'))), '') as private_handle,
        {date_of.format("raw_active_from")} as active_from,
        {date_of.format("raw_active_to")} as active_to
      from filled
      left join platform_map pm on pm.alias = lower(regexp_replace(trim(raw_platform), '\\s+', ' ', 'g'))
      left join agency_map am on am.alias = lower(regexp_replace(trim(raw_agency), '\\s+', ' ', 'g'))
    )
    select
      platform, citra_pseudonym(private_handle) as pseudonym, agency_code,
      case when private_handle is not null then citra_hide(raw_unit, private_handle, null, null) end as unit,
      active_from, active_to, $roster_date::date as roster_date, $file_id::varchar as source_file_id,
      source_row::integer as source_row, $profile::varchar as profile, now() as ingested_at,
      list_filter([
        case when raw_platform is null then struct_pack(col := $col_platform,
          reason := 'platform is empty; {PLATFORM_HINT}') end,
        case when raw_platform is not null and platform is null then struct_pack(col := $col_platform,
          reason := 'platform is not known; {PLATFORM_HINT}') end,
        case when private_handle is null then struct_pack(col := $col_handle,
          reason := 'the account is empty; each row names one civil servant''s own account (handle or profile link)') end,
        case when private_handle in (select account from _official_accounts) then struct_pack(col := $col_handle,
          reason := 'the account is an official account of the office (dbt_project/seeds/accounts.csv), '
                    || 'not a civil servant''s own account') end,
        case when raw_agency is null then struct_pack(col := $col_agency,
          reason := 'the agency is empty; use an agency_code of dbt_project/seeds/agencies.csv, e.g. dinkes_kalsel') end,
        case when raw_agency is not null and agency_code is null then struct_pack(col := $col_agency,
          reason := 'the agency is not in dbt_project/seeds/agencies.csv; use its agency_code, e.g. dinkes_kalsel') end,
        case when raw_active_from is not null and active_from is null then struct_pack(col := $col_active_from,
          reason := 'active_from is not a date; expected YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-01-31') end,
        case when raw_active_to is not null and active_to is null then struct_pack(col := $col_active_to,
          reason := 'active_to is not a date; expected YYYY-MM-DD or DD/MM/YYYY, e.g. 2025-12-31') end,
        case when active_to < active_from then struct_pack(col := $col_active_to,
          reason := 'active_to is before active_from') end
      ], lambda p: p is not null) as problems
    from typed
    """
    con.execute(sql, params)


def insert_roster_rejects(con: duckdb.DuckDBPyConnection, file_id: str, name: str) -> None:
    """Copy the problems of ``_roster`` to ``raw.ingest_rejects``. The raw values are what Citra
    understood of the row (the account as its pseudonym), never the file's cells."""
    con.execute(
        """insert into raw.ingest_rejects
           select $file_id, $name, source_row, problem.col, problem.reason,
                  json_object('platform', platform, 'account', pseudonym, 'agency_code', agency_code, 'unit', unit,
                              'active_from', active_from, 'active_to', active_to)::varchar,
                  now()
           from (select *, unnest(problems) as problem from _roster where len(problems) > 0)
           order by source_row""",
        {"file_id": file_id, "name": name},
    )


def insert_roster_damaged_lines(con: duckdb.DuckDBPyConnection, source: Source, file_id: str, name: str) -> int:
    """Copy ``_damaged_lines`` (``ingestion.repair``) to ``raw.ingest_rejects`` by row and reason,
    without the line's text: a roster line holds a civil servant's handle."""
    if not source.damaged_lines:
        return 0
    con.execute(
        """insert into raw.ingest_rejects
           select $file_id, $name, source_row, 'line', reason, null, now() from _damaged_lines order by source_row""",
        {"file_id": file_id, "name": name},
    )
    return source.damaged_lines
