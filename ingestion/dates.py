"""Dates as real exports write them, for every media and platform profile.

One SQL fragment types a file's date cells (``raw_date``) in the normalizing query. Before the
profile's own ``date_formats`` it tries the forms that scrapers, spreadsheets and APIs write
whatever the vendor (docs/generic-template.md, "Accepted dates"):

- ISO 8601 / RFC 3339, ``T`` or a space, 1 to 9 fractional digits, an offset ``Z``, ``+07:00``,
  ``+0700``, ``+07`` or Indonesia's ``WIB``/``WITA``/``WIT``: the offset in the value wins over
  the profile's zone. DuckDB holds microseconds, so digits beyond the sixth are cut off
  (truncated, never rounded);
- Unix epoch seconds (9-11 digits) and milliseconds (12-13 digits);
- Excel serial days (1900 date system, 5 digits and a fraction), wall-clock time in the zone;
- day/month/year with ``/``, ``-`` or ``.``: whether the day or the month comes first is decided
  per file from all its values (``decide_day_order``), never per row.

A value in none of these forms nor the profile's is checked against relative words (``2 jam
yang lalu``, ``kemarin``), so that its reason says why it cannot be placed in time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import duckdb

from ingestion.clock import WITA, today

if TYPE_CHECKING:
    from ingestion.profiles import Profile

DAY_ORDERS = ("day_first", "month_first")
ORDER_WORDS = {"day_first": "day-first (DD/MM/YYYY)", "month_first": "month-first (MM/DD/YYYY)"}

_TIME = r"(?:(?:[Tt]|\s+)([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2})(?:[.,]([0-9]{1,9}))?)?)?"
_OFFSET = r"\s*([Zz]|UTC|GMT|WIB|WITA|WIT|[+-][0-9]{2}(?::?[0-9]{2})?)?\s*$"
ISO_RE = r"^\s*([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})" + _TIME + _OFFSET
DAY_MONTH_RE = (
    r"^\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2})"
    r"(?:(?:[Tt]|\s+)([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2})(?:[.,]([0-9]{1,9}))?)?\s*([AaPp][.]?[Mm][.]?)?)?"
    + _OFFSET
)
NUMERIC_START_RE = r"^\s*[0-9]+([-/.][0-9]|\s*$)"  # every form above starts so; month names do not
EPOCH_RE = r"\s*([0-9]{9,13})(?:[.]([0-9]+))?\s*"
SERIAL_RE = r"\s*[0-9]{5}(?:[.][0-9]+)?\s*"
_UNIT = (
    r"detik|dtk|menit|mnt|jam|hari|minggu|mgg|pekan|bulan|bln|tahun|thn|"
    r"seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smhdwy]"
)
RELATIVE_RE = (
    r"(?i)^\s*(?:(?:[0-9]+|se|satu|a|an)\s*(?:" + _UNIT + r")\s*(?:yang\s+|yg\s+)?(?:lalu|ago|yll)"
    r"|kemarin|kemaren|kmrn|hari\s+ini|baru\s+saja|barusan|tadi|yesterday|today|just\s+now|now)\b"
)

MACROS = [
    f"create or replace temp macro citra_iso_parts(s) as regexp_extract(s, '{ISO_RE}',"
    " ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'off'])",
    f"create or replace temp macro citra_dm_parts(s) as regexp_extract(s, '{DAY_MONTH_RE}',"
    " ['a', 'b', 'y', 'h', 'mi', 's', 'f', 'ampm', 'off'])",
    # minutes east of UTC of 'Z', '+07', '+0700', '+07:00', and Indonesia's WIB, WITA, WIT;
    # NULL when the value has no offset
    r"""create or replace temp macro citra_offset_minutes(off) as case
        when off = '' then null when upper(off) in ('Z', 'UTC', 'GMT') then 0
        when off = 'WIB' then 420 when off = 'WITA' then 480 when off = 'WIT' then 540
        else (case when off[1] = '-' then -1 else 1 end)
             * (replace(off, ':', '')[2:3]::int * 60 + coalesce(try_cast(replace(off, ':', '')[4:5] as int), 0))
        end""",
    # wall-clock timestamp of text parts (NULL when no such day or time); fractional digits
    # beyond microseconds are cut off. try_strptime, not make_timestamp: no error per bad row.
    r"""create or replace temp macro citra_wallclock(y, mo, d, h, mi, s, f) as
        try_strptime(concat_ws(' ', y, mo, d, coalesce(nullif(h, ''), '0'), coalesce(nullif(mi, ''), '0'),
                               coalesce(nullif(s, ''), '0')), '%Y %m %d %H %M %S')
        + to_microseconds(rpad(left(f, 6), 6, '0')::bigint)""",
    # 12-hour clock: 12 AM is 0 h, 1-11 PM add 12; an hour outside 1-12 with AM/PM is no time
    r"""create or replace temp macro citra_hour24(h, ampm) as case
        when ampm = '' then h
        when try_cast(h as int) not between 1 and 12 then '99'
        when upper(ampm[1]) = 'P' then ((h::int % 12) + 12)::varchar
        else (h::int % 12)::varchar end""",
    # an instant from a wall-clock time: in the value's own offset when it has one, else in tz
    r"""create or replace temp macro citra_instant(local, off, tz) as case
        when citra_offset_minutes(off) is null then timezone(tz, local)
        else timezone('UTC', local - to_minutes(citra_offset_minutes(off))) end""",
]


def date_ctes(source: str, formats_local: str) -> str:
    """Three CTEs, ``date_parts``, ``date_forms`` and ``dated``, over ``source`` (with ``raw_date``).

    ``dated`` adds ``published_at`` (instant), ``published_local`` (wall-clock time as written,
    for calendar-day metrics), ``date_fit`` (which day orders a day/month value fits),
    ``dm_raw`` (the value, when it decides the order) and ``date_reason`` (why it is no date).
    ``formats_local`` reads the profile's own formats (SQL over raw_date, a wall-clock time in
    ``$tz``), tried when no form above reads the value. One cheap regex sorts the values first, so a
    file in a vendor format pays one match per row for the forms it does not use.
    Parameters: ``$tz``, ``$day_order``, ``$date_example``.
    """
    dm_local = (
        "citra_wallclock(case when length(dm.y) = 2 then '20' || dm.y else dm.y end, {mo}, {d},"
        " citra_hour24(dm.h, dm.ampm), dm.mi, dm.s, dm.f)"
    )
    return f"""date_parts as (
      select *, case when date_form = 'iso' then citra_iso_parts(raw_date) end as iso,
        case when date_form = 'dm' then citra_dm_parts(raw_date) end as dm,
        case when date_form = 'epoch' then regexp_extract(raw_date, '^{EPOCH_RE}$', ['i', 'f']) end as ep
      from (select *, case when not regexp_matches(raw_date, '{NUMERIC_START_RE}') then 'other'
                           when regexp_full_match(raw_date, '{SERIAL_RE}') then 'serial'
                           when regexp_full_match(raw_date, '{EPOCH_RE}') then 'epoch'
                           when regexp_matches(raw_date, '^\\s*[0-9]{{4}}') then 'iso' else 'dm' end as date_form
            from {source})
    ), date_forms as (
      select *,
        case when iso.y <> '' then citra_wallclock(iso.y, iso.mo, iso.d, iso.h, iso.mi, iso.s, iso.f) end as iso_local,
        case when dm.a <> '' then {dm_local.format(mo="dm.b", d="dm.a")} end as dmy_local,
        case when dm.a <> '' then {dm_local.format(mo="dm.a", d="dm.b")} end as mdy_local,
        case when date_form = 'epoch' then timezone('UTC', make_timestamp(case when length(ep.i) >= 12
          then ep.i::bigint * 1000 + rpad(left(ep.f, 3), 3, '0')::bigint
          else ep.i::bigint * 1000000 + rpad(left(ep.f, 6), 6, '0')::bigint end)) end as epoch_instant,
        case when date_form = 'serial' then timestamp '1899-12-30'
          + to_milliseconds(round(trim(raw_date)::double * 86400000)::bigint) end as serial_local,
        case when date_form = 'other' or (date_form = 'iso' and iso.y = '') or (date_form = 'dm' and dm.a = '')
             then {formats_local} end as format_local
      from date_parts
    ), dated as (
      select * exclude (date_form, iso, dm, ep, iso_local, dmy_local, mdy_local, epoch_instant, serial_local,
                        chosen_local, format_local),
        case when dmy_local is not null and mdy_local is not null then 'either'
             when dmy_local is not null then 'day_first' when mdy_local is not null then 'month_first'
        end as date_fit,
        case when date_fit in ('day_first', 'month_first') then raw_date end as dm_raw,
        coalesce(epoch_instant, citra_instant(coalesce(chosen_local, format_local), coalesce(iso.off, dm.off, ''),
                                              $tz::varchar)) as published_at,
        coalesce(case when epoch_instant is not null then timezone($tz::varchar, epoch_instant) end,
                 chosen_local, format_local) as published_local,
        case when published_at is not null then null
             when raw_date is null then 'is empty; expected a format like ' || $date_example
             when date_fit in ('day_first', 'month_first') and date_fit <> $day_order then
               'does not fit the ' || case $day_order when 'day_first' then '{ORDER_WORDS["day_first"]}'
               else '{ORDER_WORDS["month_first"]}' end || ' order of the other dates in this file; check the row'
             when regexp_matches(raw_date, '{RELATIVE_RE}') then 'is relative (as a web page shows it when scraped)'
               || ', not a date; export absolute dates, e.g. ' || $date_example
             else 'is not a date; expected a format like ' || $date_example
        end as date_reason
      from (select *, coalesce(iso_local, serial_local,
                               case when $day_order = 'day_first' then dmy_local else mdy_local end) as chosen_local
            from date_forms)
    )"""


def date_example(profile: Profile) -> str:
    """A date as the profile's files write it, for the reason of a rejected date: its
    ``date_example``, else its first date format written out, else an ISO date."""
    if profile.date_example:
        return profile.date_example
    fmt = profile.date_formats[0] if profile.date_formats else "%Y-%m-%d %H:%M"
    for code, example in {"%d": "06", "%b": "Feb", "%B": "February", "%Y": "2026", "%m": "02", "%I": "03"}.items():
        fmt = fmt.replace(code, example)
    for code, example in {"%H": "15", "%M": "03", "%p": "PM", "%S": "00", "%f": "000", "%a": "Fri"}.items():
        fmt = fmt.replace(code, example)
    return fmt


def date_params(profile: Profile, day_order: str | None = None) -> dict[str, object]:
    """Parameters of ``date_ctes`` for ``profile``'s files (``day_order``: the file's)."""
    params: dict[str, object] = {
        "tz": profile.timezone,
        "day_order": day_order or profile.day_order,
        "date_example": date_example(profile),
    }
    if profile.date_formats:
        params["fmt_local"] = list(profile.date_formats)
    return params


def future_params() -> dict[str, object]:
    """``$future_limit`` (instant) and ``$future_day`` (text) of the future-date rule.

    A date after tomorrow in WITA (``ingestion.clock.today``, so ``CITRA_TODAY`` pins it, plus
    one day of grace for zones east of WITA) cannot be in an export: its format was misread.
    """
    tomorrow = today() + timedelta(days=1)
    return {
        "future_limit": datetime.combine(tomorrow + timedelta(days=1), time(), WITA),
        "future_day": tomorrow.isoformat(),
    }


@dataclass(frozen=True)
class DayOrder:
    """How a file writes day/month dates, and a note for ``raw.ingest_files`` saying why."""

    order: str | None  # day_first | month_first | None: the file has no day/month dates
    note: str | None


def decide_day_order(con: duckdb.DuckDBPyConnection, default: str, profile: str, table: str = "_parsed") -> DayOrder:
    """Day order of a typed file from all its day/month values: a value with a day above 12
    decides; a file without one takes the profile's default; a mixed file takes the majority."""
    counts = con.execute(
        f"""select count(*) filter (where date_fit = 'day_first'), count(*) filter (where date_fit = 'month_first'),
                   count(*) filter (where date_fit = 'either'),
                   arg_min(dm_raw, source_row) filter (where date_fit = 'day_first'),
                   min(source_row) filter (where date_fit = 'day_first'),
                   arg_min(dm_raw, source_row) filter (where date_fit = 'month_first'),
                   min(source_row) filter (where date_fit = 'month_first')
            from {table}"""
    ).fetchall()[0]
    day, month, either, day_raw, day_row, month_raw, month_row = counts
    if not (day or month):
        if not either:
            return DayOrder(None, None)
        return DayOrder(
            default,
            f"ambiguous: each of the {either} day/month dates fits both orders (no number above 12); read as "
            f"{ORDER_WORDS[default]}, the default of profile '{profile}'",
        )
    examples = {"day_first": f"'{day_raw}' (row {day_row})", "month_first": f"'{month_raw}' (row {month_row})"}
    if day and month:
        order = default if day == month else ("day_first" if day > month else "month_first")
        other = month if order == "day_first" else day
        return DayOrder(
            order,
            f"mixed: {day} dates fit only day-first (e.g. {examples['day_first']}), {month} only month-first "
            f"(e.g. {examples['month_first']}); read as {ORDER_WORDS[order]}, the {other} others are rejected",
        )
    order = "day_first" if day else "month_first"
    return DayOrder(order, f"{ORDER_WORDS[order]}: {examples[order]} fits no other order")
