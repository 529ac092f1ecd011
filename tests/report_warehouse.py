"""Small hand-made warehouses for the report tests: the `marts` and `reference` tables the report reads.

``build_warehouse``: November and December 2024, three issues, two kabupaten/kota, mentions
without a region, and one burst: 15 negative `banjir` mentions on 10 December 2024 against
about one a day. ``tests/planted_briefing.py`` builds a warehouse with planted issue counts
on top of the same helpers.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb

ISSUES = [("ekonomi", "Ekonomi"), ("banjir", "Banjir"), ("pendidikan", "Pendidikan")]
REGIONS = [
    ("6371", "Kota Banjarmasin", "kota"),
    ("6372", "Kota Banjarbaru", "kota"),
    ("6303", "Kabupaten Banjar", "kabupaten"),
]
PROVINCE = ("63", "Provinsi Kalimantan Selatan", "provinsi")
SENTIMENTS = ["positive", "neutral", "negative", None]
BURST_DAY = date(2024, 12, 10)
COLUMNS = [
    "mention_id",
    "published_at",
    "published_at_wita",
    "mention_date",
    "month",
    "vendor",
    "title",
    "snippet",
    "url",
    "outlet",
    "media_type",
    "platform",
    "author",
    "issue",
    "sentiment",
    "reach",
    "engagement",
    "region_code",
    "agency_code",
]

MART_SQL = """
create or replace table marts.mart_issue_sentiment_monthly as
with counts as (
  select month, issue, count(*) as mentions,
         count(*) filter (where sentiment = 'positive') as positive,
         count(*) filter (where sentiment = 'neutral') as neutral,
         count(*) filter (where sentiment = 'negative') as negative,
         count(*) filter (where sentiment is null) as unlabeled
  from marts.fct_mentions group by all
),
shares as (
  select *, positive / nullif(positive + neutral + negative, 0) as positive_share,
         negative / nullif(positive + neutral + negative, 0) as negative_share,
         (positive - negative) / nullif(positive + neutral + negative, 0) as net_sentiment,
         mentions / sum(mentions) over (partition by month) as share_of_voice
  from counts
)
select *, (positive_share - lag(positive_share) over w) * 100 as positive_share_change_pp,
       (negative_share - lag(negative_share) over w) * 100 as negative_share_change_pp
from shares window w as (partition by issue order by month)
"""


def mention(n: int, day: date, hour: int, issue: str, sentiment: str | None, region: str | None, **extra) -> dict:
    """One row of marts.fct_mentions; ``extra`` overrides any column (title, snippet, author, ...)."""
    local = datetime(day.year, day.month, day.day, hour, 15)
    row = {
        "mention_id": f"m{n:05d}",
        "published_at": (local - timedelta(hours=8)).replace(tzinfo=UTC),
        "published_at_wita": local,
        "mention_date": day,
        "month": day.replace(day=1),
        "vendor": "meltwater",
        "title": f"Berita {issue} nomor {n}",
        "snippet": None,
        "url": f"https://example.invalid/{n}",
        "outlet": f"Media {n % 4}",
        "media_type": "online",
        "platform": None,
        "author": None,
        "issue": issue,
        "sentiment": sentiment,
        "reach": 1000 + n,
        "engagement": n % 50,
        "region_code": region,
        "agency_code": None,
    }
    row.update(extra)
    return row


def create_marts(con: duckdb.DuckDBPyConnection, issues: list[tuple[str, str]], regions: list[tuple]) -> None:
    con.execute("create schema marts")
    con.execute("create table marts.dim_issue (issue varchar, issue_name varchar)")
    con.executemany("insert into marts.dim_issue values (?, ?)", issues)
    con.execute("create table marts.dim_region (region_code varchar, region_name varchar, region_type varchar)")
    con.executemany("insert into marts.dim_region values (?, ?, ?)", regions)
    con.execute(
        """create table marts.fct_mentions (
            mention_id varchar, published_at timestamptz, published_at_wita timestamp, mention_date date,
            month date, vendor varchar, title varchar, snippet varchar, url varchar, outlet varchar,
            media_type varchar, platform varchar, author varchar, issue varchar, sentiment varchar,
            reach bigint, engagement bigint, region_code varchar, agency_code varchar,
            issue_in_taxonomy boolean default true)"""
    )


def insert_mentions(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    con.executemany(
        f"insert into marts.fct_mentions ({', '.join(COLUMNS)}) values ({', '.join('?' * len(COLUMNS))})",
        [[r[c] for c in COLUMNS] for r in rows],
    )
    con.execute(MART_SQL)


def _mentions(seed: int) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    day = date(2024, 11, 1)
    while day < date(2025, 1, 1):
        for _ in range(rng.randint(3, 9)):
            issue = rng.choice(ISSUES)[0]
            sentiment = rng.choice(SENTIMENTS)
            if issue == "banjir" and sentiment == "negative" and rng.random() < 0.6:
                sentiment = "neutral"
            rows.append((day, rng.randint(0, 23), issue, sentiment, rng.choice(REGIONS + [None])))
        day += timedelta(days=1)
    rows += [(BURST_DAY, 6 + i % 12, "banjir", "negative", REGIONS[i % 2]) for i in range(15)]
    return rows


def build_warehouse(path: Path, seed: int = 3, days_until: date | None = None) -> Path:
    """Write ``path`` with marts.fct_mentions, dim_issue, dim_region and the monthly mart;
    ``days_until`` drops the mentions after that day (an incomplete last month)."""
    with duckdb.connect(str(path)) as con:
        create_marts(con, ISSUES, REGIONS)
        rows = [
            mention(n, day, hour, issue, sentiment, region[0] if region else None)
            for n, (day, hour, issue, sentiment, region) in enumerate(_mentions(seed))
            if not (days_until and day > days_until)
        ]
        insert_mentions(con, rows)
    return path


def add_reference(
    path: Path,
    issue_agencies: list[tuple[str, str, str]],
    agencies: list[tuple[str, str, str]],
    officials: list[tuple[str, str, str, str | None]],
    aliases: list[tuple[str, str]],
) -> None:
    """The seeds the report reads: issue -> agency (issue, agency, role), agencies (code, name,
    short), officials (code, name, title, agency) and their aliases (alias, official)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists reference")
        con.execute("create table reference.issue_agencies (issue_code varchar, agency_code varchar, role varchar)")
        con.executemany("insert into reference.issue_agencies values (?, ?, ?)", issue_agencies)
        con.execute("create table reference.agencies (agency_code varchar, agency_name varchar, agency_short varchar)")
        con.executemany("insert into reference.agencies values (?, ?, ?)", agencies)
        con.execute("create table marts.dim_agency as select * from reference.agencies")
        con.execute(
            """create table reference.officials (official_code varchar, official_name varchar,
                 office_title varchar, agency_code varchar)"""
        )
        con.executemany("insert into reference.officials values (?, ?, ?, ?)", officials)
        con.execute("create table reference.official_aliases (alias varchar, official_code varchar)")
        con.executemany("insert into reference.official_aliases values (?, ?)", aliases)


def add_dq_gaps(path: Path, rows: list[tuple]) -> None:
    """Create marts.dq_gaps with ``rows`` (kind, subject, start_date, end_date, severity, detail)."""
    with duckdb.connect(str(path)) as con:
        con.execute("""create or replace table marts.dq_gaps (kind varchar, subject varchar, start_date date,
                       end_date date, severity varchar, detail varchar, detected_at timestamptz)""")
        if rows:
            con.executemany("insert into marts.dq_gaps values (?, ?, ?, ?, ?, ?, now())", rows)


def add_platform_marts(path: Path) -> None:
    """Create the two platform marts with three accounts in December 2024."""
    with duckdb.connect(str(path)) as con:
        con.execute("""create table marts.mart_platform_monthly as select * from (values
            ('instagram', 'diskominfokalsel', 'diskominfo', date '2024-12-01', 31, 120500, 98000, 7345, 0.0749, 25310, 1210),
            ('tiktok', 'kalselprov', 'diskominfo', date '2024-12-01', 12, 402000, null, 15022, 0.0374, 18002, -35),
            ('youtube', 'kalselprov', 'diskominfo', date '2024-12-01', 4, 8000, null, 400, 0.05, 5120, 20))
            as t(platform, account, agency, month, posts, views, reach, engagements, engagement_rate,
                 followers_end, follower_growth)""")
        con.execute("""create table marts.mart_platform_posts as select * from (values
            ('tiktok', 'kalselprov', 'p1', timestamptz '2024-12-03 02:00:00+00', date '2024-12-01', 'video',
             'https://example.invalid/p1', 90000, null, 4321, 1),
            ('youtube', 'kalselprov', 'p2', timestamptz '2024-12-04 16:00:00+00', date '2024-12-01', 'video',
             'https://example.invalid/p2', 8000, null, 400, 2))
            as t(platform, account, post_id, published_at, month, post_type, url, views, reach, engagements,
                 rank_in_month)""")
