"""Check and type the rows of a releases template: the temp table ``_parsed``.

One DuckDB query, as for media (``ingestion/normalize.py``): column names come from the file's
header (quoted), every value that varies is a named parameter, dates go through the shared
date machinery (``ingestion.dates``: every accepted form, the day order decided per file by
``ingestion.parse``). A row keeps the columns of ``raw.releases`` and a list of problems; one
with problems goes to ``raw.ingest_rejects`` with its reasons.
"""

from __future__ import annotations

from datetime import date

import duckdb

from ingestion.dates import FORMS, date_ctes, date_params, future_params
from ingestion.normalize import _profile_formats, resolve_columns
from ingestion.profiles import Profile
from ingestion.releases.keys import RELEASE_ID_SQL
from ingestion.roster.parse import agency_keys
from ingestion.sources import Source, quote_ident
from issues.taxonomy import issue_codes
from matching.urls import URL_KEY_SQL

FIELDS = ("published_at", "title", "lead", "body", "url", "agency", "issue", "campaign")
AGENCY_HINT = "use an agency_code of dbt_project/seeds/agencies.csv (e.g. diskominfo_kalsel)"


def _cell(columns: list[str]) -> str:
    parts = [f"nullif(trim({quote_ident(c)}), '')" for c in columns]
    if not parts:
        return "null::varchar"
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def build_template_table(
    con: duckdb.DuckDBPyConnection,
    profile: Profile,
    source: Source,
    file_id: str,
    export_date: date,
    folder_agency: str | None,
    day_order: str | None = None,
    forms: frozenset[str] = FORMS,
) -> None:
    """Create temp table ``_parsed``: the columns of ``raw.releases`` plus ``problems``."""
    cols = resolve_columns(con, profile, source)
    label = {f: (cols.get(f) or [f])[0] for f in FIELDS}
    agencies, issues = agency_keys(), issue_codes()
    cells = ", ".join(f"{_cell(cols.get(f, []))} as raw_{f}" for f in FIELDS if f != "published_at")
    release_id = RELEASE_ID_SQL.format(
        url_key="url_key", agency="agency_code", day="cast(published_local as date)", title="raw_title"
    )
    sql = f"""
    create or replace temp table _parsed as
    with agency_map as (
      select unnest($agency_aliases::varchar[]) as alias, unnest($agency_codes::varchar[]) as agency_code
    ), issue_map as (
      select unnest($issue_aliases::varchar[]) as alias, unnest($issue_codes::varchar[]) as issue
    ), src as (
      select source_row, {"__ragged," if source.ragged else ""} {_cell(cols.get("published_at", []))} as raw_date,
        {cells}
      from {source.sql}
    ), filled as (
      select * from src
      where coalesce(raw_date, raw_title, raw_lead, raw_body, raw_url, raw_agency, raw_issue, raw_campaign) is not null
    ), {date_ctes("filled", _profile_formats(profile), forms)}, typed as (
      select dated.*, coalesce(am.agency_code, case when raw_agency is null then $folder_agency end) as agency_code,
        case when raw_agency is null and $folder_agency is not null then 'folder' else 'column' end as agency_source,
        im.issue, {URL_KEY_SQL.format("raw_url")} as url_key,
        raw_url is null or regexp_matches(lower(raw_url), '^https?://[^\\s/]+[.][^\\s/]+') as url_ok
      from dated
      left join agency_map am on am.alias = lower(regexp_replace(trim(raw_agency), '\\s+', ' ', 'g'))
      left join issue_map im on im.alias = lower(regexp_replace(trim(raw_issue), '\\s+', ' ', 'g'))
    )
    select
      {release_id} as release_id, raw_url as url, url_key, published_at, raw_title as title, raw_lead as lead,
      raw_body as body, agency_code, agency_source, issue, raw_issue as issue_label, raw_campaign as campaign,
      null::varchar as issue_suggested, null::double as issue_suggested_confidence, 'template' as source_kind,
      $export_date::date as export_date, $file_id::varchar as source_file_id, source_row::integer as source_row,
      $profile::varchar as profile, now() as ingested_at, date_fit, dm_raw, date_unplanned,
      {"__ragged," if source.ragged else ""}
      list_filter([
        case when published_at is null then struct_pack(col := $col_published_at,
          reason := 'date ' || coalesce('''' || raw_date || ''' ', '') || date_reason) end,
        case when published_at >= $future_limit then struct_pack(col := $col_published_at,
          reason := 'date ''' || raw_date || ''' is in the future (after ' || $future_day || ', tomorrow in WITA);'
                    || ' check the date format') end,
        case when raw_title is null then struct_pack(col := $col_title,
          reason := 'the title is empty; each row is one release with its title') end,
        case when raw_agency is null and $folder_agency is null then struct_pack(col := $col_agency,
          reason := 'no agency: fill the agency column ({AGENCY_HINT}) or put the file in landing/releases/<agency_code>/') end,
        case when raw_agency is not null and agency_code is null then struct_pack(col := $col_agency,
          reason := 'agency ''' || raw_agency || ''' is not in dbt_project/seeds/agencies.csv; {AGENCY_HINT}') end,
        case when raw_issue is not null and issue is null then struct_pack(col := $col_issue,
          reason := 'issue ''' || raw_issue || ''' is not in the taxonomy (dbt_project/seeds/issues.csv); '
                    || 'leave it empty and Citra suggests one') end,
        case when not url_ok then struct_pack(col := $col_url,
          reason := 'url ''' || raw_url || ''' is not a web address; expected https://...') end
      ], lambda p: p is not null) as problems
    from typed
    """
    params: dict[str, object] = dict(
        source.params,
        **date_params(profile, day_order),
        **future_params(),
        file_id=file_id,
        export_date=export_date,
        profile=profile.name,
        folder_agency=folder_agency,
        agency_aliases=list(agencies),
        agency_codes=list(agencies.values()),
        issue_aliases=list(issues),
        issue_codes=list(issues.values()),
        **{f"col_{f}": label[f] for f in FIELDS},
    )
    con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
