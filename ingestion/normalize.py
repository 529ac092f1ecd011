"""Turn a temp table of text cells into canonical mentions plus a list of problems per row.

The transformation is one DuckDB query built from the profile. Column names come from the
file's own header (quoted identifiers); every value that varies (date formats, time zone,
vendor, export date) is a named query parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import duckdb

from ingestion.dates import FORMS, date_ctes, date_params, future_params
from ingestion.handles import SQL_HINT, SQL_LINK_SEGMENT
from ingestion.profiles import Profile, normalize_header
from ingestion.sources import Source, quote_ident

TEXT_FIELDS = [
    "title",
    "snippet",
    "url",
    "expanded_url",
    "outlet",
    "author",
    "issue_label",
    "region_label",
    "agency_label",
    "language",
    "country",
    "keywords",
    "document_id",
]
RAW_FIELDS = ["published_at", "sentiment", "reach", "engagement", "media_type", "platform"]
MAX_COUNT = 10**12  # reach or engagement above this is a typo or a broken cell, not an audience
EARLIEST_DATE = datetime(2000, 1, 1, tzinfo=ZoneInfo("Asia/Makassar"))  # older = misread date

SENTIMENT_MESSAGE = (
    "is not a known label; expected positive, neutral, negative (or Indonesian positif, netral, negatif)"
)


def resolve_columns(con: duckdb.DuckDBPyConnection, profile: Profile, source: Source) -> dict[str, list[str]]:
    """Canonical field -> the source's columns that carry it, in preference order."""
    names = [d[0] for d in con.execute(f"select * from {source.sql} limit 0", source.params).description]
    by_norm: dict[str, str] = {}
    for name in names:
        by_norm.setdefault(normalize_header(name), name)
    return {
        canon: [by_norm[normalize_header(c)] for c in cands if normalize_header(c) in by_norm]
        for canon, cands in profile.fields.items()
    }


def _text(columns: list[str], strip_quote: bool) -> str:
    """First non-blank of ``columns`` (a vendor may fill one of several)."""
    if not columns:
        return "null::varchar"
    clean = "trim(ltrim({}, ''''))" if strip_quote else "trim({})"
    parts = [f"nullif({clean.format(quote_ident(c))}, '')" for c in columns]
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _private(expr: str) -> str:
    """``expr`` with private handles replaced by their pseudonyms (``pseudonyms``, ``handles``):
    the row's private author and the accounts of its social links wherever they occur, every
    other account of a social link and every @mention. The Python function runs only on a text
    that may hold one: an @ or a social link in it, the author's handle in it, or a row whose
    links may name another account (``links_other``); most titles and outlets skip it."""
    return (
        f"case when {expr} is null then null when not regexp_matches({expr}, $hint_re, 'i') and not links_other"
        f" and (private_handle is null or not contains(lower({expr}), private_handle)) then {expr}"
        f" when links_other then citra_hide({expr}, private_handle, links, null)"
        f" else citra_hide_author({expr}, private_handle, links) end"
    )


def _profile_formats(profile: Profile) -> str:
    """Wall-clock SQL of the profile's own ``date_formats`` (month names in English or Indonesian)."""
    if not profile.date_formats:
        return "null::timestamp"
    return (
        "coalesce(try_strptime(raw_date, $fmt_local::varchar[]),"
        " try_strptime(citra_month_en(raw_date), $fmt_local::varchar[]))"
    )


def _sentiment_exprs(profile: Profile) -> tuple[str, str]:
    """(sentiment, known) expressions; a signed-score profile maps any number by its sign."""
    if profile.sentiment_scale == "sign":
        score = "try_cast(replace(raw_sentiment, ',', '.') as double)"
        return (
            f"case when {score} is not null then case when {score} > 0 then 'positive'"
            f" when {score} < 0 then 'negative' else 'neutral' end else sm.sentiment end",
            f"({score} is not null or sm.label is not null)",
        )
    return "sm.sentiment", "sm.label is not null"


def build_parsed_table(
    con: duckdb.DuckDBPyConnection,
    profile: Profile,
    source: Source,
    file_id: str,
    export_date: date,
    day_order: str | None = None,
    forms: frozenset[str] = FORMS,
) -> None:
    """Create temp table ``_parsed``: canonical columns, plus ``problems`` (empty = good row).

    ``day_order`` reads day/month dates (default: the profile's), ``forms`` are the date forms to
    type (``ingestion.dates``; a value in another one is flagged ``date_unplanned``).
    """
    cols = resolve_columns(con, profile, source)
    strip = profile.strip_leading_quote
    text = {f: _text(cols.get(f, []), strip) for f in TEXT_FIELDS}
    raw = {f: _text(cols.get(f, []), strip) for f in RAW_FIELDS}
    sentiment, sentiment_known = _sentiment_exprs(profile)
    formats_local = _profile_formats(profile)
    sql = f"""
    create or replace temp table _parsed as
    with src as (
      select source_row, {"__ragged," if source.ragged else ""}
        {", ".join(f"{expr} as {name}" for name, expr in text.items())},
        {raw["published_at"]} as raw_date, {raw["sentiment"]} as raw_sentiment,
        {raw["reach"]} as raw_reach, {raw["engagement"]} as raw_engagement,
        lower({raw["media_type"]}) as raw_media_type, lower({raw["platform"]}) as raw_platform
      from {source.sql}
    ), hosted as (
      select *, split_part(split_part(split_part(split_part(split_part(lower(url), '://', 2), '/', 1),
                '?', 1), '#', 1), ':', 1) as url_host
      from src
    ), {date_ctes("hosted", formats_local, forms)}, typed as (
      select dated.*,
        citra_count(raw_reach, $locale) as reach_value,
        citra_count(raw_engagement, $locale) as engagement_value,
        {sentiment} as sentiment, {sentiment_known} as sentiment_known,
        pd.platform as url_platform, mt.media_type as mapped_media_type
      from dated
      left join _sentiment_map sm on sm.label = lower(coalesce(raw_sentiment, ''))
      left join _platform_domains pd on pd.domain = array_to_string(string_split(url_host, '.')[-2:], '.')
      left join _media_types mt on mt.label = raw_media_type
    ), classified as (
      select typed.*,
        coalesce(mapped_media_type,
                 case when coalesce(raw_platform, url_platform) is not null then 'social' else 'online' end) as kind,
        case when kind = 'social' and author is not null
              and lower(ltrim(trim(author), '@')) not in (select account from _official_accounts)
             then lower(ltrim(trim(author), '@')) end as private_handle,
        nullif(concat_ws(' ', url, expanded_url), '') as links,
        coalesce(regexp_matches(links, $hint_re, 'i'), false) as social_links
      from typed
    ), linked as (
      select classified.*,
        social_links and (private_handle is null or len(list_filter(
          regexp_extract_all(lower(links), $link_segment_re, 1), lambda h: h <> private_handle)) > 0) as links_other
      from classified
    )
    select
      md5(concat_ws('|', $vendor, coalesce('doc:' || document_id,
          'url:' || lower(url) || '|' || epoch(published_at)::varchar,
          'txt:' || coalesce(outlet, '') || '|' || coalesce(title, '') || '|' || epoch(published_at)::varchar))) as mention_id,
      $file_id::varchar as source_file_id, source_row, $vendor::varchar as vendor,
      $profile::varchar as profile, document_id, published_at,
      {_private("title")} as title, {_private("snippet")} as snippet, {_private("url")} as url,
      {_private("expanded_url")} as expanded_url, {_private("keywords")} as keywords,
      {_private("coalesce(outlet, nullif(regexp_replace(url_host, '^(www|m|mobile)[.]', ''), ''))")} as outlet,
      kind as media_type,
      coalesce(case raw_platform when 'twitter' then 'x' else raw_platform end, url_platform) as platform,
      case when private_handle is not null then citra_pseudonym(private_handle) else {_private("author")} end as author,
      private_handle,
      issue_label, sentiment, raw_sentiment as sentiment_label,
      case when abs(reach_value) <= $max_count then round(reach_value)::bigint end as reach,
      case when abs(engagement_value) <= $max_count then round(engagement_value)::bigint end as engagement,
      region_label, agency_label, language, country,
      $export_date::date as export_date, now() as ingested_at, date_fit, dm_raw, date_unplanned,
      {"__ragged," if source.ragged else ""}
      case when raw_date = $date_col then [struct_pack(col := $date_col,
        reason := 'the header line again (exports pasted together?), not a mention')]
      else list_filter([
        case when published_at is null then struct_pack(col := $date_col,
          reason := 'date ' || coalesce('''' || raw_date || ''' ', '') || date_reason) end,
        case when published_at >= $future_limit then struct_pack(col := $date_col,
          reason := 'date ''' || raw_date || ''' is in the future (after ' || $future_day || ', tomorrow in WITA);'
                    || ' check the date format or the export') end,
        case when published_at < $earliest then struct_pack(col := $date_col,
          reason := 'date ''' || raw_date || ''' is before 2000-01-01; check the date format or the export') end,
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
        case when not isnan(reach_value) and reach_value > $max_count then struct_pack(col := 'reach',
          reason := 'reach ' || raw_reach || ' is not plausible (more than 10^12)') end,
        case when not isnan(engagement_value) and engagement_value > $max_count then struct_pack(col := 'engagement',
          reason := 'engagement ' || raw_engagement || ' is not plausible (more than 10^12)') end,
        case when not sentiment_known then struct_pack(col := 'sentiment',
          reason := 'sentiment ''' || raw_sentiment || ''' {SENTIMENT_MESSAGE}') end
      ], lambda p: p is not null) end as problems
    from linked
    """
    params: dict[str, object] = dict(
        source.params,
        **date_params(profile, day_order),
        **future_params(),
        locale=profile.number_locale,
        vendor=profile.vendor,
        file_id=file_id,
        profile=profile.name,
        export_date=export_date,
        date_col=(cols.get("published_at") or ["date"])[0],
        max_count=MAX_COUNT,
        earliest=EARLIEST_DATE,
        hint_re=SQL_HINT,
        link_segment_re=SQL_LINK_SEGMENT,
    )
    con.execute(sql, params)
