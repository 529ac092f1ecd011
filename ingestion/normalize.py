"""Turn a temp table of text cells into canonical mentions plus a list of problems per row.

The whole transformation is one DuckDB query built from the profile: column names come from
the file's own header (quoted identifiers), every value that varies (date formats, time zone,
vendor, export date) is a query parameter.
"""

from __future__ import annotations

from datetime import date

import duckdb

from ingestion.profiles import Profile, normalize_header, platform_domains, sentiment_labels

NULL_TOKENS = ["", "-", "--", "undefined", "n/a", "na", "null", "none"]

# Counts as vendors write them: 1,234 | 1.234 (id) | 1.234,5 | 3423.0 | 1.2K | 2,5 rb | 3 jt.
# citra_count returns NULL for blanks and null tokens, NaN for text that is not a number
# (the row is then rejected). Split into small macros because DuckDB macros have no locals.
COUNT_MACROS = [
    r"""create or replace temp macro citra_num_clean(raw) as
        lower(replace(replace(trim(raw), ' ', ''), chr(160), ''))""",
    r"""create or replace temp macro citra_num_mult(v) as
        case regexp_extract(v, '^[+-]?[0-9.,]+([a-z]*)$', 1)
          when '' then 1 when 'k' then 1e3 when 'rb' then 1e3 when 'ribu' then 1e3
          when 'm' then 1e6 when 'jt' then 1e6 when 'juta' then 1e6 when 'mn' then 1e6
          when 'b' then 1e9 when 'bn' then 1e9 when 'miliar' then 1e9 end""",
    r"""create or replace temp macro citra_num_decimal(m, locale) as try_cast(
        case
          when regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3})+,[0-9]+$') then replace(replace(m, '.', ''), ',', '.')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3})+[.][0-9]+$') then replace(m, ',', '')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3}){2,}$') then replace(m, ',', '')
          when regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3}){2,}$') then replace(m, '.', '')
          when locale = 'en' and regexp_matches(m, '^[+-]?[0-9]{1,3}(,[0-9]{3})+$') then replace(m, ',', '')
          when locale = 'id' and regexp_matches(m, '^[+-]?[0-9]{1,3}([.][0-9]{3})+$') then replace(m, '.', '')
          else replace(m, ',', '.')
        end as double)""",
    r"""create or replace temp macro citra_count(raw, locale) as
        case
          when raw is null or list_contains(getvariable('citra_null_tokens'), lower(trim(raw))) then null
          else coalesce(
            citra_num_decimal(regexp_extract(citra_num_clean(raw), '^([+-]?[0-9.,]+)[a-z]*$', 1), locale)
              * citra_num_mult(citra_num_clean(raw)),
            'NaN'::double)
        end""",
]

TEXT_FIELDS = [
    "title", "snippet", "url", "outlet", "author", "issue_label", "region_label",
    "agency_label", "language", "country", "keywords", "document_id",
]


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def prepare_connection(con: duckdb.DuckDBPyConnection) -> None:
    """Install the lookup tables and macros that the normalizing query uses."""
    con.execute("set variable citra_null_tokens = ?::varchar[]", [NULL_TOKENS])
    for macro in COUNT_MACROS:
        con.execute(macro)
    con.execute("create or replace temp table _sentiment_map (label varchar, sentiment varchar)")
    con.executemany("insert into _sentiment_map values (?, ?)", list(sentiment_labels().items()))
    con.execute("create or replace temp table _platform_domains (domain varchar, platform varchar)")
    con.executemany("insert into _platform_domains values (?, ?)", list(platform_domains().items()))


def _coalesce_text(columns: list[str]) -> str:
    if not columns:
        return "null::varchar"
    parts = [f"nullif(trim({quote_ident(c)}), '')" for c in columns]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def resolve_columns(con: duckdb.DuckDBPyConnection, profile: Profile, table: str) -> dict[str, list[str]]:
    """Canonical field -> the temp table's columns that carry it, in preference order."""
    names = [r[0] for r in con.execute(f"select column_name from (describe {table})").fetchall()]
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(normalize_header(name), name)
    return {
        canon: [by_norm[normalize_header(c)] for c in cands if normalize_header(c) in by_norm]
        for canon, cands in profile.fields.items()
    }


def build_parsed_table(
    con: duckdb.DuckDBPyConnection,
    profile: Profile,
    file_id: str,
    export_date: date,
    table: str = "_src",
) -> None:
    """Create temp table ``_parsed``: canonical columns, plus ``problems`` (empty = good row)."""
    cols = resolve_columns(con, profile, table)
    text = {f: _coalesce_text(cols.get(f, [])) for f in TEXT_FIELDS}
    raw_date = _coalesce_text(cols.get("published_at", []))
    raw_sent = _coalesce_text(cols.get("sentiment", []))
    raw_reach = _coalesce_text(cols.get("reach", []))
    raw_eng = _coalesce_text(cols.get("engagement", []))
    raw_media = _coalesce_text(cols.get("media_type", []))
    raw_platform = _coalesce_text(cols.get("platform", []))
    date_col = (cols.get("published_at") or ["date"])[0]
    used = sorted({c for cs in cols.values() for c in cs})
    raw_json = "json_object(" + ", ".join(f"?, {quote_ident(c)}" for c in used) + ")"
    sql = f"""
    create or replace temp table _parsed as
    with src as (
      select source_row,
        {", ".join(f"{expr} as {name}" for name, expr in text.items())},
        {raw_date} as raw_date, {raw_sent} as raw_sentiment,
        {raw_reach} as raw_reach, {raw_eng} as raw_engagement,
        lower({raw_media}) as raw_media_type, lower({raw_platform}) as raw_platform,
        {raw_json} as raw_values
      from {table}
    ), hosted as (
      select *, regexp_extract(lower(url), '^[a-z]+://(?:[^/@]*@)?([^/:?#]+)', 1) as url_host
      from src
    ), typed as (
      select hosted.*,
        timezone(?, try_strptime(raw_date, ?::varchar[])) as published_at,
        citra_count(raw_reach, ?) as reach_value,
        citra_count(raw_engagement, ?) as engagement_value,
        sm.sentiment, sm.label is not null as sentiment_known,
        pd.platform as url_platform
      from hosted
      left join _sentiment_map sm on sm.label = lower(coalesce(raw_sentiment, ''))
      left join _platform_domains pd on pd.domain = regexp_extract(url_host, '([^.]+[.][^.]+)$', 1)
    )
    select
      md5(concat_ws('|', ?, coalesce('doc:' || document_id,
          'url:' || lower(url) || '|' || epoch(published_at)::varchar,
          'txt:' || coalesce(outlet, '') || '|' || coalesce(title, '') || '|' || epoch(published_at)::varchar))) as mention_id,
      ?::varchar as source_file_id, source_row, ?::varchar as vendor, ?::varchar as profile,
      document_id, published_at, title, snippet, url, outlet,
      coalesce(case raw_media_type when 'sosial' then 'social' when 'cetak' then 'print'
                 when 'televisi' then 'tv' else raw_media_type end,
               case when coalesce(raw_platform, url_platform) is not null then 'social' else 'online' end) as media_type,
      coalesce(case raw_platform when 'twitter' then 'x' else raw_platform end, url_platform) as platform,
      author, issue_label, sentiment, raw_sentiment as sentiment_label,
      case when isfinite(reach_value) then round(reach_value)::bigint end as reach,
      case when isfinite(engagement_value) then round(engagement_value)::bigint end as engagement,
      region_label, agency_label, language, country, keywords,
      ?::date as export_date, now() as ingested_at,
      list_filter([
        case when published_at is null then struct_pack(col := ?,
          reason := 'date ' || coalesce('''' || raw_date || '''', 'is empty') ||
                    case when raw_date is null then '' else ' is not a date' end ||
                    '; expected a format like ' || ?) end,
        case when title is null and url is null then struct_pack(col := 'title/url',
          reason := 'no title and no URL: nothing identifies the mention') end,
        case when isnan(reach_value) then struct_pack(col := 'reach',
          reason := 'reach ''' || raw_reach || ''' is not a number') end,
        case when reach_value < 0 then struct_pack(col := 'reach',
          reason := 'reach ' || raw_reach || ' is negative') end,
        case when isnan(engagement_value) then struct_pack(col := 'engagement',
          reason := 'engagement ''' || raw_engagement || ''' is not a number') end,
        case when engagement_value < 0 then struct_pack(col := 'engagement',
          reason := 'engagement ' || raw_engagement || ' is negative') end,
        case when not sentiment_known then struct_pack(col := 'sentiment',
          reason := 'sentiment ''' || raw_sentiment || ''' is not a known label; expected positive, neutral, negative (or Indonesian positif, netral, negatif)') end
      ], lambda p: p is not null) as problems,
      raw_values
    from typed
    """
    example = _format_example(profile.date_formats[0])
    params: list[object] = [*used, profile.timezone, list(profile.date_formats),
                            profile.number_locale, profile.number_locale,
                            profile.vendor, file_id, profile.vendor, profile.name,
                            export_date, date_col, example]
    con.execute(sql, params)


def _format_example(fmt: str) -> str:
    """A human example of a strptime format, for error messages."""
    return (
        fmt.replace("%d", "06").replace("%b", "Feb").replace("%Y", "2026").replace("%m", "02")
        .replace("%I", "03").replace("%H", "15").replace("%M", "03").replace("%p", "PM")
        .replace("%S", "00")
    )
