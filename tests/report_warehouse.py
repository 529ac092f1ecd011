"""A small hand-made warehouse for the report tests: the `marts` tables the report reads.

November and December 2024, three issues, two kabupaten/kota and mentions without a region,
and one burst: 15 negative `banjir` mentions on 10 December 2024 against about one a day.
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
SENTIMENTS = ["positive", "neutral", "negative", None]
BURST_DAY = date(2024, 12, 10)

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
        con.execute("create schema marts")
        con.execute("create table marts.dim_issue (issue varchar, issue_name varchar)")
        con.executemany("insert into marts.dim_issue values (?, ?)", ISSUES)
        con.execute("create table marts.dim_region (region_code varchar, region_name varchar, region_type varchar)")
        con.executemany("insert into marts.dim_region values (?, ?, ?)", REGIONS)
        con.execute("""create table marts.fct_mentions (
            mention_id varchar, published_at timestamptz, published_at_wita timestamp, mention_date date,
            month date, vendor varchar, title varchar, outlet varchar, media_type varchar, platform varchar,
            issue varchar, sentiment varchar, reach bigint, engagement bigint, region_code varchar,
            agency_code varchar)""")
        rows = []
        for n, (day, hour, issue, sentiment, region) in enumerate(_mentions(seed)):
            if days_until and day > days_until:
                continue
            local = datetime(day.year, day.month, day.day, hour, 15)
            rows.append(
                (
                    f"m{n:05d}",
                    (local - timedelta(hours=8)).replace(tzinfo=UTC),
                    local,
                    day,
                    day.replace(day=1),
                    "meltwater",
                    f"Berita {issue} nomor {n}",
                    f"Media {n % 4}",
                    "online",
                    None,
                    issue,
                    sentiment,
                    1000 + n,
                    n % 50,
                    region[0] if region else None,
                    None,
                )
            )
        con.executemany("insert into marts.fct_mentions values (" + ", ".join("?" * 16) + ")", rows)
        con.execute(MART_SQL)
    return path


def add_dq_gaps(path: Path, rows: list[tuple]) -> None:
    """Create marts.dq_gaps with ``rows`` (kind, subject, start_date, end_date, severity, detail)."""
    with duckdb.connect(str(path)) as con:
        con.execute("""create or replace table marts.dq_gaps (kind varchar, subject varchar, start_date date,
                       end_date date, severity varchar, detail varchar, detected_at timestamptz)""")
        if rows:
            con.executemany("insert into marts.dq_gaps values (?, ?, ?, ?, ?, ?, now())", rows)


def add_platform_marts(path: Path) -> None:
    """Create the two platform marts with two accounts in December 2024."""
    with duckdb.connect(str(path)) as con:
        con.execute("""create table marts.mart_platform_monthly as select * from (values
            ('instagram', 'diskominfokalsel', 'diskominfo', date '2024-12-01', 31, 120500, 98000, 7345, 0.0749, 25310, 1210),
            ('tiktok', 'kalselprov', 'diskominfo', date '2024-12-01', 12, 402000, null, 15022, 0.0374, 18002, -35))
            as t(platform, account, agency, month, posts, views, reach, engagements, engagement_rate,
                 followers_end, follower_growth)""")
        con.execute("""create table marts.mart_platform_posts as select * from (values
            ('tiktok', 'kalselprov', 'p1', timestamptz '2024-12-03 02:00:00+00', date '2024-12-01', 'video',
             'https://example.invalid/p1', 90000, null, 4321, 1)) as t(platform, account, post_id, published_at,
             month, post_type, url, views, reach, engagements, rank_in_month)""")
