"""Official-account insights exports for the sample landing zone (``landing/platform/<account>/``).

A dozen accounts (Diskominfo, the governor's office, several SKPD and kabupaten/kota), each on
two to five platforms, exported per quarter in the platforms' own layouts. One account misses
a month, and one quarter is exported again later with grown lifetime numbers.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

WITA = ZoneInfo("Asia/Makassar")
ACCOUNTS: dict[str, tuple[str, ...]] = {
    "diskominfokalsel": ("instagram", "facebook", "tiktok", "youtube", "x"),
    "humasprovkalsel": ("instagram", "facebook", "youtube", "x"),
    "dinkeskalsel": ("instagram", "facebook"),
    "disdikbudkalsel": ("instagram", "tiktok"),
    "bpbdkalsel": ("instagram", "x"),
    "disparkalsel": ("instagram", "tiktok", "youtube"),
    "dpuprkalsel": ("instagram", "facebook"),
    "dlhkalsel": ("instagram",),
    "diskominfotikbjm": ("instagram", "facebook", "tiktok"),
    "diskominfobjb": ("instagram", "youtube"),
    "diskominfobanjar": ("facebook", "instagram"),
    "diskominfotanbu": ("instagram", "tiktok"),
}
# In the year of the planted story (sample_data.volume.Planted): the account without September,
# and the account and platform whose quarter holding May is exported again on 15 August.
MISSING_ACCOUNT, MISSING_MONTH = "dinkeskalsel", 9
REEXPORT_ACCOUNT, REEXPORT_PLATFORM, REEXPORT_MONTH, REEXPORT_DAY = "diskominfokalsel", "instagram", 5, (8, 15)
FB = [
    "Post ID",
    "Page ID",
    "Page name",
    "Title",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Caption type",
    "Permalink",
    "Is crosspost",
    "Is share",
    "Post type",
    "Languages",
    "Custom labels",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Reactions, Comments and Shares",
    "Reactions",
    "Comments",
    "Shares",
    "Total clicks",
]
IG = [
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Duration (sec)",
    "Publish time",
    "Permalink",
    "Post type",
    "Data comment",
    "Date",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
]
TT = ["Video title", "Video link", "Post time", "Total likes", "Total comments", "Total shares", "Total views"]
YT = [
    "Content",
    "Video title",
    "Video publish time",
    "Duration",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Likes",
    "Comments added",
    "Shares",
]
XP = [
    "Post id",
    "Date",
    "Post text",
    "Post Link",
    "Impressions",
    "Likes",
    "Engagements",
    "Bookmarks",
    "Shares",
    "New follows",
    "Replies",
    "Reposts",
    "Profile visits",
]
TOPICS = ["Rapat koordinasi", "Layanan publik", "Festival budaya", "Siaga banjir", "Vaksinasi", "Jalan provinsi"]


def _csv(header: list[str], rows: list[list[object]], quote_all: bool = False) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _save(path: Path, data: bytes, exported: date, files: list[Path]) -> None:
    """Write and date the file like a download on ``exported`` (09:00 WITA)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = datetime.combine(exported, time(9), WITA).timestamp()
    os.utime(path, (stamp, stamp))
    files.append(path)


def _posts(rng: np.random.Generator, days: list[date], scale: float, grow: float) -> list[dict]:
    """Posts of the quarter with lifetime numbers (``grow`` > 1 for a later re-export)."""
    out = []
    for day in days:
        for _ in range(rng.poisson(0.6)):
            views = int(rng.lognormal(np.log(scale), 0.8) * grow)
            out.append(
                {
                    "day": day,
                    "minute": int(rng.integers(6 * 60, 22 * 60)),
                    "views": views,
                    "reach": int(views * rng.uniform(0.5, 0.9)),
                    "likes": int(views * rng.uniform(0.02, 0.08)),
                    "comments": int(views * rng.uniform(0.0, 0.01)),
                    "shares": int(views * rng.uniform(0.0, 0.01)),
                    "saves": int(views * rng.uniform(0.0, 0.005)),
                    "id": int(rng.integers(10**15, 10**16)),
                    "topic": TOPICS[int(rng.integers(len(TOPICS)))],
                }
            )
    return out


def _rows(platform: str, account: str, posts: list[dict]) -> tuple[list[str], list[list[object]]]:
    stamp = [datetime.combine(p["day"], time()) + timedelta(minutes=p["minute"]) for p in posts]
    if platform == "facebook":
        return FB, [
            [
                f"{p['id']}_1",
                "1001",
                account,
                p["topic"],
                "",
                "",
                s.strftime("%m/%d/%Y %H:%M"),
                "",
                f"https://www.facebook.com/{account}/posts/{p['id']}",
                "No",
                "No",
                "Photos",
                "id",
                "",
                "",
                "Lifetime",
                f"{p['views']:,}",
                f"{p['reach']:,}",
                p["likes"] + p["comments"] + p["shares"],
                p["likes"],
                p["comments"],
                p["shares"],
                p["saves"],
            ]
            for p, s in zip(posts, stamp)
        ]
    if platform == "instagram":
        return IG, [
            [
                str(p["id"]),
                "2002",
                account,
                account,
                p["topic"],
                "",
                s.strftime("%m/%d/%Y %H:%M"),
                f"https://www.instagram.com/p/{p['id']}/",
                "IG image",
                "",
                "Lifetime",
                p["views"],
                p["reach"],
                p["likes"],
                p["shares"],
                0,
                p["comments"],
                p["saves"],
            ]
            for p, s in zip(posts, stamp)
        ]
    if platform == "tiktok":
        return TT, [
            [
                p["topic"],
                f"https://www.tiktok.com/@{account}/video/{p['id']}",
                s.strftime("%Y-%m-%d %H:%M:%S"),
                p["likes"],
                p["comments"],
                p["shares"],
                p["views"],
            ]
            for p, s in zip(posts, stamp)
        ]
    if platform == "youtube":
        total = [
            "Total",
            "",
            "",
            "",
            sum(p["views"] for p in posts),
            0,
            0,
            sum(p["likes"] for p in posts),
            sum(p["comments"] for p in posts),
            sum(p["shares"] for p in posts),
        ]
        return YT, [total] + [
            [
                ("-" if p["id"] % 5 == 0 else "v") + f"{p['id']:x}",
                p["topic"],
                "" if p["id"] % 7 == 0 else s.strftime("%b %-d, %Y"),
                120,
                p["views"],
                1,
                0,
                p["likes"],
                p["comments"],
                p["shares"],
            ]
            for p, s in zip(posts, stamp)
        ]
    return XP, [
        [
            f"{p['id'] * 1000:.5E}".replace("E+0", "E+"),
            s.strftime("%a, %b %d, %Y"),
            p["topic"],
            f"https://x.com/{account}/status/{p['id'] * 1000}",
            p["views"],
            p["likes"],
            0,
            p["saves"],
            0,
            0,
            p["comments"],
            p["shares"],
            0,
        ]
        for p, s in zip(posts, stamp)
    ]


def _daily(platform: str, account: str, days: list[date], followers: list[int], views: list[int]) -> dict[str, bytes]:
    """The account-level daily files of one quarter, by file name."""
    first, last = days[0], days[-1]
    if platform in ("facebook", "instagram"):
        out = {}
        for metric, values in (("Views", views), ("Followers", followers)):
            body = _csv(["Date", "Primary"], [[f"{d}T00:00:00", v] for d, v in zip(days, values)], quote_all=True)
            text = f'sep=,\r\n"{metric}"\r\n' + body
            out[f"{platform}_{metric.lower()}_{first}_{last}.csv"] = b"\xff\xfe" + text.encode("utf-16-le")
        return out
    if platform == "tiktok":
        change = [0] + [b - a for a, b in zip(followers, followers[1:])]
        overview = _csv(
            ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"],
            [[d.strftime("%B %-d"), v, v // 40, v // 20, v // 200, v // 300] for d, v in zip(days, views)],
        )
        history = _csv(
            ["Date", "Followers", "Difference in followers from previous day"],
            [[d.strftime("%B %-d"), f, c] for d, f, c in zip(days, followers, change)],
        )
        return {
            f"tiktok_{first}_{last}/Overview.csv": overview.encode(),
            f"tiktok_{first}_{last}/FollowerHistory.csv": history.encode(),
        }
    if platform == "youtube":
        return {"Totals.csv": _csv(["Date", "Views"], [[str(d), v] for d, v in zip(days, views)]).encode()}
    return {}


def write_platforms(home: Path, seed: int, start: date, months: int, year: int, today: date) -> dict:
    """Write the exports (dated two days after each quarter, never after ``today``); returns
    what was planted in ``year`` (files, the missing month, the re-export)."""
    files: list[Path] = []
    root = Path(home) / "landing" / "platform"
    month_starts = [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1) for i in range(months)
    ]
    missing = (MISSING_ACCOUNT, date(year, MISSING_MONTH, 1))
    reexport_month = date(year, REEXPORT_MONTH, 1)
    reexport_quarter = next(
        (month_starts[q] for q in range(0, months, 3) if reexport_month in month_starts[q : q + 3]), None
    )
    reexport_day = min(date(year, *REEXPORT_DAY), today)
    for a, (account, platforms) in enumerate(ACCOUNTS.items()):
        for p, platform in enumerate(platforms):
            rng = np.random.default_rng([seed, 100, a, p])
            scale = float(rng.uniform(300, 5000))
            follower = int(rng.uniform(2_000, 80_000))
            for q in range(0, months, 3):
                quarter = [m for m in month_starts[q : q + 3] if (account, m) != missing]
                end = (month_starts[min(q + 2, months - 1)] + timedelta(days=32)).replace(day=1)
                days = [d for m in quarter for d in (m + timedelta(days=i) for i in range(31)) if d.month == m.month]
                if not days:
                    continue
                followers = list(np.cumsum(rng.integers(-2, 25, len(days))) + follower)
                follower = int(followers[-1])
                views = [int(v) for v in rng.poisson(scale, len(days))]
                posts = _posts(rng, days, scale, 1.0)
                exported = min(end + timedelta(days=2), today)
                tag = f"{days[0]:%Y-%m}_{days[-1]:%Y-%m}"
                header, rows = _rows(platform, account, posts)
                folder = root / account
                if platform == "youtube":
                    buf = io.BytesIO()
                    with zipfile.ZipFile(buf, "w") as zf:
                        zf.writestr("Table data.csv", _csv(header, rows))
                        for name, data in _daily(platform, account, days, followers, views).items():
                            zf.writestr(name, data)
                    _save(folder / f"youtube_{tag}.zip", buf.getvalue(), exported, files)
                    continue
                bom = "\ufeff" if platform in ("facebook", "instagram") else ""
                _save(folder / f"{platform}_posts_{tag}.csv", (bom + _csv(header, rows)).encode(), exported, files)
                for name, data in _daily(platform, account, days, [int(f) for f in followers], views).items():
                    _save(folder / name, data, exported, files)
                if (account, platform, month_starts[q]) == (REEXPORT_ACCOUNT, REEXPORT_PLATFORM, reexport_quarter):
                    again = [
                        {**x, **{k: int(x[k] * 1.25) for k in ("views", "reach", "likes", "comments")}} for x in posts
                    ]
                    _, rows = _rows(platform, account, again)
                    _save(
                        folder / f"{platform}_posts_{tag}_reexport.csv",
                        (bom + _csv(header, rows)).encode(),
                        reexport_day,
                        files,
                    )
    return {
        "files": files,
        "missing_month": {"account": missing[0], "month": missing[1]},
        "reexport": {
            "account": REEXPORT_ACCOUNT,
            "platform": REEXPORT_PLATFORM,
            "quarter_start": reexport_quarter,
            "exported": reexport_day,
        },
    }
