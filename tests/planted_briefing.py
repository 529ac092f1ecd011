"""A warehouse with planted issue counts over September-November 2025, for the briefing tests.

What is planted in November 2025 (the report's month), with the default thresholds
(min 20 negative and 30 labelled mentions, attention at 30%, 3 months in a row):
- `lingkungan_tambang`: a burst of 25 negative mentions on 12 November over about one a day,
  about 46% negative (25% before): needs an answer (`jawab`);
- `ekonomi`: 25 / 60 = 41,7% negative after 10% in October, all negative mentions in Kota
  Banjarbaru: a clarification and coordination with Banjarbaru;
- `banjir`: 40% negative for the third month in a row: work on the problem (`tindak_lanjut`);
- `pendidikan`: 3 -> 11 negative mentions, 55% of 20 labelled: the highest share, but too few
  mentions to be called out;
- `kesehatan`: the largest issue, 5% negative.
Five mentions on 13 November name officials (``QUOTED``): the governor (in a title, in a
snippet by name, in a private person's social post), the vice-governor (whose title contains
the governor's), the head of DLH, and a near miss (`gubernur kalselatan`) that is no match.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
from report_warehouse import PROVINCE, REGIONS, add_reference, create_marts, insert_mentions, mention

MONTHS = [date(2025, 9, 1), date(2025, 10, 1), date(2025, 11, 1)]
NOV = MONTHS[-1]
BURST_DAY = date(2025, 11, 12)
BURST = 25
ISSUES = [
    ("lingkungan_tambang", "Lingkungan & Tambang"),
    ("ekonomi", "Ekonomi"),
    ("banjir", "Banjir"),
    ("pendidikan", "Pendidikan"),
    ("kesehatan", "Kesehatan"),
]
# (positive, neutral, negative, unlabeled) per issue and month, before the burst
COUNTS = {
    "lingkungan_tambang": [(30, 60, 30, 0), (30, 60, 30, 0), (30, 30, 29, 2)],
    "ekonomi": [(24, 30, 6, 0), (24, 30, 6, 0), (15, 20, 25, 0)],
    "banjir": [(20, 20, 20, 0), (16, 20, 24, 0), (20, 25, 30, 3)],
    "pendidikan": [(10, 17, 3, 0), (10, 17, 3, 0), (4, 5, 11, 0)],
    "kesehatan": [(90, 100, 10, 0), (90, 100, 10, 0), (90, 100, 10, 5)],
}
AGENCIES = [
    ("dlh_kalsel", "Dinas Lingkungan Hidup", "DLH Kalsel"),
    ("dpupr_kalsel", "Dinas PUPR", "Dinas PUPR Kalsel"),
    ("dpmptsp_kalsel", "DPMPTSP", "DPMPTSP Kalsel"),
    ("bpbd_kalsel", "BPBD", "BPBD Kalsel"),
]
ISSUE_AGENCIES = [
    ("lingkungan_tambang", "dpupr_kalsel", "pendukung"),
    ("lingkungan_tambang", "dlh_kalsel", "utama"),
    ("ekonomi", "dpmptsp_kalsel", "utama"),
    ("banjir", "bpbd_kalsel", "utama"),
]
OFFICIALS = [
    ("gubernur", "H. Contoh Gubernur", "Gubernur Kalimantan Selatan", None),
    ("wakil_gubernur", "Hj. Contoh Wakil", "Wakil Gubernur Kalimantan Selatan", None),
    ("kadis_dlh", "Contoh Kadis", "Kepala Dinas Lingkungan Hidup", "dlh_kalsel"),
]
ALIASES = [
    ("gubernur kalsel", "gubernur"),
    ("contoh gubernur", "gubernur"),
    ("wakil gubernur kalsel", "wakil_gubernur"),
    ("kepala dlh kalsel", "kadis_dlh"),
]
QUOTED = {"gubernur": 3, "wakil_gubernur": 1, "kadis_dlh": 1}
SENTIMENT = ("positive", "neutral", "negative", None)
KABKOTA = [r[0] for r in REGIONS]


def _spread(month: date, counts: tuple[int, int, int, int]) -> list[tuple[date, str | None]]:
    """(day, sentiment) pairs, each sentiment spread evenly over the month's days."""
    days = (MONTHS[MONTHS.index(month) + 1] if month != NOV else date(2025, 12, 1)) - month
    out = []
    for sentiment, n in zip(SENTIMENT, counts):
        out += [(month + timedelta(days=(k * days.days) // max(n, 1)), sentiment) for k in range(n)]
    return out


def _region(issue: str, month: date, sentiment: str | None, k: int) -> str | None:
    if issue == "ekonomi" and month == NOV and sentiment == "negative":
        return "6372"
    return ([*KABKOTA, PROVINCE[0], None])[k % 5]


def build_planted(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        create_marts(con, ISSUES, [*REGIONS, PROVINCE])
        rows: list[dict] = []
        for issue, per_month in COUNTS.items():
            for month, counts in zip(MONTHS, per_month):
                for k, (day, sentiment) in enumerate(_spread(month, counts)):
                    rows.append(
                        mention(len(rows), day, 9 + k % 8, issue, sentiment, _region(issue, month, sentiment, k))
                    )
        for k in range(BURST):
            rows.append(
                mention(
                    len(rows),
                    BURST_DAY,
                    8 + k % 10,
                    "lingkungan_tambang",
                    "negative",
                    KABKOTA[k % 3],
                    title=f"Jalan amblas akibat tambang, laporan {k}",
                    reach=10_000_000 - k,
                )
            )
        quoted = [
            dict(
                title="Gubernur Kalsel tinjau jalan amblas",
                snippet="Kepala DLH Kalsel ikut hadir.",
                author="Siti Rahmah",
            ),
            dict(title="Wakil Gubernur Kalsel minta tambang ditutup", media_type="print", author="Ahmad Fauzi"),
            dict(title="Jalan segera diperbaiki", snippet="kata gubernur kalselatan", media_type="tv"),
            dict(
                title="Warga tagih janji", snippet="H. Contoh Gubernur berjanji memperbaiki jalan", media_type="radio"
            ),
            dict(
                title="warga kesal, gubernur kalsel ke mana?",
                media_type="social",
                author="anon-1234abcd",
                outlet="TikTok",
            ),
        ]
        for k, extra in enumerate(quoted):  # QUOTED
            rows.append(
                mention(
                    len(rows),
                    BURST_DAY + timedelta(days=1),
                    10 + k,
                    "lingkungan_tambang",
                    "neutral",
                    KABKOTA[k % 3],
                    **extra,
                )
            )
        insert_mentions(con, rows)
    add_reference(path, ISSUE_AGENCIES, AGENCIES, OFFICIALS, ALIASES)
    return path
