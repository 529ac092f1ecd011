"""Turn a temp table of text cells into canonical mentions plus a list of problems per row.

The transformation is one DuckDB query built from the profile. Column names come from the
file's own header (quoted identifiers); every value that varies (date formats, time zone,
vendor, export date) is a named query parameter.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import duckdb

from ingestion.profiles import Profile, normalize_header
from ingestion.readers import Source

TEXT_FIELDS = [
    "title",
    "snippet",
    "url",
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
EPOCH_DIVISORS = {"s": 1, "ms": 1000}
MAX_COUNT = 10**12  # reach or engagement above this is a typo or a broken cell, not an audience
EARLIEST_DATE = datetime(2000, 1, 1, tzinfo=ZoneInfo("Asia/Makassar"))  # older = misread date

SENTIMENT_MESSAGE = (
    "is not a known label; expected positive, neutral, negative (or Indonesian positif, netral, negatif)"
)


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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
    """``expr`` with a private author's handle replaced by its pseudonym (see ``pseudonyms``)."""
    return f"case when private_handle is null then {expr} else citra_redact({expr}, private_handle) end"


def _date_expr(profile: Profile) -> str:
    """Published instant: local formats (in the profile's zone), UTC formats, offsets, epoch."""
    parts = []
    if profile.date_formats:
        parts.append(
            "timezone($tz, coalesce(try_strptime(raw_date, $fmt_local::varchar[]),"
            " try_strptime(citra_month_en(raw_date), $fmt_local::varchar[])))"
        )
    if profile.date_formats_utc:
        parts.append("timezone('UTC', try_strptime(raw_date, $fmt_utc::varchar[]))")
    if profile.date_formats_offset:
        parts.append("try_strptime(raw_date, $fmt_offset::varchar[])")
    if profile.epoch_unit:
        parts.append(
            "case when regexp_matches(raw_date, '^[0-9]{9,13}([.]0+)?$')"
            " then to_timestamp(try_cast(raw_date as double) / $epoch_div) end"
        )
    return f"coalesce({', '.join(parts)}, null::timestamptz)"


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
) -> None:
    """Create temp table ``_parsed``: canonical columns, plus ``problems`` (empty = good row)."""
    cols = resolve_columns(con, profile, source)
    strip = profile.strip_leading_quote
    text = {f: _text(cols.get(f, []), strip) for f in TEXT_FIELDS}
    raw = {f: _text(cols.get(f, []), strip) for f in RAW_FIELDS}
    sentiment, sentiment_known = _sentiment_exprs(profile)
    sql = f"""
    create or replace temp table _parsed as
    with src as (
      select source_row,
        {", ".join(f"{expr} as {name}" for name, expr in text.items())},
        {raw["published_at"]} as raw_date, {raw["sentiment"]} as raw_sentiment,
        {raw["reach"]} as raw_reach, {raw["engagement"]} as raw_engagement,
        lower({raw["media_type"]}) as raw_media_type, lower({raw["platform"]}) as raw_platform
      from {source.sql}
    ), hosted as (
      select *, split_part(split_part(split_part(split_part(split_part(lower(url), '://', 2), '/', 1),
                '?', 1), '#', 1), ':', 1) as url_host
      from src
    ), typed as (
      select hosted.*,
        {_date_expr(profile)} as published_at,
        citra_count(raw_reach, $locale) as reach_value,
        citra_count(raw_engagement, $locale) as engagement_value,
        {sentiment} as sentiment, {sentiment_known} as sentiment_known,
        pd.platform as url_platform, mt.media_type as mapped_media_type
      from hosted
      left join _sentiment_map sm on sm.label = lower(coalesce(raw_sentiment, ''))
      left join _platform_domains pd on pd.domain = array_to_string(string_split(url_host, '.')[-2:], '.')
      left join _media_types mt on mt.label = raw_media_type
    ), classified as (
      select typed.*,
        coalesce(mapped_media_type,
                 case when coalesce(raw_platform, url_platform) is not null then 'social' else 'online' end) as kind,
        case when kind = 'social' and author is not null
              and lower(ltrim(trim(author), '@')) not in (select account from _official_accounts)
             then lower(ltrim(trim(author), '@')) end as private_handle
      from typed
    )
    select
      md5(concat_ws('|', $vendor, coalesce('doc:' || document_id,
          'url:' || lower(url) || '|' || epoch(published_at)::varchar,
          'txt:' || coalesce(outlet, '') || '|' || coalesce(title, '') || '|' || epoch(published_at)::varchar))) as mention_id,
      $file_id::varchar as source_file_id, source_row, $vendor::varchar as vendor,
      $profile::varchar as profile, document_id, published_at,
      {_private("title")} as title, {_private("snippet")} as snippet, {_private("url")} as url,
      {_private("coalesce(outlet, nullif(regexp_replace(url_host, '^(www|m|mobile)[.]', ''), ''))")} as outlet,
      kind as media_type,
      coalesce(case raw_platform when 'twitter' then 'x' else raw_platform end, url_platform) as platform,
      coalesce(citra_pseudonym(private_handle), author) as author, private_handle,
      issue_label, sentiment, raw_sentiment as sentiment_label,
      case when abs(reach_value) <= $max_count then round(reach_value)::bigint end as reach,
      case when abs(engagement_value) <= $max_count then round(engagement_value)::bigint end as engagement,
      region_label, agency_label, language, country, keywords,
      $export_date::date as export_date, now() as ingested_at,
      list_filter([
        case when published_at is null then struct_pack(col := $date_col,
          reason := 'date ' || coalesce('''' || raw_date || ''' is not a date', 'is empty') ||
                    '; expected a format like ' || $date_example) end,
        case when published_at > now() + interval 1 day then struct_pack(col := $date_col,
          reason := 'date ''' || raw_date || ''' is in the future (after the day of ingestion);'
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
      ], lambda p: p is not null) as problems
    from classified
    """
    params: dict[str, object] = dict(
        source.params,
        locale=profile.number_locale,
        vendor=profile.vendor,
        file_id=file_id,
        profile=profile.name,
        export_date=export_date,
        date_col=(cols.get("published_at") or ["date"])[0],
        date_example=date_example(profile),
        max_count=MAX_COUNT,
        earliest=EARLIEST_DATE,
    )
    optional = {
        "tz": profile.timezone if profile.date_formats else None,
        "fmt_local": list(profile.date_formats),
        "fmt_utc": list(profile.date_formats_utc),
        "fmt_offset": list(profile.date_formats_offset),
        "epoch_div": EPOCH_DIVISORS.get(profile.epoch_unit or "", None),
    }
    params.update({k: v for k, v in optional.items() if v})
    con.execute(sql, params)


def date_example(profile: Profile) -> str:
    """A human example of the profile's first date format, for error messages."""
    fmt = (profile.date_formats + profile.date_formats_utc + profile.date_formats_offset or ("%s",))[0]
    for code, example in {
        "%d": "06",
        "%b": "Feb",
        "%B": "February",
        "%Y": "2026",
        "%m": "02",
        "%I": "03",
        "%H": "15",
        "%M": "03",
        "%p": "PM",
        "%S": "00",
        "%z": "+0000",
        "%f": "000",
        "%s": "epoch milliseconds",
    }.items():
        fmt = fmt.replace(code, example)
    return fmt


def insert_rejects(con: duckdb.DuckDBPyConnection, profile: Profile, source: Source, file_id: str, name: str) -> None:
    """Copy the problems of ``_parsed`` to ``raw.ingest_rejects`` with the row's raw cells.

    The raw cells (as JSON, only the columns the profile uses) are built for rejected rows
    only, so a clean file pays nothing for them. A private author's handle is pseudonymized
    there too, as in ``raw.media_mentions``.
    """
    cols = resolve_columns(con, profile, source)
    used = sorted({c for cs in cols.values() for c in cs})
    params: dict[str, object] = dict(source.params, **{f"c{i}": c for i, c in enumerate(used)})
    private = "private_handle" in [d[0] for d in con.execute("select * from _parsed limit 0").description]
    authors = set(cols.get("author", []))

    def cell(column: str) -> str:
        value = f"s.{quote_ident(column)}"
        if not private:
            return value
        hidden = (
            "citra_pseudonym(p.private_handle)" if column in authors else f"citra_redact({value}, p.private_handle)"
        )
        return f"case when p.private_handle is null or {value} is null then {value} else {hidden} end"

    raw_json = "json_object(" + ", ".join(f"$c{i}, {cell(c)}" for i, c in enumerate(used)) + ")"
    params.update(file_id=file_id, name=name)
    handle = "private_handle" if private else "null::varchar as private_handle"
    con.execute(
        f"""insert into raw.ingest_rejects
            select $file_id, $name, p.source_row, p.problem.col, p.problem.reason, {raw_json}::varchar, now()
            from (select source_row, {handle}, unnest(problems) as problem from _parsed where len(problems) > 0) p
            join {source.sql} s using (source_row)
            order by p.source_row""",
        params,
    )
