"""Day first or month first: decided once per file from all of its day/month dates.

``05/03/2026`` is 5 March or 3 May. A value with a number above 12 decides (``13/02/2026`` is
day-first); a file where every value fits both orders takes the profile's ``day_order`` and
says so; a file that mixes both takes the majority, and ``ingestion.dates`` rejects the rows
that only fit the other order. The decision and its reason go to ``raw.ingest_files``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.dates import ORDER_WORDS

# aggregates over the typed rows (``date_fit``, ``dm_raw``, ``source_row`` of ingestion.dates)
COUNTS_SQL = """count(*) filter (where date_fit = 'day_first'), count(*) filter (where date_fit = 'month_first'),
    count(*) filter (where date_fit = 'either'),
    arg_min(dm_raw, source_row) filter (where date_fit = 'day_first'),
    min(source_row) filter (where date_fit = 'day_first'),
    arg_min(dm_raw, source_row) filter (where date_fit = 'month_first'),
    min(source_row) filter (where date_fit = 'month_first')"""


@dataclass(frozen=True)
class DayOrder:
    """How a file writes day/month dates, and a note for ``raw.ingest_files`` saying why."""

    order: str | None  # day_first | month_first | None: the file has no day/month dates
    note: str | None


def decide_day_order(counts: tuple, default: str, profile: str) -> DayOrder:
    """The order from ``COUNTS_SQL``'s values: a number above 12 decides, else ``default``."""
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
