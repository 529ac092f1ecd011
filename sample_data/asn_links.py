"""The official posts the sample's civil servants share, and the many ways a link to one is written.

The posts are read back from the platform exports the generator has just written (their
layouts are the platforms' own), so this module does not depend on how those are drawn. A
shared link takes one of the forms people really paste: mobile and desktop hosts, with or
without https:// and www., tracking parameters, and each platform's other paths to a post.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np

TOKEN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# (column with the link, column with the time, time format) per posts export
LAYOUTS = {
    "facebook": ("Permalink", "Publish time", "%m/%d/%Y %H:%M"),
    "instagram": ("Permalink", "Publish time", "%m/%d/%Y %H:%M"),
    "tiktok": ("Video link", "Post time", "%Y-%m-%d %H:%M:%S"),
    "x": ("Post Link", "Date", "%a, %b %d, %Y"),
}


@dataclass(frozen=True)
class OfficialPost:
    platform: str
    account: str
    post_id: str  # the id or code in its link
    day: date
    views: int


def _post_id(platform: str, url: str) -> str:
    pattern = {
        "facebook": r"/posts/(\w+)",
        "instagram": r"/p/([\w-]+)",
        "tiktok": r"/video/(\d+)",
        "x": r"/status/(\d+)",
    }
    return re.search(pattern[platform], url).group(1)


def official_posts(home: Path) -> list[OfficialPost]:
    """Every official post in ``home/landing/platform`` (re-exports skipped), oldest first."""
    posts: dict[tuple[str, str], OfficialPost] = {}
    for path in sorted((Path(home) / "landing" / "platform").rglob("*")):
        account, name = path.parent.name, path.name
        if "reexport" in name or not path.is_file():
            continue
        if name.endswith(".zip"):
            with zipfile.ZipFile(path) as archive:
                rows = csv.DictReader(io.StringIO(archive.read("Table data.csv").decode("utf-8")))
                for r in rows:
                    if r["Content"] != "Total" and r["Video publish time"]:
                        day = datetime.strptime(r["Video publish time"], "%b %d, %Y").date()
                        posts[("youtube", r["Content"])] = OfficialPost(
                            "youtube", account, r["Content"], day, int(r["Views"])
                        )
            continue
        platform = name.split("_posts_")[0] if "_posts_" in name else None
        if platform not in LAYOUTS:
            continue
        link, when, fmt = LAYOUTS[platform]
        for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            day = datetime.strptime(r[when], fmt).date()
            views = int(str(r.get("Views") or r.get("Total views") or r.get("Impressions") or 0).replace(",", ""))
            post_id = _post_id(platform, r[link])
            posts[(platform, post_id)] = OfficialPost(platform, account, post_id, day, views)
    return sorted(posts.values(), key=lambda p: (p.day, p.platform, p.post_id))


def token(rng: np.random.Generator, n: int) -> str:
    return "".join(TOKEN[i] for i in rng.integers(0, len(TOKEN), n))


def link_forms(post: OfficialPost, rng: np.random.Generator) -> list[str]:
    """The forms a link to ``post`` takes when people paste it."""
    a, i, t = post.account, post.post_id, token(rng, 10)
    return {
        "x": [
            f"https://x.com/{a}/status/{i}",
            f"https://twitter.com/{a}/status/{i}?s=20&t={t}",
            f"https://x.com/i/web/status/{i}",
            f"mobile.twitter.com/{a}/status/{i}",
        ],
        "instagram": [
            f"https://www.instagram.com/p/{i}/?igsh={t}",
            f"https://www.instagram.com/reel/{i}/?utm_source=ig_web_copy_link",
            f"instagram.com/{a}/p/{i}",
            f"www.instagram.com/tv/{i}/",
        ],
        "tiktok": [
            f"https://www.tiktok.com/@{a}/video/{i}?is_from_webapp=1&sender_device=pc",
            f"https://m.tiktok.com/v/{i}.html",
            f"tiktok.com/@{a}/video/{i}?lang=id",
        ],
        "facebook": [
            f"https://www.facebook.com/{a}/posts/{i}?__cft__[0]={t}",
            f"https://m.facebook.com/story.php?story_fbid={i}&id=1001&mibextid={t[:6]}",
            f"https://www.facebook.com/permalink.php?story_fbid={i}&id=1001",
        ],
        "youtube": [
            f"https://youtu.be/{i}?si={t}",
            f"https://www.youtube.com/watch?v={i}&feature=share",
            f"https://m.youtube.com/watch?feature=youtu.be&v={i}",
        ],
    }[post.platform]


def own_post_url(platform: str, handle: str, rng: np.random.Generator) -> str:
    """The link of a civil servant's own post."""
    digits = "".join(str(d) for d in rng.integers(0, 10, 18))
    return {
        "x": f"https://x.com/{handle}/status/1{digits}",
        "instagram": f"https://www.instagram.com/p/{token(rng, 11)}/",
        "tiktok": f"https://www.tiktok.com/@{handle}/video/7{digits}",
        "facebook": f"https://www.facebook.com/{handle}/posts/{digits[:16]}",
    }[platform]
