"""A landing zone with known ASN amplification, and every mart cell it must give, worked out by hand.

January and February 2025. Dinkes' roster of 1 January lists 12 people (dinkes.asn01-12;
asn03 on two platforms, one person); its roster of 1 February (XLSX, Indonesian headers)
drops asn11-12 and adds asn13-15 (asn13 only until 14 February). BPBD's roster (XLSX) lists
10 people from 1 January, of whom 3 amplify in January: the 3-person cell.

Official posts (platform exports): Diskominfo's X posts X1 (5 Jan) and X2 (20 Jan), TikTok TT1
(7 Jan) and YouTube YT1 (8 Jan); Dinkes' Instagram posts IG1 (6 Jan, code DAbC_12-xY) and IG2
(25 Jan) and Facebook post FB1 (9 Jan). The ASN mentions link them in every URL form, with
tracking parameters, name official accounts (RT @handle:) and carry #KalselCekFakta (seed
campaign kalsel_cek_fakta); a Brandwatch export carries the expansion of asn02's bit.ly link to
IG2, and not of asn07's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from exports import BRANDWATCH_HEADER, BRANDWATCH_METADATA, MELTWATER_HEADER, csv_text, write_xlsx
from platform_exports import (
    FACEBOOK_HEADER,
    INSTAGRAM_HEADER,
    TIKTOK_CONTENT_HEADER,
    X_POSTS_HEADER,
    YOUTUBE_TABLE_HEADER,
    by_name,
    table_text,
    write,
)

JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)
DINKES = [f"dinkes.asn{n:02d}" for n in range(1, 16)]  # asn01 .. asn15
BPBD = [f"bpbd_asn{n:02d}" for n in range(1, 11)]
PUBLIC = ["warga_banua77", "warga_banua78", "warga_banua79"] + [f"warga_banua{n:02d}" for n in range(1, 6)]
ROSTER_HANDLES = DINKES + BPBD + ["dinkes.asn99"]  # asn99: typed into the agency column, set aside

X1, X2 = "1850000000000000001", "1850000000000000002"
TT1, YT1 = "7400000000000000001", "dQw4w9WgXcQ"
IG1, IG2 = "DAbC_12-xY", "DXyz-98_Qa"
IG1_ID, IG2_ID = "17900000000000001", "17900000000000002"
FB1_ID, FB1 = "100064000000001_1234567890123456", "1234567890123456"

PLATFORM_OF = {"x": "Twitter", "instagram": "Instagram", "tiktok": "TikTok", "facebook": "Facebook"}


def _roster_rows(handles: list[str], platform_of: dict[str, str]) -> list[list[str]]:
    return [[platform_of.get(h, "x"), h] for h in handles]


def write_rosters(landing: Path) -> None:
    """Three roster files: Dinkes January (CSV), BPBD January (XLSX), Dinkes February (XLSX, Indonesian)."""
    jan_platforms = {
        "dinkes.asn03": "instagram",
        "dinkes.asn04": "tiktok",
        "dinkes.asn05": "facebook",
        **{h: "instagram" for h in DINKES[7:12]},
    }
    rows = [
        [p, "@" + h.upper() if h == "dinkes.asn01" else h, "dinkes_kalsel", "Bidang P2P", "", ""]
        for p, h in _roster_rows(DINKES[:12], jan_platforms)
    ]
    rows.append(["x", "dinkes.asn03", "dinkes_kalsel", "Bidang P2P", "", ""])  # one person, two platforms
    rows.append(["x", "", "dinkes.asn99", "", "", ""])  # a row typed into the wrong columns
    write(
        landing / "roster" / "roster_dinkes_2025-01-01.csv",
        table_text(["platform", "handle", "agency_code", "unit", "active_from", "active_to"], rows),
        exported="2025-01-02",
    )
    write_xlsx(
        landing / "roster" / "roster_bpbd_2025-01-01.xlsx",
        ["platform", "handle", "agency_code"],
        [
            {"platform": "instagram" if h == "bpbd_asn02" else "x", "handle": h, "agency_code": "BPBD Kalsel"}
            for h in BPBD
        ],
    )
    feb = DINKES[:10] + DINKES[12:15]
    write_xlsx(
        landing / "roster" / "daftar_asn_dinkes_2025-02-01.xlsx",
        ["platform", "akun", "kode_instansi", "unit_kerja", "aktif_sejak", "aktif_sampai"],
        [
            {
                "platform": jan_platforms.get(h, "x"),
                "akun": f"https://www.instagram.com/{h}/" if jan_platforms.get(h) == "instagram" else h,
                "kode_instansi": "dinkes_kalsel",
                "aktif_sampai": date(2025, 2, 14) if h == "dinkes.asn13" else None,
            }
            for h in feb
        ],
    )


def _mention(when: str, author: str, url: str, text: str, reach: int, engagement: int, doc: str, **extra: str) -> dict:
    return {
        "Date": when,
        "Headline": text,
        "URL": url,
        "Opening Text": text,
        "Hit Sentence": text,
        "Source": extra.get("source", "Twitter"),
        "Influencer": author,
        "Reach": str(reach),
        "Engagement": str(engagement),
        "Sentiment": "Positive",
        "Input Name": "Kesehatan",
        "Document ID": doc,
    }


def _x(handle: str, n: int) -> str:
    return f"https://x.com/{handle}/status/91000000000000000{n:02d}"


JANUARY = [
    # Dinkes: asn01-06 amplify (8 mentions), asn07 posts without amplifying
    _mention(
        "05-Jan-2025 09:00AM",
        "@dinkes.asn01",
        _x("dinkes.asn01", 1),
        f"RT @diskominfokalsel: Info vaksin gratis https://www.instagram.com/p/{IG1}/?igsh=MTc4MmM1",
        100,
        10,
        "m01",
    ),
    _mention(
        "06-Jan-2025 10:00AM",
        "@dinkes.asn02",
        _x("dinkes.asn02", 2),
        f"Simak https://twitter.com/diskominfokalsel/status/{X1}?s=20&t=AbCdEf dan "
        f"instagram.com/reel/{IG1}?utm_source=ig_web_copy_link",
        200,
        20,
        "m02",
    ),
    _mention(
        "07-Jan-2025 11:00AM",
        "@dinkes.asn03",
        "https://www.instagram.com/p/OwnPost0003/",
        f"Info dari Dinkes https://www.instagram.com/dinkeskalsel/p/{IG1}/",
        300,
        30,
        "m03",
        source="Instagram",
    ),
    _mention(
        "08-Jan-2025 11:00AM",
        "@dinkes.asn04",
        "https://www.tiktok.com/@dinkes.asn04/video/9400000000000000004",
        f"https://www.tiktok.com/@diskominfokalsel/video/{TT1}?is_from_webapp=1&sender_device=pc juga "
        f"https://instagram.com/p/{IG1}",
        400,
        40,
        "m04",
        source="TikTok",
    ),
    _mention(
        "09-Jan-2025 11:00AM",
        "@dinkes.asn05",
        "https://www.facebook.com/dinkes.asn05/posts/9500000000000005",
        f"https://m.facebook.com/story.php?story_fbid={FB1}&id=100064&mibextid=Nif5oz",
        500,
        50,
        "m05",
        source="Facebook",
    ),
    _mention(
        "10-Jan-2025 08:00AM",
        "@dinkes.asn06",
        _x("dinkes.asn06", 6),
        "Ayo #KalselCekFakta sebelum sebar",
        600,
        60,
        "m06",
    ),
    _mention(
        "11-Jan-2025 08:00AM", "@dinkes.asn06", _x("dinkes.asn06", 7), f"https://youtu.be/{YT1}?si=xYz", 50, 5, "m07"
    ),
    _mention("12-Jan-2025 08:00AM", "@dinkes.asn07", _x("dinkes.asn07", 8), "makan siang enak", 999, 9, "m08"),
    _mention(
        "13-Jan-2025 08:00AM",
        "@dinkes.asn05",
        "https://www.facebook.com/dinkes.asn05/posts/9500000000000009",
        f"https://www.facebook.com/dinkeskalsel/posts/{FB1}?__cft__[0]=AZX",
        5,
        1,
        "m09",
        source="Facebook",
    ),
    # BPBD: asn01-03 amplify (the 3-person cell)
    _mention(
        "14-Jan-2025 08:00AM", "@bpbd_asn01", _x("bpbd_asn01", 10), f"https://x.com/i/web/status/{X1}", 10, 1, "m10"
    ),
    _mention(
        "15-Jan-2025 08:00AM",
        "@bpbd_asn02",
        "https://www.instagram.com/p/OwnPost0011/",
        f"www.instagram.com/tv/{IG1}",
        20,
        2,
        "m11",
        source="Instagram",
    ),
    _mention("16-Jan-2025 08:00AM", "@bpbd_asn03", _x("bpbd_asn03", 12), "#kalselcekfakta!", 30, 3, "m12"),
    # the public, news and the first day of the data
    _mention(
        "10-Jan-2025 09:00PM", "@warga_banua77", _x("warga_banua77", 13), "#KalselCekFakta hoaks lagi", 7, 0, "m13"
    ),
    _mention(
        "06-Jan-2025 01:00PM",
        "Rina Wartawati",
        "https://banjarmasinpost.co.id/berita/vaksin-1",
        f"Diskominfo umumkan https://x.com/diskominfokalsel/status/{X1}",
        5000,
        0,
        "m14",
        source="Banjarmasin Post",
    ),
    _mention("02-Jan-2025 07:00AM", "@warga_banua78", _x("warga_banua78", 15), "Selamat tahun baru", 3, 0, "m15"),
]

FEBRUARY = [
    # asn11 left Dinkes' roster on 1 Feb: no longer ASN
    _mention(
        "03-Feb-2025 08:00AM",
        "@dinkes.asn11",
        _x("dinkes.asn11", 20),
        "RT @dinkeskalsel: jadwal posyandu",
        77,
        7,
        "m20",
    ),
    # the week of 10 Feb: 5 ASN, 5 public people and the official account use the hashtag
    *[
        _mention(
            f"{day}-Feb-2025 08:00AM",
            f"@{h}",
            _x(h, 21 + i),
            "#KalselCekFakta cek sebelum bagikan",
            11 + i,
            1,
            f"m{21 + i}",
        )
        for i, (day, h) in enumerate(
            zip(
                ["10", "11", "11", "12", "12"],
                ["dinkes.asn13", "dinkes.asn14", "dinkes.asn15", "dinkes.asn01", "dinkes.asn02"],
            )
        )
    ],
    *[
        _mention(
            "13-Feb-2025 08:00AM",
            f"@warga_banua{n:02d}",
            _x(f"warga_banua{n:02d}", 25 + n),
            "#KalselCekFakta info benar",
            2,
            0,
            f"m{25 + n}",
        )
        for n in range(1, 6)
    ],
    _mention(
        "13-Feb-2025 09:00AM",
        "@diskominfokalsel",
        f"https://x.com/diskominfokalsel/status/{X2}",
        "#KalselCekFakta: cek fakta pekan ini",
        1000,
        100,
        "m31",
    ),
    # asn13's roster period ended on 14 Feb: this is a public post now
    _mention("20-Feb-2025 08:00AM", "@dinkes.asn13", _x("dinkes.asn13", 32), "#KalselCekFakta lagi", 16, 1, "m32"),
    _mention("27-Feb-2025 08:00AM", "@warga_banua79", _x("warga_banua79", 33), "Hujan deras", 4, 0, "m33"),
]


# a Brandwatch export carries the expansion of shortened links: asn02's bit.ly link leads to IG2
# and counts; asn07's has no expansion and does not (he stays inactive)
SHORTENED = [
    {"Query Name": "Kesehatan", "Date": date_, "Title": text, "Snippet": text, "Url": url, "Expanded URLs": expanded,
     "Domain": "twitter.com", "Sentiment": "positive", "Page Type": "twitter", "Author": author, "Reach (new)": reach,
     "Engagement": engagement, "Resource Id": doc}
    for date_, text, url, expanded, author, reach, engagement, doc in (
        ("2025-01-26 10:00:00", "Baca ini https://bit.ly/3AbCdEf", _x("dinkes.asn02", 40),
         f"https://www.instagram.com/p/{IG2}/?igsh=ZXhwYW5k", "dinkes.asn02", "70", "7", "bw-1"),
        ("2025-01-27 10:00:00", "Baca juga https://bit.ly/9ZyXwVu", _x("dinkes.asn07", 41), "", "dinkes.asn07", "80", "8",
         "bw-2"),
    )
]  # fmt: skip


def write_mentions(landing: Path) -> None:
    for name, rows, exported in (("2025-01", JANUARY, "2025-02-01"), ("2025-02", FEBRUARY, "2025-03-01")):
        write(landing / "media" / f"meltwater_asn_{name}.csv", csv_text(MELTWATER_HEADER, rows), exported=exported)
    header = BRANDWATCH_HEADER + ["Expanded URLs"]
    text = csv_text(header, SHORTENED, preamble=BRANDWATCH_METADATA)
    write(landing / "media" / "brandwatch_asn_2025-01.csv", text, exported="2025-02-01")


def write_official_posts(landing: Path) -> None:
    """The official accounts' January posts in their platforms' export layouts."""
    platform = landing / "platform"
    write(
        platform / "diskominfokalsel" / "x_posts_2025-01.csv",
        table_text(
            X_POSTS_HEADER,
            [
                by_name(
                    X_POSTS_HEADER,
                    Post_id=pid,
                    Date=day,
                    Post_text="Info",
                    Post_Link=f"https://x.com/diskominfokalsel/status/{pid}",
                    Impressions="5000",
                    Likes="50",
                    Replies="5",
                    Reposts="10",
                    Bookmarks="1",
                )
                for pid, day in ((X1, "Sun, Jan 05, 2025"), (X2, "Mon, Jan 20, 2025"))
            ],
        ),
        exported="2025-02-02",
    )
    write(
        platform / "diskominfokalsel" / "tiktok_content_2025-01.csv",
        table_text(
            TIKTOK_CONTENT_HEADER,
            [
                by_name(
                    TIKTOK_CONTENT_HEADER,
                    Video_title="Vaksin",
                    Video_link=f"https://www.tiktok.com/@diskominfokalsel/video/{TT1}",
                    Post_time="2025-01-07 10:00:00",
                    Total_likes="40",
                    Total_comments="4",
                    Total_shares="4",
                    Total_views="4000",
                )
            ],
        ),
        exported="2025-02-02",
    )
    write(
        platform / "diskominfokalsel" / "Table data.csv",
        table_text(
            YOUTUBE_TABLE_HEADER,
            [
                by_name(YOUTUBE_TABLE_HEADER, Content="Total", Views="3000"),
                by_name(
                    YOUTUBE_TABLE_HEADER,
                    Content=YT1,
                    Video_title="Vaksin",
                    Video_publish_time="Jan 8, 2025",
                    Duration="60",
                    Views="3000",
                    Likes="30",
                    Comments_added="3",
                    Shares="3",
                ),
            ],
        ),
        exported="2025-02-02",
    )
    write(
        platform / "dinkeskalsel" / "instagram_posts_2025-01.csv",
        "\ufeff"
        + table_text(
            INSTAGRAM_HEADER,
            [
                by_name(
                    INSTAGRAM_HEADER,
                    Post_ID=pid,
                    Account_ID="9",
                    Account_username="dinkeskalsel",
                    Publish_time=when,
                    Permalink=f"https://www.instagram.com/p/{code}/",
                    Post_type="IG reel",
                    Views="2000",
                    Reach="1500",
                    Likes="100",
                    Comments="10",
                    Shares="5",
                    Saves="2",
                )
                for pid, code, when in ((IG1_ID, IG1, "01/06/2025 10:00"), (IG2_ID, IG2, "01/25/2025 10:00"))
            ],
        ),
        exported="2025-02-02",
    )
    write(
        platform / "dinkeskalsel" / "facebook_posts_2025-01.csv",
        "\ufeff"
        + table_text(
            FACEBOOK_HEADER,
            [
                by_name(
                    FACEBOOK_HEADER,
                    Post_ID=FB1_ID,
                    Page_ID="100064000000001",
                    Page_name="dinkeskalsel",
                    Publish_time="01/09/2025 10:00",
                    Permalink=f"https://www.facebook.com/dinkeskalsel/posts/{FB1}",
                    Post_type="Photos",
                    Views="900",
                    Reach="800",
                    Reactions="20",
                    Comments="2",
                    Shares="2",
                )
            ],
        ),
        exported="2025-02-02",
    )


def write_landing(home: Path) -> None:
    """Everything above into ``home/landing``."""
    landing = home / "landing"
    write_rosters(landing)
    write_mentions(landing)
    write_official_posts(landing)


# ---- every cell, by hand --------------------------------------------------------------------
# mart_amplification_monthly: (month, agency) -> (roster_accounts, active_amplifiers, active_share,
#   amplification_posts, amplified_reach, amplified_engagement, official_posts,
#   official_posts_amplified, suppressed)
MONTHLY = {
    # 12 people (asn03 twice, one person); asn01-06 active; m01-m07, m09 and asn02's bit.ly to IG2:
    # 100+200+300+400+500+600+50+5+70 and 10+20+30+40+50+60+5+1+7; Dinkes' posts IG1, IG2, FB1, all
    # shared: IG1 (asn01-04, bpbd02), IG2 (asn02) and FB1 (asn05), 6 people
    (JAN, "dinkes_kalsel"): (12, 6, 0.5, 9, 2225, 223, 3, 3, False),
    # 3 of 10 active: the 3-person cell; BPBD has no official posts loaded: nobody shared any
    (JAN, "bpbd_kalsel"): (10, None, None, None, None, None, 0, None, True),
    # the February roster: 13 people; asn13, 14, 15, 01, 02 active (m21-m25: 11+12+13+14+15); asn11
    # (left) and asn13 after 14 Feb (m32) do not count; no Dinkes post in February: nobody shared one
    (FEB, "dinkes_kalsel"): (13, 5, 5 / 13, 5, 65, 5, 0, None, True),
    # nobody active: zero is fewer than 5 people too
    (FEB, "bpbd_kalsel"): (10, None, None, None, None, None, 0, None, True),
}

# mart_amplification_posts: (platform, post_id) -> (account, agency_code, month, asn_sharers,
#   asn_shares, asn_reach, asn_engagement, suppressed)
POSTS = {
    ("x", X1): ("diskominfokalsel", "diskominfo_kalsel", JAN, None, None, None, None, True),  # asn02, bpbd01
    ("x", X2): ("diskominfokalsel", "diskominfo_kalsel", JAN, None, None, None, None, True),  # nobody
    ("tiktok", TT1): ("diskominfokalsel", "diskominfo_kalsel", JAN, None, None, None, None, True),  # asn04
    ("youtube", YT1): ("diskominfokalsel", "diskominfo_kalsel", JAN, None, None, None, None, True),  # asn06
    # asn01 (m01), asn02 (m02), asn03 (m03), asn04 (m04), bpbd02 (m11): 100+200+300+400+20, 10+20+30+40+2
    ("instagram", IG1_ID): ("dinkeskalsel", "dinkes_kalsel", JAN, 5, 5, 1020, 102, False),
    ("instagram", IG2_ID): ("dinkeskalsel", "dinkes_kalsel", JAN, None, None, None, None, True),  # asn02 (bit.ly)
    ("facebook", FB1_ID): ("dinkeskalsel", "dinkes_kalsel", JAN, None, None, None, None, True),  # asn05, twice
}

# mart_campaign, kalsel_cek_fakta (open since 2024): week -> (mentions, reach, official_mentions,
#   official_reach, asn_mentions, asn_reach, asn_share, public_mentions, public_reach,
#   public_share, suppressed). The data run 2 Jan - 27 Feb 2025: weeks from 30 Dec to 24 Feb.
HIDDEN = (None, None, 0, 0, None, None, None, None, None, None, True)
CAMPAIGN = {
    date(2024, 12, 30): HIDDEN,
    date(2025, 1, 6): HIDDEN,  # asn06 and one public person: 2 people
    date(2025, 1, 13): HIDDEN,  # bpbd03
    date(2025, 1, 20): HIDDEN,
    date(2025, 1, 27): HIDDEN,
    date(2025, 2, 3): HIDDEN,
    # 5 ASN (11+12+13+14+15), 5 public (5 x 2), the official account (1000)
    date(2025, 2, 10): (11, 1075, 1, 1000, 5, 65, 5 / 11, 5, 10, 5 / 11, False),
    date(2025, 2, 17): HIDDEN,  # asn13 after the end of his roster period: one public person
    date(2025, 2, 24): HIDDEN,
}
