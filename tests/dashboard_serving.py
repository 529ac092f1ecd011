"""A small serving copy for the dashboard's fast tests: two kabupaten/kota (Banjar 6303 and
Banjarmasin 6371), the province (63) and mentions without a region, two months (September and
October 2025), with a headline, URL, account, alert and watched term for each that no other
region shares, so a test can look for them in another region's site.

The marts' columns are the ones the dashboard reads; ``COLUMNS`` lists them so a test can check
each against the dbt model's yml (a renamed mart column fails there, not only in the browser).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import duckdb

from alerts.columns import ISSUE_ALERTS_COLUMNS
from quality.gaps import DQ_GAPS_COLUMNS
from reporting.formatting import WITA

SEPTEMBER, OCTOBER = date(2025, 9, 1), date(2025, 10, 1)
TODAY = date(2025, 11, 15)  # the latest complete month is October 2025
REGIONS = [
    ("63", "Provinsi Kalimantan Selatan", "provinsi", None),
    ("6303", "Kabupaten Banjar", "kabupaten", "63"),
    ("6371", "Kota Banjarmasin", "kota", "63"),
]
ISSUES = [("banjir", "Banjir"), ("ekonomi", "Ekonomi")]
# (platform, account, account name, agency, region)
ACCOUNTS = [
    ("instagram", "humasprovkalsel", "Humas Provinsi", "biro_adpim", "63"),
    ("instagram", "diskominfobanjar", "Diskominfo Banjar", "diskominfo_banjar", "6303"),
    ("tiktok", "diskominfotikbjm", "Diskominfotik Banjarmasin", "diskominfo_bjm", "6371"),
]
AGENCIES = [
    ("biro_adpim", "Biro Administrasi Pimpinan", "Biro Adpim", "biro", "63"),
    ("diskominfo_banjar", "Diskominfo Kabupaten Banjar", "Diskominfo Banjar", "dinas", "6303"),
    ("diskominfo_bjm", "Diskominfotik Kota Banjarmasin", "Diskominfotik Bjm", "dinas", "6371"),
]
COLUMNS = {
    "fct_mentions": [
        "mention_id", "published_at", "mention_date", "month", "title", "snippet", "url", "outlet", "media_type",
        "author", "issue", "sentiment", "reach", "region_code", "agency_code",
    ],
    "dim_region": ["region_code", "region_name", "region_type", "parent_code"],
    "dim_issue": ["issue", "issue_name"],
    "dim_account": ["platform", "account", "account_name", "agency_code", "region_code"],
    "dim_agency": ["agency_code", "agency_name", "agency_short", "agency_type", "region_code"],
    "mart_issue_sentiment_monthly": [
        "month", "issue", "mentions", "positive", "neutral", "negative", "unlabeled", "positive_share",
        "negative_share", "net_sentiment", "share_of_voice", "positive_share_change_pp", "negative_share_change_pp",
    ],
    "mart_platform_monthly": [
        "platform", "account", "agency", "month", "posts", "views", "reach", "engagements", "followers_end",
        "follower_growth",
    ],
    "mart_platform_posts": [
        "platform", "account", "post_id", "published_at", "month", "post_type", "url", "views", "engagements",
    ],
    "mart_amplification_monthly": [
        "month", "agency_code", "roster_accounts", "active_amplifiers", "active_share", "amplification_posts",
        "amplified_reach", "official_posts", "official_posts_amplified", "suppressed", "suppression_k",
    ],
    "mart_amplification_posts": [
        "platform", "account", "agency_code", "post_id", "published_at", "month", "url", "asn_sharers", "asn_shares",
        "asn_reach", "suppressed",
    ],
}  # fmt: skip


@dataclass(frozen=True)
class Mention:
    mention_id: str
    published_at: datetime
    title: str
    url: str
    outlet: str
    issue: str
    sentiment: str | None
    reach: int
    region_code: str | None


def wita(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WITA)


def planted_mentions() -> list[Mention]:
    """Per region (and without one) and month: mentions of both issues in every sentiment, each
    with a title and URL that name the region, so a leak is visible."""
    mentions = []
    sentiments = ["positive", "neutral", "negative", "negative", None]
    for code in ("6303", "6371", "63", None):
        tag = code or "tanpa-wilayah"
        for month in (SEPTEMBER, OCTOBER):
            for i in range(6 if code == "6371" else 4):
                for j, issue in enumerate(("banjir", "ekonomi")):
                    n = len(mentions)
                    sentiment = sentiments[(i + j + month.month) % len(sentiments)]
                    mentions.append(
                        Mention(
                            f"m{n}",
                            wita(month + timedelta(days=2 + i), 8 + j),
                            f"Judul rahasia {tag} {issue} nomor {n} bulan {month.month}",
                            f"https://berita.example/{tag}/{n}",
                            f"Media {tag}",
                            issue,
                            sentiment,
                            1000 + 10 * n,
                            code,
                        )
                    )
    return mentions


def alert_rows() -> list[dict]:
    """A negative burst in each kabupaten/kota, one province-wide (headlines of Banjarmasin and of
    mentions without a region), and a watchlist term; all open, the Banjar one answered."""
    base = {c: None for c in ISSUE_ALERTS_COLUMNS}

    def alert(alert_id: str, region: str | None, term: str | None, headlines: list[tuple[str, str]], **extra) -> dict:
        start = wita(OCTOBER + timedelta(days=3), 6)
        return {
            **base,
            "alert_id": alert_id,
            "kind": "watchlist" if term else "negative_burst",
            "issue": "banjir",
            "issue_name": "Banjir",
            "region_code": region,
            "region_name": dict((r[0], r[1]) for r in REGIONS).get(region),
            "term": term,
            "window_start": start,
            "window_end": start + timedelta(hours=6),
            "mentions": 9,
            "negative_mentions": 7,
            "baseline": 1.0,
            "score": 6.0,
            "severity": "high",
            "top_headlines": json.dumps([{"title": t, "url": u, "outlet": "Media"} for t, u in headlines]),
            "top_outlets": "[]",
            "status": "open",
            "still_detected": True,
            "first_detected_at": start,
            **extra,
        }

    return [
        alert("a6303000001", "6303", None, [("Judul alert Banjar", "https://berita.example/alert/6303")]),
        alert("a6371000001", "6371", None, [("Judul alert Banjarmasin", "https://berita.example/alert/6371")]),
        alert(
            "a63000000001",
            None,
            None,
            [
                ("Judul alert provinsi Banjarmasin", "https://berita.example/alert/prov"),
                ("Judul alert tanpa wilayah", "https://berita.example/alert/none"),
            ],
        ),
        alert(
            "a63000000002",
            None,
            "kata pantauan rahasia",
            [("Judul kata pantauan", "https://berita.example/alert/term")],
        ),
        alert(
            "a6303000002",
            "6303",
            None,
            [],
            status="answered",
            first_response_at=wita(OCTOBER + timedelta(days=3), 10),
            response_hours=4.0,
            response_account="instagram/diskominfobanjar",
        ),
    ]


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple | dict]) -> None:
    if not rows:
        return
    if isinstance(rows[0], dict):
        names = list(rows[0])
        rows = [tuple(r[n] for n in names) for r in rows]
        con.executemany(f"insert into marts.{table} ({', '.join(names)}) values ({', '.join('?' * len(names))})", rows)
    else:
        con.executemany(f"insert into marts.{table} values ({', '.join('?' * len(rows[0]))})", rows)


def make_serving(path: Path, mentions: list[Mention] | None = None, without: tuple[str, ...] = ()) -> Path:
    """Write the small serving copy to ``path`` (the marts named in ``without`` left out)."""
    mentions = planted_mentions() if mentions is None else mentions
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(
            """create table marts.fct_mentions (mention_id varchar, published_at timestamptz, mention_date date,
               month date, title varchar, snippet varchar, url varchar, outlet varchar, media_type varchar,
               author varchar, issue varchar, sentiment varchar, reach bigint, region_code varchar, agency_code varchar)"""
        )
        _insert(
            con,
            "fct_mentions",
            [
                (m.mention_id, m.published_at, m.published_at.date(), m.published_at.date().replace(day=1), m.title,
                 None, m.url, m.outlet, "online", f"penulis-{m.region_code}", m.issue, m.sentiment, m.reach,
                 m.region_code, None)
                for m in mentions
            ],
        )  # fmt: skip
        con.execute(
            "create table marts.dim_region (region_code varchar, region_name varchar, region_type varchar, parent_code varchar)"
        )
        _insert(con, "dim_region", REGIONS)
        con.execute("create table marts.dim_issue (issue varchar, issue_name varchar)")
        _insert(con, "dim_issue", ISSUES)
        con.execute(
            """create table marts.mart_issue_sentiment_monthly as
               with counts as (
                 select month, issue, count(*) as mentions, count(*) filter (where sentiment = 'positive') as positive,
                        count(*) filter (where sentiment = 'neutral') as neutral,
                        count(*) filter (where sentiment = 'negative') as negative,
                        count(*) filter (where sentiment is null) as unlabeled
                 from marts.fct_mentions group by all)
               select *, positive / nullif(positive + neutral + negative, 0) as positive_share,
                      negative / nullif(positive + neutral + negative, 0) as negative_share,
                      (positive - negative) / nullif(positive + neutral + negative, 0) as net_sentiment,
                      mentions / sum(mentions) over (partition by month) as share_of_voice,
                      null::double as positive_share_change_pp, null::double as negative_share_change_pp
               from counts"""
        )
        columns = ", ".join(f"{name} {kind}" for name, (kind, _) in ISSUE_ALERTS_COLUMNS.items())
        con.execute(f"create table marts.issue_alerts ({columns})")
        _insert(con, "issue_alerts", alert_rows())
        columns = ", ".join(f"{name} {kind}" for name, (kind, _) in DQ_GAPS_COLUMNS.items())
        con.execute(f"create table marts.dq_gaps ({columns})")
        _insert(
            con,
            "dq_gaps",
            [
                ("account_missing_days", "tiktok/diskominfotikbjm", OCTOBER, OCTOBER + timedelta(days=4), "warn",
                 "Akun tiktok/diskominfotikbjm kosong 5 hari", wita(TODAY)),
                ("feed_missing_days", "meltwater", OCTOBER, OCTOBER, "error", "Feed meltwater kosong 1 hari", wita(TODAY)),
            ],
        )  # fmt: skip
        con.execute(
            """create table marts.dim_account (platform varchar, account varchar, account_name varchar,
               agency_code varchar, region_code varchar)"""
        )
        _insert(con, "dim_account", ACCOUNTS)
        con.execute(
            """create table marts.dim_agency (agency_code varchar, agency_name varchar, agency_short varchar,
               agency_type varchar, region_code varchar)"""
        )
        _insert(con, "dim_agency", AGENCIES)
        con.execute(
            """create table marts.mart_platform_monthly (platform varchar, account varchar, agency varchar, month date,
               posts bigint, views bigint, reach bigint, engagements bigint, followers_end bigint, follower_growth bigint)"""
        )
        _insert(
            con,
            "mart_platform_monthly",
            [
                (p, a, ag, m, 10 + i, 5000 * (i + 1), 4000, 300 * (i + 1), 9000, 50)
                for i, (p, a, _, ag, _) in enumerate(ACCOUNTS)
                for m in (SEPTEMBER, OCTOBER)
            ],
        )
        con.execute(
            """create table marts.mart_platform_posts (platform varchar, account varchar, post_id varchar,
               published_at timestamptz, month date, post_type varchar, url varchar, views bigint, engagements bigint)"""
        )
        _insert(
            con,
            "mart_platform_posts",
            [
                (
                    p,
                    a,
                    f"post-{a}",
                    wita(OCTOBER + timedelta(days=5)),
                    OCTOBER,
                    "reel",
                    f"https://sosmed.example/{a}/post",
                    900,
                    120,
                )
                for p, a, *_ in ACCOUNTS
            ],
        )
        con.execute(
            """create table marts.mart_amplification_monthly (month date, agency_code varchar, roster_accounts bigint,
               active_amplifiers bigint, active_share double, amplification_posts bigint, amplified_reach bigint,
               official_posts bigint, official_posts_amplified bigint, suppressed boolean, suppression_k integer)"""
        )
        _insert(
            con,
            "mart_amplification_monthly",
            [
                (SEPTEMBER, "biro_adpim", 40, 12, 0.3, 30, 9000, 20, 8, False, 5),
                (OCTOBER, "biro_adpim", 40, None, None, None, None, 22, None, True, 5),
                (OCTOBER, "diskominfo_banjar", 25, 10, 0.4, 18, 4000, 12, 5, False, 5),
                (OCTOBER, "diskominfo_bjm", 30, 15, 0.5, 25, 7000, 14, 6, False, 5),
            ],
        )
        con.execute(
            """create table marts.mart_amplification_posts (platform varchar, account varchar, agency_code varchar,
               post_id varchar, published_at timestamptz, month date, url varchar, asn_sharers bigint,
               asn_shares bigint, asn_reach bigint, suppressed boolean)"""
        )
        _insert(
            con,
            "mart_amplification_posts",
            [
                (
                    p,
                    a,
                    ag,
                    f"post-{a}",
                    wita(OCTOBER + timedelta(days=5)),
                    OCTOBER,
                    f"https://sosmed.example/{a}/asn",
                    6,
                    7,
                    3000,
                    False,
                )
                for p, a, _, ag, _ in ACCOUNTS
            ],
        )
        for table in without:
            con.execute(f"drop table marts.{table}")
    return path
