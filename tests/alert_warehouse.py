"""A small hand-made warehouse for the alert rules: quiet background coverage, and bursts,
watchlist terms and official posts planted at exact WITA times on request.

Background: 40 days from 2025-09-01, for each of three issues and each of two regions, one
mention in each 6-hour window (00:30, 07:30, 13:30, 19:30 WITA), of which the 07:30 one is
negative. So every issue has one negative mention a day per region (two province-wide), all in
the 06-12 window, and nothing else varies: no rule may fire on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

WITA = ZoneInfo("Asia/Makassar")
START = date(2025, 9, 1)
DAYS = 40  # 2025-09-01 .. 2025-10-10
ISSUES = {"banjir": "Banjir", "pendidikan": "Pendidikan", "lingkungan_tambang": "Lingkungan & Tambang"}
REGIONS = {"6310": "Kabupaten Tanah Bumbu", "6371": "Kota Banjarmasin"}
HOURS = {0: "neutral", 7: "negative", 13: "positive", 19: "neutral"}
# (platform, account, agency_code, agency name, region_code): the two provincial coordinators
# of alerts.yml, the agencies responsible for floods and mining (seed issue_agencies below), one
# that is responsible for neither, and two kabupaten/kota Diskominfo (regional coordinators)
ACCOUNTS = [
    ("instagram", "diskominfokalsel", "diskominfo_kalsel", "Diskominfo Kalsel", "63"),
    ("facebook", "humasprovkalsel", "biro_adpim_kalsel", "Biro Adpim", "63"),
    ("x", "bpbdkalsel", "bpbd_kalsel", "BPBD Kalsel", "63"),
    ("instagram", "dlhkalsel", "dlh_kalsel", "DLH Kalsel", "63"),
    ("instagram", "dpuprkalsel", "dpupr_kalsel", "Dinas PUPR Kalsel", "63"),
    ("instagram", "disparkalsel", "dispar_kalsel", "Dispar Kalsel", "63"),
    ("instagram", "diskominfotanbu", "diskominfo_tanbu", "Diskominfo Tanah Bumbu", "6310"),
    ("instagram", "diskominfotikbjm", "diskominfo_banjarmasin", "Diskominfotik Banjarmasin", "6371"),
]
KEYWORDS = [("lingkungan_tambang", "tambang"), ("lingkungan_tambang", "batu bara"), ("banjir", "banjir")]
ISSUE_AGENCIES = [
    ("banjir", "bpbd_kalsel", "utama"),
    ("lingkungan_tambang", "dlh_kalsel", "utama"),
    ("lingkungan_tambang", "dpupr_kalsel", "pendukung"),
]
# as the seed region_aliases holds them; 6303 (Kabupaten Banjar) has no mentions here
REGION_ALIASES = [
    ("tanah bumbu", "6310"),
    ("tanbu", "6310"),
    ("batulicin", "6310"),
    ("banjarmasin", "6371"),
    ("banjar", "6303"),
    ("martapura", "6303"),
]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A WITA wall-clock time."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=WITA)


@dataclass(frozen=True)
class Mention:
    published: datetime
    issue: str
    sentiment: str | None
    region: str | None
    title: str = "Berita biasa"
    outlet: str = "Media Lokal"
    reach: int = 100


def background(until: date | None = None) -> list[Mention]:
    rows = []
    for offset in range(DAYS):
        day = START + timedelta(days=offset)
        if until and day > until:
            break
        for issue in ISSUES:
            for region in REGIONS:
                for hour, sentiment in HOURS.items():
                    rows.append(Mention(at(day, hour, 30), issue, sentiment, region, f"Berita {issue} {day}"))
    return rows


def burst(day: date, hour: int, count: int, issue: str = "lingkungan_tambang", region: str = "6310") -> list[Mention]:
    """``count`` negative mentions from ``hour``:00 WITA, one a minute, with ranked reach."""
    return [
        Mention(
            at(day, hour) + timedelta(minutes=i),
            issue,
            "negative",
            region,
            f"Lubang tambang longsor nomor {i}",
            f"Outlet {i % 3}",
            1000 - i,
        )
        for i in range(count)
    ]


def build(
    path: Path,
    mentions: list[Mention],
    posts: list[tuple[str, str, str, datetime, str]] = (),
    watchlist: list[tuple[str, str | None, date | None, str | None]] = (),
) -> Path:
    """Write the marts and seeds the alert rules read. ``posts``: (platform, account, post_id,
    published, text); ``watchlist``: (term, issue_code, added_on, severity)."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema if not exists marts; create schema if not exists reference")
        con.execute("""create or replace table marts.fct_mentions (
            mention_id varchar, published_at timestamptz, published_at_wita timestamp, mention_date date,
            month date, title varchar, snippet varchar, url varchar, outlet varchar, issue varchar,
            issue_in_taxonomy boolean, sentiment varchar, reach bigint, region_code varchar)""")
        rows = []
        for n, m in enumerate(sorted(mentions, key=lambda m: m.published)):
            local = m.published.astimezone(WITA).replace(tzinfo=None)
            rows.append(
                (
                    f"m{n:06d}",
                    m.published.astimezone(UTC),
                    local,
                    local.date(),
                    local.date().replace(day=1),
                    m.title,
                    None,
                    f"https://berita.example/{n}",
                    m.outlet,
                    m.issue,
                    True,
                    m.sentiment,
                    m.reach,
                    m.region,
                )
            )
        types = ["varchar", "timestamptz", "timestamp", "date", "date", "varchar", "varchar", "varchar", "varchar"]
        types += ["varchar", "boolean", "varchar", "bigint", "varchar"]
        # one statement with a list per column: a row per insert would take seconds
        con.execute(
            "insert into marts.fct_mentions select " + ", ".join(f"unnest(?::{t}[])" for t in types),
            [list(column) for column in zip(*rows)],
        )
        con.execute("create or replace table marts.dim_issue (issue varchar, issue_name varchar)")
        con.executemany("insert into marts.dim_issue values (?, ?)", list(ISSUES.items()))
        con.execute("create or replace table marts.dim_region (region_code varchar, region_name varchar)")
        con.executemany("insert into marts.dim_region values (?, ?)", list(REGIONS.items()))
        con.execute("""create or replace table marts.dim_account (platform varchar, account varchar,
                       account_name varchar, agency_code varchar, agency_name varchar, region_code varchar)""")
        con.executemany(
            "insert into marts.dim_account values (?, ?, ?, ?, ?, ?)",
            [(p, a, name, code, name, region) for p, a, code, name, region in ACCOUNTS],
        )
        con.execute("create or replace table reference.agencies (agency_code varchar, region_code varchar)")
        con.executemany(
            "insert into reference.agencies values (?, ?)", sorted({(code, r) for _, _, code, _, r in ACCOUNTS})
        )
        con.execute(
            "create or replace table reference.issue_agencies (issue_code varchar, agency_code varchar, role varchar)"
        )
        con.executemany("insert into reference.issue_agencies values (?, ?, ?)", ISSUE_AGENCIES)
        con.execute("create or replace table reference.region_aliases (alias varchar, region_code varchar)")
        con.executemany("insert into reference.region_aliases values (?, ?)", REGION_ALIASES)
        con.execute("""create or replace table marts.mart_platform_posts (platform varchar, account varchar,
                       post_id varchar, published_at timestamptz, post_text varchar, url varchar)""")
        if posts:
            con.executemany(
                "insert into marts.mart_platform_posts values (?, ?, ?, ?, ?, ?)",
                [(p, a, i, t, text, f"https://{p}.example/{i}") for p, a, i, t, text in posts],
            )
        con.execute("create or replace table reference.issue_keywords (issue_code varchar, keyword varchar)")
        con.executemany("insert into reference.issue_keywords values (?, ?)", KEYWORDS)
        con.execute("""create or replace table reference.watchlist (term varchar, issue_code varchar, added_on date,
                       severity varchar, note varchar)""")
        if watchlist:
            con.executemany("insert into reference.watchlist values (?, ?, ?, ?, null)", list(watchlist))
    return path
