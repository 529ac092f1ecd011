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
  per file from all its values (``ingestion.day_order``), never per row.

A value in none of these forms nor the profile's is checked against relative words (``2 jam
yang lalu``, ``kemarin``), so that its reason says why it cannot be placed in time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from ingestion.clock import WITA, today

if TYPE_CHECKING:
    from ingestion.profiles import Profile

DAY_ORDERS = ("day_first", "month_first")
FORMS = frozenset({"iso", "dm", "epoch", "serial"})  # the forms every profile reads
ORDER_WORDS = {"day_first": "day-first (DD/MM/YYYY)", "month_first": "month-first (MM/DD/YYYY)"}

_OFFSET = r"\s*([Zz]|UTC|GMT|WIB|WITA|WIT|[+-][0-9]{2}(?::?[0-9]{2})?)?\s*$"
# year first (ISO), or day and month first (either order); then a time and an offset, both optional
NUMERIC_DATE_RE = (
    r"^\s*(?:([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})|([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4}|[0-9]{2}))"
    r"(?:(?:[Tt]|\s+)([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2})(?:[.,]([0-9]{1,9}))?)?\s*([AaPp][.]?[Mm][.]?)?)?"
    + _OFFSET
)
NUMERIC_START_RE = r"^\s*[0-9]+([-/.][0-9]|\s*$)"  # every form above starts so; month names do not
EPOCH_RE = r"\s*([0-9]{9,13})(?:[.]([0-9]+))?\s*"
SERIAL_RE = r"\s*[0-9]{5}(?:[.][0-9]+)?\s*"
RELATIVE_RE = (  # "2 jam yang lalu", "3 days ago", "kemarin 14:30": as web pages show dates
    r"(?i)(lalu|ago|yll)\s*$|^\s*(kemarin|kemaren|kmrn|hari\s+ini|baru\s+saja|barusan|tadi|yesterday|today|just\s+now|now)\b"
)

MACROS = [
    f"create or replace temp macro citra_date_parts(s) as regexp_extract(s, '{NUMERIC_DATE_RE}',"
    " ['y', 'mo', 'd', 'a', 'b', 'yy', 'h', 'mi', 's', 'f', 'ampm', 'off'])",
    # minutes east of UTC of 'Z', '+07', '+0700', '+07:00', and Indonesia's WIB, WITA, WIT;
    # NULL when the value has no offset
    r"""create or replace temp macro citra_offset_minutes(off) as case
        when off = '' then null when upper(off) in ('Z', 'UTC', 'GMT') then 0
        when off = 'WIB' then 420 when off = 'WITA' then 480 when off = 'WIT' then 540
        else (case when off[1] = '-' then -1 else 1 end)
             * (replace(off, ':', '')[2:3]::int * 60 + coalesce(try_cast(replace(off, ':', '')[4:5] as int), 0))
        end""",
    # wall-clock timestamp of text parts (NULL when no such day or time), 24-hour or AM/PM;
    # fractional digits beyond microseconds are cut off. try_strptime: no error per bad row.
    r"""create or replace temp macro citra_wallclock(y, mo, d, h, mi, s, f, ampm) as
        try_strptime(concat_ws(' ', y, mo, d, coalesce(nullif(h, ''), '0'), coalesce(nullif(mi, ''), '0'),
                               coalesce(nullif(s, ''), '0'), nullif(replace(upper(ampm), '.', ''), '')),
                     ['%Y %m %d %H %M %S', '%Y %m %d %I %M %S %p'])
        + to_microseconds(rpad(left(f, 6), 6, '0')::bigint)""",
]


def sample_forms(values: Iterable[str | None]) -> frozenset[str]:
    """Which of ``FORMS`` a sample of a file's date cells uses (the same regexes, in Python)."""
    found = set()
    for value in values:
        if not value or not re.match(NUMERIC_START_RE, value):
            continue
        if re.fullmatch(SERIAL_RE, value):
            found.add("serial")
        elif re.fullmatch(EPOCH_RE, value):
            found.add("epoch")
        else:
            found.add("iso" if re.match(r"\s*[0-9]{4}", value) else "dm")
    return frozenset(found)


def date_ctes(source: str, formats_local: str, forms: frozenset[str] = FORMS) -> str:
    """CTEs ``date_kinds`` to ``dated`` over ``source`` (which has ``raw_date``).

    ``dated`` adds ``published_at`` (instant), ``published_local`` (wall-clock time as written,
    for calendar-day metrics), ``date_fit`` (which day orders a day/month value fits),
    ``dm_raw`` (the value, when it decides the order), ``date_reason`` (why it is no date) and
    ``date_unplanned`` (a value in one of ``FORMS`` that ``forms`` left out), beside helper
    columns the caller does not select. ``formats_local`` reads the profile's own formats (SQL
    over raw_date, a wall-clock time in ``$tz``), tried when no form reads the value.

    Small files spend more time planning this query than reading, so only the ``forms`` a
    file's sample shows are planned (``ingestion.parse`` types the file again with all of them
    when another form turns up), one cheap regex sorts the values first, and each step is its
    own SELECT (an alias used in the SELECT that defines it is copied into every use).
    Parameters: ``$tz``, ``$day_order``, ``$date_example``.
    """
    iso, dm, epoch, serial = ("iso" in forms), ("dm" in forms), ("epoch" in forms), ("serial" in forms)
    starts = {"iso": "[0-9]{4}", "dm": "[0-9]{1,2}"}
    typed = "|".join(starts[f] for f in ("iso", "dm") if f in forms)
    kind = "case"
    kind += f" when regexp_full_match(raw_date, '{SERIAL_RE}') then 'serial'" if serial else ""
    kind += f" when regexp_full_match(raw_date, '{EPOCH_RE}') then 'epoch'" if epoch else ""
    kind += f" when regexp_matches(raw_date, '^\\s*({typed})[-/.][0-9]') then 'numeric'" if typed else ""
    kind += f" when regexp_matches(raw_date, '{NUMERIC_START_RE}') then 'unplanned' else 'other' end"
    parts = "case when date_form = 'numeric' then citra_date_parts(raw_date) end" if iso or dm else "null"
    unread = "or (date_form = 'numeric' and p.y = '' and p.a = '')" if iso or dm else ""
    year4 = "case when length(p.yy) = 2 then '20' || p.yy else p.yy end"
    day = "case when $day_order = 'day_first' then p.a else p.b end"
    month = "case when $day_order = 'day_first' then p.b else p.a end"
    values = [
        "case when p.y <> '' then citra_wallclock(p.y, p.mo, p.d, p.h, p.mi, p.s, p.f, p.ampm) end"
        if iso
        else "null::timestamp",
        f"case when p.a <> '' then citra_wallclock({year4}, {month}, {day}, p.h, p.mi, p.s, p.f, p.ampm) end"
        if dm
        else "null::timestamp",
        """case when p.a = '' or p.a is null then null
             when p.a::int between 1 and 12 and p.b::int between 1 and 12 then 'either'
             when p.b::int between 1 and 12 and p.a::int between 13 and 31 then 'day_first'
             when p.a::int between 1 and 12 and p.b::int between 13 and 31 then 'month_first' end"""
        if dm
        else "null::varchar",
        """case when date_form = 'epoch' then timezone('UTC', make_timestamp(case
          when length(split_part(trim(raw_date), '.', 1)) >= 12 then split_part(trim(raw_date), '.', 1)::bigint * 1000
            + rpad(left(split_part(trim(raw_date), '.', 2), 3), 3, '0')::bigint
          else split_part(trim(raw_date), '.', 1)::bigint * 1000000
            + rpad(left(split_part(trim(raw_date), '.', 2), 6), 6, '0')::bigint end)) end"""
        if epoch
        else "null::timestamptz",
        "case when date_form = 'serial' then timestamp '1899-12-30'"
        " + to_milliseconds(round(trim(raw_date)::double * 86400000)::bigint) end"
        if serial
        else "null::timestamp",
        f"case when date_form = 'other' {unread} then {formats_local} end",
        "citra_offset_minutes(coalesce(p.off, ''))" if iso or dm else "null::integer",
    ]
    names = ["iso_local", "dm_local", "date_fit", "epoch_instant", "serial_local", "format_local", "offset_minutes"]
    local = "coalesce(iso_local, serial_local, dm_local, format_local)"
    return f"""date_kinds as (
      select *, {kind} as date_form from {source}
    ), date_parts as (
      select *, {parts} as p from date_kinds
    ), date_values as (
      select *, {", ".join(f"{v} as {n}" for v, n in zip(values, names, strict=True))} from date_parts
    ), dated as (
      select *, date_form = 'unplanned' as date_unplanned,
        case when date_fit in ('day_first', 'month_first') then raw_date end as dm_raw,
        coalesce(epoch_instant, case when offset_minutes is null then timezone($tz::varchar, {local})
                                     else timezone('UTC', {local} - to_minutes(offset_minutes)) end) as published_at,
        coalesce(case when epoch_instant is not null then timezone($tz::varchar, epoch_instant) end, {local})
          as published_local,
        case when epoch_instant is not null or {local} is not null then null
             when raw_date is null then 'is empty; expected a format like ' || $date_example
             when date_fit in ('day_first', 'month_first') and date_fit <> $day_order then
               'does not fit the ' || case $day_order when 'day_first' then '{ORDER_WORDS["day_first"]}'
               else '{ORDER_WORDS["month_first"]}' end || ' order of the other dates in this file; check the row'
             when regexp_matches(raw_date, '{RELATIVE_RE}') then 'is relative (as a web page shows it when scraped)'
               || ', not a date; export absolute dates, e.g. ' || $date_example
             else 'is not a date; expected a format like ' || $date_example
        end as date_reason
      from date_values
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
