"""Official posts that answer the planted burst of 6 October (of the story's year), at known times.

Diskominfo Kalsel answers on Instagram at 14:30 WITA the same day, naming the mine, Tanah Bumbu
and the hashtag (#SaveBanua) the watchlist seed follows; the environment agency (DLH, responsible
for the issue in the seed issue_agencies) names every kabupaten the burst reached at 16:00; the
governor's office follows up on Facebook the next morning. An alert counts as answered by the
first post of a responsible or coordinating agency that names its kabupaten (docs/alerts.md), so
Tanah Bumbu's alert is answered at 14:30 and another kabupaten's at 16:00. Written as separate
exports, so no planted fact of sample_data/platforms.py changes.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from .platforms import WITA, _csv, _rows, _save

# (account, platform, days after the burst, WITA hour and minute, text, post id)
RESPONSES: list[tuple[str, str, int, time, str, int]] = [
    (
        "diskominfokalsel",
        "instagram",
        0,
        time(14, 30),
        "Klarifikasi Pemprov Kalsel soal jalan amblas di Tanah Bumbu akibat lubang tambang: tim Dinas PUPR "
        "dan DLH sudah di lokasi, jalur alternatif disiapkan. #SaveBanua",
        7_000_000_000_000_001,
    ),
    (
        "dlhkalsel",
        "instagram",
        0,
        time(16, 0),
        "Tim DLH Kalsel turun ke lubang tambang yang longsor di Tanah Bumbu, Tanah Laut, Kotabaru dan Kabupaten "
        "Banjar. Perusahaan wajib menutup dan mereklamasi lubang bekas tambang.",
        7_000_000_000_000_003,
    ),
    (
        "humasprovkalsel",
        "facebook",
        1,
        time(9, 15),
        "Gubernur meninjau jalan amblas di Tanah Bumbu dan meminta perusahaan tambang bertanggung jawab.",
        7_000_000_000_000_002,
    ),
]
EXPORT_DAYS_AFTER = 2


def response_times(burst_date: date) -> list[datetime]:
    """When each of RESPONSES is published (WITA), for a burst on ``burst_date``."""
    return [datetime.combine(burst_date + timedelta(days=after), at, WITA) for _, _, after, at, _, _ in RESPONSES]


def write_responses(home: Path, burst_date: date, today: date) -> dict:
    """Write one small export per response post published by ``today``, dated like a download
    two days after the burst (never after ``today``); returns the files and the planted posts."""
    files: list[Path] = []
    posts: list[dict] = []
    root = Path(home) / "landing" / "platform"
    exported = min(burst_date + timedelta(days=EXPORT_DAYS_AFTER), today)
    for (account, platform, _, _, text, post_id), at in zip(RESPONSES, response_times(burst_date), strict=True):
        if at.date() > today:
            continue
        post = {
            "day": at.date(),
            "minute": at.hour * 60 + at.minute,
            "views": 12_000,
            "reach": 9_000,
            "likes": 640,
            "comments": 85,
            "shares": 120,
            "saves": 30,
            "id": post_id,
            "topic": text,
        }
        header, rows = _rows(platform, account, [post])
        bom = "\ufeff" if platform in ("facebook", "instagram") else ""
        path = root / account / f"{platform}_posts_tanggapan_{at:%Y-%m-%d}.csv"
        _save(path, (bom + _csv(header, rows)).encode(), exported, files)
        posts.append({"account": f"{platform}/{account}", "published_at": at, "text": text})
    return {"files": files, "posts": posts}
