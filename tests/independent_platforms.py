"""An independent count of the official-account posts per platform, account and month, from the
export files (standard library only, none of Citra's code; see tests/independent.py).

Rules as mart_platform_monthly's yml states them: the newest export of a post wins (later file
time, then later name, then later row); a post belongs to the WITA month it was published in
(a post without a publish time to none); views are the post's views (impressions on X);
engagements are reactions + comments + shares on Facebook, likes + comments + shares + saves on
Instagram, likes + comments + shares on TikTok and YouTube, likes + replies + reposts +
bookmarks on X. The account is the folder under landing/platform/.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from independent import WITA, tables


@dataclass(frozen=True)
class PostLayout:
    platform: str
    marker: tuple[str, ...]
    post_id: str
    id_pattern: str | None  # read the id from this column with this pattern (the cell as is otherwise)
    published: str
    date_formats: tuple[str, ...]
    views: str
    engagement: tuple[str, ...]


POST_LAYOUTS = [
    PostLayout(
        "facebook",
        ("Page ID", "Reactions"),
        "Post ID",
        None,
        "Publish time",
        ("%m/%d/%Y %H:%M",),
        "Views",
        ("Reactions", "Comments", "Shares"),
    ),
    PostLayout(
        "instagram",
        ("Account username", "Saves"),
        "Post ID",
        None,
        "Publish time",
        ("%m/%d/%Y %H:%M",),
        "Views",
        ("Likes", "Comments", "Shares", "Saves"),
    ),
    PostLayout(
        "tiktok",
        ("Video link", "Total views"),
        "Video link",
        r"/video/([0-9]+)",
        "Post time",
        ("%Y-%m-%d %H:%M:%S",),
        "Total views",
        ("Total likes", "Total comments", "Total shares"),
    ),
    PostLayout(
        "youtube",
        ("Content", "Video publish time"),
        "Content",
        None,
        "Video publish time",
        ("%b %d, %Y",),
        "Views",
        ("Likes", "Comments added", "Shares"),
    ),
    PostLayout(
        "x",
        ("Post Link", "Impressions"),
        "Post Link",
        r"/status/([0-9]+)",
        "Date",
        ("%a, %b %d, %Y",),
        "Impressions",
        ("Likes", "Replies", "Reposts", "Bookmarks"),
    ),
]


def _number(text: str) -> int:
    return int(text.replace(",", "").strip() or 0)


def _month(text: str, formats: tuple[str, ...]) -> date | None:
    for fmt in formats:
        try:
            local = datetime.strptime(text.strip(), fmt).replace(tzinfo=WITA)
        except ValueError:
            continue
        return date(local.year, local.month, 1)
    return None


def platform_months(landing: Path) -> dict[tuple[str, str, date], dict[str, int]]:
    """(platform, account, month) -> posts, views and engagements of the newest exports."""
    newest: dict[tuple[str, str], tuple[str, date | None, int, int]] = {}
    files = sorted((p for p in landing.rglob("*") if p.is_file()), key=lambda p: (p.stat().st_mtime, str(p)))
    for path in files:
        account = path.relative_to(landing).parts[0]
        for _, rows in tables(path):
            header = [c.strip() for c in rows[0]] if rows else []
            layout = next((pl for pl in POST_LAYOUTS if all(m in header for m in pl.marker)), None)
            if layout is None:
                continue  # a daily metrics file
            for cells in rows[1:]:
                row = dict(zip(header, cells))
                post = row[layout.post_id].strip()
                if layout.id_pattern:
                    post = re.search(layout.id_pattern, post).group(1)
                if not post or post == "Total":
                    continue
                month = _month(row[layout.published], layout.date_formats)
                engagement = sum(_number(row[c]) for c in layout.engagement)
                newest[(layout.platform, post)] = (account, month, _number(row[layout.views]), engagement)
    result: dict[tuple[str, str, date], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (platform, _), (account, month, views, engagement) in newest.items():
        if month is None:
            continue
        cell = result[(platform, account, month)]
        cell["posts"] += 1
        cell["views"] += views
        cell["engagements"] += engagement
    return {key: dict(value) for key, value in result.items()}
