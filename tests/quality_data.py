"""A small synthetic warehouse for the gap rules: clean by construction, holes planted on request."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

ISSUES = ["pendidikan", "ekonomi", "banjir", "kesehatan"]
LABELS = ["positive", "neutral", "negative", None]
START = date(2025, 1, 1)
DAYS = 180  # 2025-01-01 .. 2025-06-29


def daily_volume(rng: random.Random, day: date, base: int) -> int:
    """A weekly rhythm with mild noise, like a real feed."""
    factor = {5: 0.7, 6: 0.55}.get(day.weekday(), 1.0)
    return max(1, round(base * factor * rng.uniform(0.9, 1.1)))


def build_warehouse(
    path: Path,
    volume: Callable[[str, date, int], int] | None = None,
    sentiment: Callable[[str, date, int], str | None] | None = None,
    files: list[tuple[str, str, date, date]] | None = None,
) -> Path:
    """marts.fct_mentions, raw.media_mentions and raw.ingest_files for two feeds.

    ``volume(vendor, day, usual)`` may change a day's count; ``sentiment(issue, day, i)`` the
    label of the i-th mention; ``files`` replaces the default one-file-per-month registry.
    """
    rng = random.Random(11)
    rows = []
    for vendor, base in (("meltwater", 60), ("manual", 8)):
        for offset in range(DAYS):
            day = START + timedelta(days=offset)
            usual = daily_volume(rng, day, base)
            count = volume(vendor, day, usual) if volume else usual
            for i in range(count):
                issue = ISSUES[i % len(ISSUES)]
                label = rng.choices(LABELS, weights=(30, 45, 20, 5))[0]
                if sentiment:
                    label = sentiment(issue, day, i)
                rows.append((f"{vendor}-{day}-{i}", vendor, day, day.replace(day=1), issue, label, 6 + i % 16))
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema raw")
    frame = pa.table(
        list(zip(*rows)) if rows else [[]] * 7,
        names=["mention_id", "vendor", "mention_date", "month", "issue", "sentiment", "hour"],
    )
    con.register("generated", frame)
    # published between 06:00 and 21:59 WITA, as news is
    con.execute("""create table marts.fct_mentions as
                   select * exclude (hour), mention_date + to_hours(hour) as published_at_wita,
                          timezone('Asia/Makassar', mention_date + to_hours(hour)) as published_at,
                          true as issue_in_taxonomy, '6371' as region_code from generated""")
    con.execute(
        "create table raw.media_mentions as select mention_id, 'Kota Banjarmasin' as region_label from marts.fct_mentions"
    )
    con.execute("""create table raw.ingest_files (file_name varchar, vendor varchar, status varchar,
                   min_published_at timestamptz, max_published_at timestamptz)""")
    if files is None:
        files = []
        for vendor in ("meltwater", "manual"):
            for month in range(1, 7):
                first = date(2025, month, 1)
                last = min(
                    (first + timedelta(days=32)).replace(day=1) - timedelta(days=1), START + timedelta(days=DAYS - 1)
                )
                files.append((f"{vendor}_2025-{month:02d}.csv", vendor, first, last))
    con.executemany(
        "insert into raw.ingest_files values (?, ?, 'loaded', timezone('Asia/Makassar', ?::timestamp), "
        "timezone('Asia/Makassar', ?::timestamp + interval 23 hour))",
        files,
    )
    con.close()
    return path
