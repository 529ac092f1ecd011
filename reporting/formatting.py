"""Indonesian number and date formatting: `1.234.567`, `12,3%`, `+1,2 pp`, `Oktober 2024`.

Pure functions with no locale dependency, so the report reads the same on every server
(the system locale of a container is rarely `id_ID`).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")

MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
GAP_KINDS = {
    "feed_missing_days": "Hari kosong pada feed",
    "feed_missing_month": "Bulan kosong pada feed",
    "account_missing_days": "Hari kosong pada akun",
    "account_missing_month": "Bulan kosong pada akun",
    "file_coverage_gap": "Celah antar-file ekspor",
    "stale_data": "Data terlambat",
    "volume_burst": "Lonjakan volume",
    "volume_collapse": "Volume anjlok",
    "negative_burst": "Lonjakan negatif",
    "unlabeled_sentiment": "Tanpa label sentimen",
    "unknown_issue": "Isu tidak dikenal",
    "unknown_region": "Wilayah tidak dikenal",
}
DASH = "–"
MINUS = "−"


def _group(digits: str) -> str:
    """Thousands separated by dots: 1234567 -> 1.234.567."""
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


def number(value: float | int | None, decimals: int = 0, signed: bool = False) -> str:
    """A number with a thousands dot and a decimal comma; a dash when unknown."""
    if value is None:
        return DASH
    rounded = round(float(value), decimals)
    if rounded == 0:
        rounded = 0.0
    text = f"{abs(rounded):.{decimals}f}"
    whole, _, frac = text.partition(".")
    body = _group(whole) + ("," + frac if frac else "")
    if rounded < 0:
        return MINUS + body
    return ("+" + body) if signed and rounded > 0 else body


def percent(share: float | None, decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage: 0.1234 -> 12,3%."""
    return DASH if share is None else number(share * 100, decimals) + "%"


def points(change_pp: float | None, decimals: int = 1) -> str:
    """A change already in percentage points, signed: +1,2 pp."""
    return DASH if change_pp is None else number(change_pp, decimals, signed=True) + " pp"


def signed_percent(change: float | None, decimals: int = 1) -> str:
    """A relative change, signed: 0.052 -> +5,2%."""
    return DASH if change is None else number(change * 100, decimals, signed=True) + "%"


def net(value: float | None, decimals: int = 2) -> str:
    """Net sentiment in [-1, 1], signed: +0,12."""
    return DASH if value is None else number(value, decimals, signed=True)


def month_name(month: date) -> str:
    """`Oktober 2024`."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def day(value: date) -> str:
    """`6 Oktober 2024`."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def weekday_day(value: date) -> str:
    """`Minggu, 6 Oktober 2024`."""
    return f"{DAYS[value.weekday()]}, {day(value)}"


def day_range(start: date, end: date) -> str:
    """`10 Maret 2025`, or `10 – 18 Maret 2025` for several days."""
    return day(start) if start == end else f"{day(start)} – {day(end)}"


def wita_time(value: datetime) -> str:
    """An instant as WITA wall-clock time: `6 Oktober 2024 14.05 WITA` (Indonesian uses a dot)."""
    local = value.astimezone(WITA) if value.tzinfo else value
    return f"{day(local.date())} {local:%H.%M} WITA"
