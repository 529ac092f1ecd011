"""Builders of small platform-insights exports for the tests (real header lists, invented rows)."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

FACEBOOK_HEADER = (
    "Post ID, Page ID, Page name, Title, Description, Duration (sec), Publish time, Caption type, Permalink, "
    "Is crosspost, Is share, Post type, Languages, Custom labels, Funded content status, Data comment, Date, "
    "Views, Reach, Reactions, Comments and Shares, Reactions, Comments, Shares, Total clicks, Link Clicks, "
    "Other Clicks, Negative feedback from users: Hide all"
).split(", ")
INSTAGRAM_HEADER = (
    "Post ID, Account ID, Account username, Account name, Description, Duration (sec), Publish time, "
    "Permalink, Post type, Data comment, Date, Views, Reach, Likes, Shares, Follows, Comments, Saves"
).split(", ")
INSTAGRAM_ID_HEADER = (
    "ID Postingan, ID Akun, Nama pengguna akun, Nama akun, Deskripsi, Durasi, Waktu penerbitan, Permalink, "
    "Jenis postingan, Tanggal, Tayangan, Jangkauan, Suka, Frekuensi dibagikan, Komentar, Frekuensi disimpan, "
    "Kunjungan profil, Mengikuti"
).split(", ")
TIKTOK_OVERVIEW_HEADER = ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
TIKTOK_FOLLOWER_HEADER = ["Date", "Followers", "Difference in followers from previous day"]
TIKTOK_CONTENT_HEADER = [
    "Video title",
    "Video link",
    "Post time",
    "Total likes",
    "Total comments",
    "Total shares",
    "Total views",
]
YOUTUBE_TABLE_HEADER = [
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
YOUTUBE_TOTALS_HEADER = ["Date", "Views"]
YOUTUBE_CHART_HEADER = ["Date", "Content", "Video title", "Video publish time", "Duration", "Views"]
X_CLASSIC_HEADER = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "hashtag clicks",
    "detail expands",
    "permalink clicks",
    "app opens",
    "app installs",
    "follows",
    "email tweet",
    "dial phone",
    "media views",
    "media engagements",
    "promoted impressions",
    "promoted engagements",
    "promoted retweets",
    "promoted likes",
]
X_DAILY_HEADER = [
    "Date",
    "Tweets published",
    "impressions",
    "engagements",
    "engagement rate",
    "retweets",
    "replies",
    "likes",
    "user profile clicks",
    "url clicks",
    "follows",
]
X_POSTS_HEADER = [
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
    "Detail Expands",
    "URL Clicks",
]

WITA = ZoneInfo("Asia/Makassar")


def table_text(
    header: list[str],
    rows: list[list[object]],
    preamble: list[list[str]] | None = None,
    quoting: int = csv.QUOTE_MINIMAL,
) -> str:
    """Rows given as lists, in header order (headers may repeat, as Meta's do)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=quoting)
    for line in preamble or []:
        writer.writerow(line)
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in r] for r in rows])
    return buf.getvalue()


def by_name(header: list[str], **values: object) -> list[object]:
    """A row for ``header`` from keyword values (underscores for spaces; first column of a name)."""
    named = {k.replace("_", " "): v for k, v in values.items()}
    row, used = [], set()
    for h in header:
        row.append(named.get(h, "") if h not in used else "")
        used.add(h)
    return row


def write(path: Path, text: str, *, encoding: str = "utf-8", exported: str | None = None) -> Path:
    """Write ``text`` and date the file like a download on ``exported`` (YYYY-MM-DD, WITA)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    if exported:
        stamp = datetime.fromisoformat(exported).replace(hour=9, tzinfo=WITA).timestamp()
        os.utime(path, (stamp, stamp))
    return path


def meta_daily_text(metric: str, rows: list[tuple[str, int]], date_label: str = "Date") -> str:
    """Meta page-level daily metric: `sep=,`, the metric name, then "Date","Primary" (all quoted)."""
    body = table_text([date_label, "Primary"], [[d, v] for d, v in rows], preamble=[[metric]], quoting=csv.QUOTE_ALL)
    return "sep=,\r\n" + body


def write_meta_daily(
    path: Path, metric: str, rows: list[tuple[str, int]], date_label: str = "Date", exported: str | None = None
) -> Path:
    return write(path, meta_daily_text(metric, rows, date_label), encoding="utf-16", exported=exported)


def write_zip(path: Path, members: dict[str, str], exported: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text.encode("utf-8"))
    if exported:
        stamp = datetime.fromisoformat(exported).replace(hour=9, tzinfo=WITA).timestamp()
        os.utime(path, (stamp, stamp))
    return path
