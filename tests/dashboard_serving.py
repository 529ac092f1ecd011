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
    "mart_release_pickup": [
        "release_id", "published_at", "month", "agency_code", "issue", "title", "url", "pickups", "outlets", "reach",
        "first_pickup_at", "hours_to_first_pickup", "positive_pickups", "neutral_pickups", "negative_pickups",
        "pairs_to_review",
    ],
    "fct_release_pickups": [
        "release_id", "mention_id", "published_at", "month", "hours_after_release", "outlet", "region_code", "reach",
        "sentiment", "agency_code", "issue", "title", "url",
    ],
    "mart_agenda_monthly": [
        "month", "agency_code", "issue", "releases", "releases_picked_up", "pickups", "pickup_reach",
        "median_hours_to_first_pickup", "issue_mentions", "agenda_share",
    ],
    "mart_hoax": [
        "hoax_id", "claim", "category", "issue", "region_code", "klarifikasi_url", "klarifikasi_at", "first_spread_at",
        "last_spread_at", "hours_to_klarifikasi", "spread_mentions", "spread_reach", "debunk_mentions",
        "debunk_reach", "debunk_reach_share", "official_debunk_posts", "status", "status_as_of",
    ],
    "mart_hoax_daily": ["hoax_id", "day", "spread_mentions", "spread_reach", "debunk_mentions", "debunk_reach"],
    "fct_hoax_mentions": [
        "hoax_id", "mention_id", "role", "published_at", "mention_date", "outlet", "region_code", "reach", "title", "url",
    ],
    "mart_humas_scorecard": [
        "month", "unit", "unit_type", "unit_name", "region_code", "accounts_registered", "accounts_active", "posts",
        "posts_per_week", "engagement_ratio", "alerts_on_its_issues", "answered_within_24h_share",
        "official_posts_amplified_share", "amplification_suppressed", "net_sentiment", "score_activity",
        "score_engagement", "score_response", "score_amplification", "score_sentiment", "components_scored",
        "composite_score", "rank", "units_ranked", "rank_change",
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


@dataclass(frozen=True)
class Release:
    release_id: str
    published_at: datetime
    agency_code: str
    issue: str
    title: str
    url: str


@dataclass(frozen=True)
class Pickup:
    release_id: str
    mention_id: str
    published_at: datetime
    outlet: str
    region_code: str | None
    reach: int
    sentiment: str | None
    title: str
    url: str


AGENCY_REGION = {a[0]: a[4] for a in AGENCIES}
RELEASE_WINDOW_DAYS = 14


def planted_releases() -> list[Release]:
    """Per agency: one release in September, three in October (the third nobody carried)."""
    releases = []
    for agency, *_ in AGENCIES:
        for k, (month, day) in enumerate([(SEPTEMBER, 10), (OCTOBER, 2), (OCTOBER, 9), (OCTOBER, 20)]):
            issue = ISSUES[k % 2][0]
            releases.append(
                Release(
                    f"r-{agency}-{k}",
                    wita(month + timedelta(days=day - 1), 10),
                    agency,
                    issue,
                    f"Siaran pers rahasia {agency} nomor {k}",
                    f"https://rilis.example/{agency}/{k}",
                )
            )
    return releases


def planted_pickups() -> list[Pickup]:
    """Pickups of every release but each agency's last: by outlets of every region (a Banjar
    release carried in Banjarmasin too, and by a mention without a region), in every tone."""
    pickups = []
    regions = ["6303", "6371", None, "63"]
    sentiments = ["positive", "neutral", "negative", None]
    for release in planted_releases():
        if release.release_id.endswith("-3"):
            continue
        count = 2 + int(release.release_id[-1]) + len(release.agency_code) % 2
        for j in range(count):
            region = regions[j % len(regions)]
            tag = region or "tanpa-wilayah"
            n = len(pickups)
            pickups.append(
                Pickup(
                    release.release_id,
                    f"p{n}",
                    release.published_at + timedelta(hours=3 + 5 * j),
                    f"Media {tag}",
                    region,
                    500 + 7 * n,
                    sentiments[(n + j) % len(sentiments)],
                    f"Pemberitaan rilis rahasia {tag} nomor {n}",
                    f"https://berita.example/rilis/{tag}/{n}",
                )
            )
    return pickups


ISSUE_MENTIONS = 40  # each issue's conversation per month in the planted agenda mart


def release_rows() -> list[tuple]:
    """marts.mart_release_pickup, computed from the planted releases and pickups."""
    rows = []
    by_release: dict[str, list[Pickup]] = {}
    for p in planted_pickups():
        by_release.setdefault(p.release_id, []).append(p)
    for r in planted_releases():
        picks = sorted(by_release.get(r.release_id, []), key=lambda p: p.published_at)
        first = picks[0].published_at if picks else None
        rows.append(
            (r.release_id, r.published_at, r.published_at.date().replace(day=1), r.agency_code, r.issue, r.title,
             r.url, len(picks), len({p.outlet for p in picks}), sum(p.reach for p in picks), first,
             (first - r.published_at).total_seconds() / 3600 if first else None,
             sum(p.sentiment == "positive" for p in picks), sum(p.sentiment == "neutral" for p in picks),
             sum(p.sentiment == "negative" for p in picks), 1 if not picks else 0)
        )  # fmt: skip
    return rows


def agenda_rows() -> list[tuple]:
    """marts.mart_agenda_monthly per month, agency and issue (pickups in the mention's month)."""
    cells: dict[tuple, dict] = {}
    release_of = {r.release_id: r for r in planted_releases()}
    for r in planted_releases():
        cell = cells.setdefault(
            (r.published_at.date().replace(day=1), r.agency_code, r.issue), {"r": 0, "u": 0, "p": []}
        )
        cell["r"] += 1
        cell["u"] += any(p.release_id == r.release_id for p in planted_pickups())
    for p in planted_pickups():
        r = release_of[p.release_id]
        cell = cells.setdefault(
            (p.published_at.date().replace(day=1), r.agency_code, r.issue), {"r": 0, "u": 0, "p": []}
        )
        cell["p"].append(p)
    return [
        (month, agency, issue, c["r"], c["u"], len(c["p"]), sum(p.reach for p in c["p"]), None, ISSUE_MENTIONS,
         len(c["p"]) / ISSUE_MENTIONS)
        for (month, agency, issue), c in sorted(cells.items())
    ]  # fmt: skip


@dataclass(frozen=True)
class Hoax:
    hoax_id: str
    claim: str
    region_code: str | None
    klarifikasi_hours: float | None  # after the first spread; None: no clarification yet
    status: str


HOAXES = [
    Hoax("HX-BJR01", "Klaim rahasia Banjar: bendungan Riam Kanan jebol", "6303", 30.0, "mereda"),
    Hoax("HX-XBJM01", "Klaim rahasia Banjarmasin: pasar terapung ditutup permanen", "6371", None, "aktif"),
    Hoax("HX-PROV01", "Klaim rahasia provinsi: bantuan banjir lewat tautan palsu", "63", 6.0, "aktif"),
]
HOAX_FIRST_SPREAD = wita(OCTOBER + timedelta(days=4), 7)


def hoax_daily_rows() -> list[tuple]:
    """marts.mart_hoax_daily: five October days per hoax, spread falling and debunk rising."""
    rows = []
    for k, h in enumerate(HOAXES):
        for d in range(5):
            debunk = 0 if h.klarifikasi_hours is None else d
            rows.append(
                (
                    h.hoax_id,
                    HOAX_FIRST_SPREAD.date() + timedelta(days=d),
                    5 - d,
                    1000 * (5 - d) + k,
                    debunk,
                    800 * debunk,
                )
            )
    return rows


def hoax_rows() -> list[tuple]:
    """marts.mart_hoax, totals of the daily rows."""
    daily = hoax_daily_rows()
    rows = []
    for h in HOAXES:
        mine = [r for r in daily if r[0] == h.hoax_id]
        spread_reach, debunk_reach = sum(r[3] for r in mine), sum(r[5] for r in mine)
        klarifikasi = HOAX_FIRST_SPREAD + timedelta(hours=h.klarifikasi_hours) if h.klarifikasi_hours else None
        rows.append(
            (h.hoax_id, h.claim, "hoaks", "banjir", h.region_code,
             f"https://klarifikasi.example/{h.hoax_id}" if klarifikasi else None, klarifikasi, HOAX_FIRST_SPREAD,
             HOAX_FIRST_SPREAD + timedelta(days=4), h.klarifikasi_hours, sum(r[2] for r in mine), spread_reach,
             sum(r[4] for r in mine), debunk_reach, debunk_reach / (spread_reach + debunk_reach), 1 if klarifikasi else 0,
             h.status, TODAY)
        )  # fmt: skip
    return rows


def hoax_mention_rows() -> list[tuple]:
    """marts.fct_hoax_mentions: spread mentions of each hoax from two regions (a headline of
    another region carrying a region's hoax must not reach that region's site)."""
    rows = []
    for h in HOAXES:
        for j, region in enumerate(["6303", "6371"]):
            n = len(rows)
            at = HOAX_FIRST_SPREAD + timedelta(hours=j)
            rows.append(
                (h.hoax_id, f"h{n}", "spread", at, at.date(), f"Akun {region}", region, 900 + n,
                 f"Sebaran hoaks rahasia {region} nomor {n}", f"https://sosmed.example/hoaks/{region}/{n}")
            )  # fmt: skip
    return rows


# unit, type, name, region; composite and rank per month (September, October)
SCORECARD = [
    ("biro_adpim", "agency", "Biro Administrasi Pimpinan", "63", (70.0, 1), (64.5, 2)),
    ("diskominfo_banjar", "agency", "Diskominfo Kabupaten Banjar", "6303", (55.0, 2), (72.25, 1)),
    ("diskominfo_bjm", "agency", "Diskominfotik Kota Banjarmasin", "6371", (None, None), (40.0, 3)),
    ("63", "region", "Provinsi Kalimantan Selatan", "63", (65.0, 1), (60.0, 2)),
    ("6303", "region", "Kabupaten Banjar", "6303", (50.0, 2), (72.25, 1)),
    ("6371", "region", "Kota Banjarmasin", "6371", (45.0, 3), (None, None)),
]


def scorecard_rows() -> list[dict]:
    rows = []
    for unit, kind, name, region, *months in SCORECARD:
        for month, (composite, rank), before in zip((SEPTEMBER, OCTOBER), months, (None, months[0])):
            ranked = sum(1 for s in SCORECARD if s[1] == kind and s[4 if month == SEPTEMBER else 5][1] is not None)
            rows.append(
                {
                    "month": month, "unit": unit, "unit_type": kind, "unit_name": name, "region_code": region,
                    "accounts_registered": 2, "accounts_active": 1, "posts": 12, "posts_per_week": 2.7,
                    "engagement_ratio": 0.9, "alerts_on_its_issues": 3, "answered_within_24h_share": 2 / 3,
                    "official_posts_amplified_share": None, "amplification_suppressed": True,
                    "net_sentiment": 0.1, "score_activity": 60.0, "score_engagement": 90.0,
                    "score_response": None if composite is None else 66.7, "score_amplification": None,
                    "score_sentiment": 55.0, "components_scored": 4 if composite is not None else 1,
                    "composite_score": composite, "rank": rank, "units_ranked": ranked,
                    "rank_change": before[1] - rank if before and before[1] and rank else None,
                }
            )  # fmt: skip
    return rows


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
        con.execute(
            """create table marts.mart_release_pickup (release_id varchar, published_at timestamptz, month date,
               agency_code varchar, issue varchar, title varchar, url varchar, pickups bigint, outlets bigint,
               reach bigint, first_pickup_at timestamptz, hours_to_first_pickup double, positive_pickups bigint,
               neutral_pickups bigint, negative_pickups bigint, pairs_to_review bigint)"""
        )
        _insert(con, "mart_release_pickup", release_rows())
        con.execute(
            """create table marts.fct_release_pickups (release_id varchar, mention_id varchar,
               published_at timestamptz, month date, hours_after_release double, outlet varchar,
               region_code varchar, reach bigint, sentiment varchar, agency_code varchar, issue varchar,
               title varchar, url varchar)"""
        )
        release_of = {r.release_id: r for r in planted_releases()}
        _insert(
            con,
            "fct_release_pickups",
            [
                (p.release_id, p.mention_id, p.published_at, p.published_at.date().replace(day=1),
                 (p.published_at - release_of[p.release_id].published_at).total_seconds() / 3600, p.outlet,
                 p.region_code, p.reach, p.sentiment, release_of[p.release_id].agency_code,
                 release_of[p.release_id].issue, p.title, p.url)
                for p in planted_pickups()
            ],
        )  # fmt: skip
        con.execute(
            """create table marts.mart_agenda_monthly (month date, agency_code varchar, issue varchar, releases bigint,
               releases_picked_up bigint, pickups bigint, pickup_reach bigint, median_hours_to_first_pickup double,
               issue_mentions bigint, agenda_share double)"""
        )
        _insert(con, "mart_agenda_monthly", agenda_rows())
        con.execute(
            """create table marts.mart_hoax (hoax_id varchar, claim varchar, category varchar, issue varchar,
               region_code varchar, klarifikasi_url varchar, klarifikasi_at timestamptz,
               first_spread_at timestamptz, last_spread_at timestamptz, hours_to_klarifikasi double,
               spread_mentions bigint, spread_reach bigint, debunk_mentions bigint, debunk_reach bigint,
               debunk_reach_share double, official_debunk_posts bigint, status varchar, status_as_of date)"""
        )
        _insert(con, "mart_hoax", hoax_rows())
        con.execute(
            """create table marts.mart_hoax_daily (hoax_id varchar, day date, spread_mentions bigint,
               spread_reach bigint, debunk_mentions bigint, debunk_reach bigint)"""
        )
        _insert(con, "mart_hoax_daily", hoax_daily_rows())
        con.execute(
            """create table marts.fct_hoax_mentions (hoax_id varchar, mention_id varchar, role varchar,
               published_at timestamptz, mention_date date, outlet varchar, region_code varchar, reach bigint,
               title varchar, url varchar)"""
        )
        _insert(con, "fct_hoax_mentions", hoax_mention_rows())
        con.execute(
            """create table marts.mart_humas_scorecard (month date, unit varchar, unit_type varchar,
               unit_name varchar, region_code varchar, accounts_registered bigint, accounts_active bigint,
               posts bigint, posts_per_week double, engagement_ratio double, alerts_on_its_issues bigint,
               answered_within_24h_share double, official_posts_amplified_share double,
               amplification_suppressed boolean, net_sentiment double, score_activity double,
               score_engagement double, score_response double, score_amplification double,
               score_sentiment double, components_scored integer, composite_score double, rank bigint,
               units_ranked bigint, rank_change bigint)"""
        )
        _insert(con, "mart_humas_scorecard", scorecard_rows())
        for table in without:
            con.execute(f"drop table marts.{table}")
    return path
