"""A landing zone for the rapor kehumasan with known components, and every value of
marts.mart_humas_scorecard it must give in January and February 2025, worked out by hand.

Units (seeds agencies and accounts of the repository; the data are planted here):
- Dinkes Kalsel (utama for kesehatan): Instagram @dinkeskalsel posts once on 31 January and 20
  times in February (views 1000, likes 10, 12, ..., 48; one post at 07:00 WITA on 1 February,
  still January in UTC); Facebook @dinkeskalsel posts twice in February (100 and 200
  reactions on 1000 views). 12 civil servants on its roster; 6 share one February post each.
  12 labelled mentions in February: 7 positive, 3 neutral, 2 negative.
- BPBD Kalsel (utama for banjir): X @bpbdkalsel has a daily-activity export for February and no
  post (0 posts, not active); Instagram @bpbdkalsel has no export at all (no data). No roster.
  10 positive mentions in January; 2 positive, 4 neutral, 4 negative in February.
- DLH Kalsel: Instagram @dlhkalsel posts 8 times in February (20 likes on 500 views each). 10
  civil servants on its roster; 3 share its posts: the 3-person cell. 5 mentions (too few).
- Diskominfo Banjarbaru (region 6372): Instagram @diskominfobjb posts 4 times in February (5
  likes on 100 views); YouTube @diskominfobjb has no export. 10 mentions about Kota Banjarbaru
  in February, 5 positive and 5 neutral.
Alerts and their answers are planted in marts.issue_alerts (the alerts' own rule decides answers;
the scorecard reads its columns): ``ALERTS``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from exports import GENERIC_HEADER, MELTWATER_HEADER, write_table
from platform_exports import FACEBOOK_HEADER, INSTAGRAM_HEADER, X_DAILY_HEADER, by_name, table_text, write

JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)
TODAY = "2025-03-10"
DINKES_ASN = [f"dinkes.asn{n:02d}" for n in range(1, 13)]
DLH_ASN = [f"dlh.asn{n:02d}" for n in range(1, 11)]


def _ig_code(prefix: str, n: int) -> str:
    return f"{prefix}{n:02d}Xq"


def _instagram(account: str, rows: list[tuple[str, str, int, int]], ids: int) -> str:
    """(post code, publish time MM/DD/YYYY HH:MM in WITA, views, likes) rows of an IG posts export;
    post ids from ``ids`` on."""
    return "\ufeff" + table_text(
        INSTAGRAM_HEADER,
        [
            by_name(
                INSTAGRAM_HEADER,
                Post_ID=str(ids + n),
                Account_ID="9",
                Account_username=account,
                Publish_time=when,
                Permalink=f"https://www.instagram.com/p/{code}/",
                Post_type="IG image",
                Description=f"Kegiatan {code}",
                Views=str(views),
                Reach=str(views),
                Likes=str(likes),
                Comments="0",
                Shares="0",
                Saves="0",
            )
            for n, (code, when, views, likes) in enumerate(rows)
        ],
    )


DINKES_IG = [(_ig_code("DkJan", 1), "01/31/2025 20:00", 1000, 30)] + [
    (_ig_code("DkFeb", i), "02/01/2025 07:00" if i == 0 else f"02/{1 + i:02d}/2025 10:00", 1000, 10 + 2 * i)
    for i in range(20)
]
DLH_IG = [(_ig_code("DlFeb", i), f"02/{3 + 3 * i:02d}/2025 09:00", 500, 20) for i in range(8)]
BJB_IG = [(_ig_code("BjFeb", i), f"02/{4 + 5 * i:02d}/2025 09:00", 100, 5) for i in range(4)]


def write_official_accounts(landing: Path) -> None:
    platform = landing / "platform"
    write(
        platform / "dinkeskalsel" / "instagram_posts_2025-02.csv",
        _instagram("dinkeskalsel", DINKES_IG, 17900000000000100),
        exported="2025-03-02",
    )
    write(
        platform / "dlhkalsel" / "instagram_posts_2025-02.csv",
        _instagram("dlhkalsel", DLH_IG, 17900000000000200),
        exported="2025-03-02",
    )
    write(
        platform / "diskominfobjb" / "instagram_posts_2025-02.csv",
        _instagram("diskominfobjb", BJB_IG, 17900000000000300),
        exported="2025-03-02",
    )
    write(
        platform / "dinkeskalsel" / "facebook_posts_2025-02.csv",
        "\ufeff"
        + table_text(
            FACEBOOK_HEADER,
            [
                by_name(
                    FACEBOOK_HEADER,
                    Post_ID=f"100064000000009_99000000000000{n}",
                    Page_ID="100064000000009",
                    Page_name="dinkeskalsel",
                    Publish_time=when,
                    Permalink=f"https://www.facebook.com/dinkeskalsel/posts/99000000000000{n}",
                    Post_type="Photos",
                    Views="1000",
                    Reach="1000",
                    Reactions=str(reactions),
                    Comments="0",
                    Shares="0",
                )
                for n, when, reactions in ((1, "02/05/2025 09:00", 100), (2, "02/19/2025 09:00", 200))
            ],
        ),
        exported="2025-03-02",
    )
    # BPBD's X account: a daily summary of every day of February, not one post
    days = [f"2025-02-{d:02d}" for d in range(1, 29)]
    write(
        platform / "bpbdkalsel" / "daily_tweet_activity_metrics_bpbdkalsel_20250201_20250228_en.csv",
        table_text(
            X_DAILY_HEADER,
            [
                by_name(X_DAILY_HEADER, Date=d, Tweets_published="0", impressions="40", engagements="0", follows="0")
                for d in days
            ],
        ),
        exported="2025-03-02",
    )


def write_rosters(landing: Path) -> None:
    header = ["platform", "handle", "agency_code"]
    write(
        landing / "roster" / "roster_dinkes_2025-01-01.csv",
        table_text(header, [["instagram", h, "dinkes_kalsel"] for h in DINKES_ASN]),
        exported="2025-01-02",
    )
    write(
        landing / "roster" / "roster_dlh_2025-01-01.csv",
        table_text(header, [["instagram", h, "dlh_kalsel"] for h in DLH_ASN]),
        exported="2025-01-02",
    )


def _share(n: int, author: str, code: str, day: int) -> dict[str, str]:
    text = f"Bagikan info ini https://www.instagram.com/p/{code}/"
    return {
        "Date": f"{day:02d}-Feb-2025 08:00AM",
        "Headline": text,
        "URL": f"https://www.instagram.com/p/Own{n:04d}Zz/",
        "Opening Text": text,
        "Hit Sentence": text,
        "Source": "Instagram",
        "Influencer": f"@{author}",
        "Reach": "50",
        "Engagement": "5",
        "Sentiment": "Positive",
        "Input Name": "Kesehatan",
        "Document ID": f"share-{n}",
    }


def write_shares(landing: Path) -> None:
    """Six Dinkes civil servants share six different February posts; three DLH ones share DLH's."""
    rows = [_share(i, DINKES_ASN[i], _ig_code("DkFeb", 2 * i + 1), 10 + i) for i in range(6)]
    rows += [_share(10 + i, DLH_ASN[i], _ig_code("DlFeb", i), 12 + i) for i in range(3)]
    write_table(landing / "media" / "meltwater_shares_2025-02.csv", MELTWATER_HEADER, rows)


def _mention(n: int, day: date, sentiment: str, agency: str = "", region: str = "", issue: str = "Kesehatan") -> dict:
    return {
        "date": f"{day.isoformat()} 09:00",
        "title": f"Berita layanan nomor {n}",
        "outlet": "Media Contoh",
        "media_type": "online",
        "issue": issue,
        "sentiment": sentiment,
        "region": region,
        "agency": agency,
        "document_id": f"kliping-{n:03d}",
    }


def mentions() -> list[dict]:
    rows, n = [], 0
    plan = [
        (FEB, "Dinkes Kalsel", "", "Kesehatan", [("positif", 7), ("netral", 3), ("negatif", 2)]),
        (JAN, "BPBD Kalsel", "", "Banjir", [("positif", 10)]),
        (FEB, "BPBD Kalsel", "", "Banjir", [("positif", 2), ("netral", 4), ("negatif", 4)]),
        (FEB, "DLH Kalsel", "", "Lingkungan & Tambang", [("positif", 3), ("negatif", 2)]),
        (FEB, "", "Kota Banjarbaru", "Pelayanan Publik", [("positif", 5), ("netral", 5)]),
    ]
    for month, agency, region, issue, counts in plan:
        for sentiment, count in counts:
            for _ in range(count):
                n += 1
                rows.append(_mention(n, month.replace(day=2 + n % 20), sentiment, agency, region, issue))
    return rows


def write_contacts(landing: Path) -> None:
    """Dinkes' address from the office's file overrides the seed; a row names an unknown unit."""
    write(
        landing / "contacts" / "kontak_rapor.csv",
        table_text(
            ["kode_instansi", "email", "nama"],
            [
                ["dinkes_kalsel", "humas.dinkes@contoh.example", "Humas Dinkes"],
                ["dinas_tidak_ada", "siapa@contoh.example", ""],
                ["bpbd_kalsel", "bukan alamat", ""],
            ],
        ),
        exported="2025-03-02",
    )


def write_landing(home: Path) -> None:
    landing = home / "landing"
    write_official_accounts(landing)
    write_rosters(landing)
    write_shares(landing)
    write_table(landing / "media" / "kliping_2025.csv", GENERIC_HEADER, mentions())
    write_contacts(landing)


# ---- the alerts and their answers, as the alerts step would publish them ----------------------
# (alert_id, issue, region_code, window_start WITA, response hours or None, response account)
ALERTS = [
    ("a7", "banjir", None, "2025-01-20 09:00", 3.0, "x/bpbdkalsel"),
    ("a1", "kesehatan", None, "2025-02-03 10:00", 6.0, "instagram/dinkeskalsel"),
    ("a2", "kesehatan", "6372", "2025-02-10 08:00", 30.0, "instagram/diskominfokalsel"),
    ("a3", "banjir", None, "2025-02-14 12:00", None, None),
    ("a4", "banjir", "6372", "2025-02-20 08:00", 20.0, "x/bpbdkalsel"),
    # 06:00 WITA on 1 March is still 28 February in UTC: a March alert
    ("a6", "kesehatan", None, "2025-03-01 06:00", None, None),
]

# ---- every value, by hand ----------------------------------------------------------------------
# Weights 0.25 activity, 0.15 engagement, 0.25 response, 0.15 amplification, 0.20 sentiment.
# February has 28 days: 4 weeks. Engagement rates are likes / views.
COLUMNS = (
    "accounts_registered, accounts_with_data, accounts_without_data, accounts_active, posts, posts_per_week, "
    "median_engagement_rate, engagement_ratio, alerts_on_its_issues, alerts_answered, answered_within_24h_share, "
    "median_response_hours, answered_by_own_share, official_posts_amplified, official_posts_amplified_share, "
    "amplification_suppressed, mentions, labelled_mentions, net_sentiment, score_activity, score_engagement, "
    "score_response, score_amplification, score_sentiment, components_scored, composite_score, rank, rank_change"
)
EXPECTED = {
    # Dinkes, February: 20 + 2 posts = 5.5 a week; IG 5/5 -> 1, FB 0.5/5 -> 0.1: activity 55.0.
    # 22 rates 0.010, 0.012, ..., 0.048 and 0.1, 0.2: median of the 11th and 12th = (0.030 + 0.032) / 2
    # = 0.031; province median of 0.031 (Dinkes), 0.04 (DLH), 0.05 (Banjarbaru) = 0.04: ratio
    # 0.775 -> 77.5. Alerts a1 (6 h, own) and a2 (30 h, not own): 1/2 within 24 h -> 50, median 18 h,
    # own 1/2. 6 of 22 posts shared by 6 people: 6/22 -> 54.5 of the target half. Net (7 - 2) / 12
    # = 5/12 -> 50 x 17/12 = 70.8. Composite 13.75 + 11.625 + 12.5 + 8.1818 + 14.1667 = 60.2.
    (FEB, "dinkes_kalsel"): (2, 2, 0, 2, 22, 5.5, 0.031, 0.775, 2, 2, 0.5, 18.0, 0.5, 6, 6 / 22, False,
                             12, 12, 5 / 12, 55.0, 77.5, 50.0, 54.5, 70.8, 5, 60.2, 2, 0),
    # BPBD, February: X covered with no post (0, not active), Instagram without an export; 0 a week
    # against 7: activity 0. No post, no engagement. a3 unanswered, a4 20 h by its own X: 1/2 -> 50,
    # median 20, own 1/2. No roster. Net (2 - 4) / 10 = -0.2 -> 40. (0 + 12.5 + 8) / 0.7 = 29.3.
    # January: a7 answered in 3 h (100) and net +1 (100): 100.0, rank 1; February rank 4: -3.
    (FEB, "bpbd_kalsel"): (2, 1, 1, 0, 0, 0.0, None, None, 2, 1, 0.5, 20.0, 0.5, None, None, False,
                           10, 10, -0.2, 0.0, None, 50.0, None, 40.0, 3, 29.3, 4, -3),
    # DLH, February: 8 posts = 2 a week of 5 -> 40; every rate 0.04, ratio 1 -> 100; no alert; 3
    # sharers: withheld; 5 labelled mentions < 10: no sentiment. (10 + 15) / 0.4 = 62.5, rank 1.
    (FEB, "dlh_kalsel"): (1, 1, 0, 1, 8, 2.0, 0.04, 1.0, 0, 0, None, None, None, None, None, True,
                          5, 5, 0.2, 40.0, 100.0, None, None, None, 2, 62.5, 1, None),
    # Diskominfo Banjarbaru: 4 posts = 1 a week of 5 -> 20 (YouTube has no export); rate 0.05, ratio
    # 1.25 capped at 100; not utama of any issue; no roster; no mention naming it: (5 + 15) / 0.4.
    (FEB, "diskominfo_banjarbaru"): (2, 1, 1, 1, 4, 1.0, 0.05, 1.25, 0, 0, None, None, None, None, None, False,
                                     0, 0, None, 20.0, 100.0, None, None, None, 2, 50.0, 3, None),
    # The province, February: 21 accounts of provincial agencies, 4 with data (Dinkes IG 1, FB 0.1,
    # BPBD X 0, DLH 0.4): 1.5 / 4 -> 37.5; 30 posts = 7.5 a week. 30 rates: the 15th and 16th are
    # 0.038 and 0.040: 0.039, ratio 0.975 -> 97.5. Province-wide alerts a1 (6 h, Dinkes' account:
    # its own) and a3: 50. DLH's cell is withheld, so the province's is too. No mention about the
    # province itself. (9.375 + 14.625 + 12.5) / 0.65 = 56.2, rank 1 of 2 regions. In January it
    # ranked first too (Dinkes' post, a7 answered by BPBD's account): no change.
    (FEB, "63"): (21, 4, 17, 3, 30, 7.5, 0.039, 0.975, 2, 1, 0.5, 6.0, 0.5, None, None, True,
                  0, 0, None, 37.5, 97.5, 50.0, None, None, 3, 56.2, 1, 0),
    # Kota Banjarbaru: its Diskominfo's accounts (as above); its alerts a2 (30 h) and a4 (20 h), both
    # answered by other agencies' accounts: 1/2 -> 50, median 25, own 0; net 5/10 -> 75.
    # (5 + 15 + 12.5 + 15) / 0.85 = 55.9, rank 2.
    (FEB, "6372"): (2, 1, 1, 1, 4, 1.0, 0.05, 1.25, 2, 2, 0.5, 25.0, 0.0, None, None, False,
                    10, 10, 0.5, 20.0, 100.0, 50.0, None, 75.0, 4, 55.9, 2, None),
    # January: Dinkes' one post of 31 January (1 x 7/31 a week of 5 -> 4.5; its own rate is the
    # province's median -> 100); its January post shared by nobody: withheld. (1.129 + 15) / 0.4.
    (JAN, "dinkes_kalsel"): (2, 1, 1, 1, 1, 7 / 31, 0.03, 1.0, 0, 0, None, None, None, None, None, True,
                             0, 0, None, 4.5, 100.0, None, None, None, 2, 40.3, 2, None),
    (JAN, "bpbd_kalsel"): (2, 0, 2, 0, None, None, None, None, 1, 1, 1.0, 3.0, 1.0, None, None, False,
                           10, 10, 1.0, None, None, 100.0, None, 100.0, 2, 100.0, 1, None),
}  # fmt: skip
