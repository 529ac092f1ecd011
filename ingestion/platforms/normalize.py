"""Turn a file's text cells into canonical platform rows plus a list of problems per row.

As for media (``ingestion/normalize.py``) the transformation is one DuckDB query: column
names come from the file's header (quoted), everything that varies (formats, zone, account,
regexes, the export's last day) is a named parameter. The result is the temp table
``_parsed`` with the columns of ``raw.platform_posts`` or ``raw.platform_account_daily``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from ingestion.dates import FORMS, date_ctes, date_params
from ingestion.handles import SQL_HINT
from ingestion.normalize import resolve_columns
from ingestion.platforms.accounts import AccountHint
from ingestion.platforms.profiles import PlatformProfile
from ingestion.sources import Source, quote_ident

POST_TEXT = ["post_id", "account", "post_type", "text", "url"]
POST_NUMBERS = ["views", "reach", "likes", "comments", "shares", "saves", "clicks"]
DAILY_TEXT = ["account"]
DAILY_NUMBERS = ["followers", "follower_change", "views", "reach", "profile_views", "engagements"]
SIGNED = {"follower_change"}


@dataclass(frozen=True)
class FileContext:
    """What the query needs to know about the file besides its cells."""

    file_id: str
    export_date: date
    platform: str
    hint: AccountHint
    range_end: date


def effective_profile(profile: PlatformProfile, metric: str | None) -> PlatformProfile:
    """The profile with the metric file's value column and the summed columns as fields."""
    fields = dict(profile.fields)
    if metric:
        fields[metric] = fields.pop("value")
    for canon, columns in profile.sums.items():
        fields.update({f"{canon}:{i}": (c,) for i, c in enumerate(columns)})
    return replace(profile, fields=fields)


def _first(columns: list[str]) -> str:
    parts = [f"nullif(trim({quote_ident(c)}), '')" for c in columns]
    return "null::varchar" if not parts else parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _date_sql(profile: PlatformProfile, params: dict[str, object]) -> str:
    """Wall-clock timestamp of ``raw_date`` in the profile's own ``date_formats`` (year-less
    ones take the year of the export's range); the forms of ``ingestion.dates`` come first."""
    full = [f for f in profile.date_formats if "%Y" in f or "%y" in f]
    yearless = [f + " %Y" for f in profile.date_formats if f not in full]
    parts = []
    params.pop("fmt_local", None)
    if full:
        params["fmt_local"] = full
        parts.append(
            "coalesce(try_strptime(raw_date, $fmt_local::varchar[]),"
            " try_strptime(citra_month_en(raw_date), $fmt_local::varchar[]))"
        )
    if yearless and profile.year_from_range:
        params.update(fmt_yearless=yearless, range_end=None)
        this_year = "try_strptime(citra_month_en(raw_date) || ' ' || year($range_end::date), $fmt_yearless::varchar[])"
        last_year = (
            "try_strptime(citra_month_en(raw_date) || ' ' || (year($range_end::date) - 1), $fmt_yearless::varchar[])"
        )
        parts.append(f"case when {this_year}::date <= $range_end::date then {this_year} else {last_year} end")
    return f"coalesce({', '.join(parts)})" if parts else "null::timestamp"


def _problems(numbers: list[str], date_label: str, date_optional: bool, is_post: bool) -> str:
    checks = [
        "case when raw_date is not null and parsed_date is null then struct_pack(col := $date_col,"
        " reason := 'date ''' || raw_date || ''' ' || date_reason) end",
    ]
    if not date_optional:
        checks.append(
            f"case when raw_date is null then struct_pack(col := $date_col, reason := '{date_label} is empty') end"
        )
    if is_post:
        checks.append(
            "case when post_id is null then struct_pack(col := 'post_id',"
            " reason := 'no post id, and no link to take it from') end"
        )
    for n in numbers:
        checks.append(
            f"case when isnan({n}_value) then struct_pack(col := '{n}',"
            f" reason := '{n} ''' || coalesce(raw_{n}, '') || ''' is not a number') end"
        )
        if n not in SIGNED:
            checks.append(
                f"case when {n}_value < 0 then struct_pack(col := '{n}',"
                f" reason := '{n} ' || coalesce(raw_{n}, '') || ' is negative') end"
            )
    return "list_filter([" + ",\n ".join(checks) + "], lambda p: p is not null)"


def _hidden_text(account_parts: list[str]) -> str:
    """A post's text with the @mentions and social links of private persons hidden
    (``ingestion.pseudonyms``); the account the export belongs to stays readable."""
    return (
        "case when not regexp_matches(coalesce(raw_text, ''), $hint_re, 'i') then raw_text"
        f" else citra_hide(raw_text, null, null, coalesce({', '.join(account_parts)})) end"
    )


def build_parsed_table(
    con: duckdb.DuckDBPyConnection,
    profile: PlatformProfile,
    source: Source,
    ctx: FileContext,
    day_order: str | None = None,
    forms: frozenset[str] = FORMS,
) -> None:
    """Create temp table ``_parsed`` for a posts or an account-daily profile (``day_order``:
    how day/month dates read, default the profile's; ``forms``: the date forms to type, see
    ``ingestion.dates``)."""
    is_post = profile.table == "posts"
    cols = resolve_columns(con, profile, source)
    texts, numbers = (POST_TEXT, POST_NUMBERS) if is_post else (DAILY_TEXT, DAILY_NUMBERS)
    date_field = "published_at" if is_post else "date"
    params: dict[str, object] = dict(
        source.params,
        **date_params(profile, day_order),
        locale=profile.number_locale,
        platform=ctx.platform,
        file_id=ctx.file_id,
        profile=profile.name,
        export_date=ctx.export_date,
        hint=ctx.hint.account,
        fallback=ctx.hint.fallback,
        date_col=(cols.get(date_field) or [date_field])[0],
    )
    select = [f"{_first(cols.get(t, []))} as raw_{t}" for t in texts]
    select += [f"{_first(cols.get(n, []))} as raw_{n}" for n in numbers if n not in profile.sums]
    select.append(f"{_first(cols.get(date_field, []))} as raw_date")
    # Every count is parsed by one citra_count over the unpivoted cells: the macro is large,
    # and binding it once per column made small files slow to plan.
    parsed_cells = [f"raw_{n}" for n in numbers if n not in profile.sums]
    values = [f"n.v_raw_{n} as {n}_value" for n in numbers if n not in profile.sums]
    for canon, columns in profile.sums.items():
        parts = [f"raw_{canon}_{i}" for i in range(len(columns))]
        parsed_cells += parts
        select += [f"{_first(cols.get(f'{canon}:{i}', []))} as {part}" for i, part in enumerate(parts)]
        select.append(f"nullif(concat_ws('+', {', '.join(parts)}), '') as raw_{canon}")
        counts = [f"n.v_{part}" for part in parts]
        values.append(
            f"case when {' or '.join(f'{c} is not null' for c in counts)} then "
            f"{' + '.join(f'coalesce({c}, 0)' for c in counts)} end as {canon}_value"
        )
    pivot = ", ".join(f"max(v) filter (where cell = '{c}') as v_{c}" for c in parsed_cells)
    cells = ", ".join(parsed_cells)
    numbers_sql = (
        f"select source_row, {pivot} from (select source_row, cell, citra_count(raw, $locale) as v from "
        f"(unpivot (select source_row, {cells} from kept) on {cells} into name cell value raw)) group by source_row"
        if parsed_cells
        else "select source_row from kept"
    )
    where = "true"
    for i, (canon, skipped) in enumerate(profile.skip_rows.items()):
        params[f"skip{i}"] = list(skipped)
        where += f" and not list_contains($skip{i}::varchar[], lower(coalesce(raw_{canon}, '')))"
    account_parts = ["$hint::varchar", "nullif(lower(trim(ltrim(trim(raw_account), '@'))), '')"]
    post_id = "raw_post_id"
    if profile.id_from_url:
        params["id_re"] = profile.id_from_url
        post_id = "coalesce(nullif(regexp_extract(raw_url, $id_re, 1), ''), raw_post_id)"
    if profile.account_from_url:
        params["account_re"] = profile.account_from_url
        account_parts.append("nullif(lower(regexp_extract(raw_url, $account_re, 1)), '')")
    account_parts.append("$fallback::varchar")
    local = _date_sql(profile, params)
    if "range_end" in params:
        params["range_end"] = ctx.range_end
    if is_post:
        params["url_template"] = profile.url_template
        params["hint_re"] = SQL_HINT
        typed_date = "published_at as parsed_date"
        identity = (
            f"{post_id} as post_id, raw_post_type as post_type, {_hidden_text(account_parts)} as text, "
            "coalesce(raw_url, replace($url_template::varchar, '{post_id}', " + post_id + ")) as url, "
            "parsed_date as published_at"
        )
    else:  # a calendar day is the day as written, whatever offset follows it
        typed_date = "published_local::date as parsed_date"
        identity = "parsed_date as date"
    number_out = ", ".join(f"case when isfinite({n}_value) then round({n}_value)::bigint end as {n}" for n in numbers)
    sql = f"""
    create or replace temp table _parsed as
    with src as (
      select source_row, {"__ragged," if source.ragged else ""} {", ".join(select)} from {source.sql}
    ), kept as (
      select * from src where {where}
    ), {date_ctes("kept", local, forms)}, numbers as (
      {numbers_sql}
    ), typed as (
      select dated.*, {typed_date}, {", ".join(values)},
        {post_id if is_post else "null"} as post_id
      from dated left join numbers n using (source_row)
    )
    select $platform::varchar as platform, coalesce({", ".join(account_parts)}) as account,
      {identity}, {number_out},
      $export_date::date as export_date, $file_id::varchar as source_file_id, source_row::integer as source_row,
      $profile::varchar as profile, now() as ingested_at, date_fit, dm_raw, date_unplanned,
      {"__ragged," if source.ragged else ""}
      {_problems(numbers, "publish time" if is_post else "date", is_post and profile.published_optional, is_post)} as problems
    from typed
    """
    con.execute(sql, params)
