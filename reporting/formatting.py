"""Indonesian number and date formatting: `1.234.567`, `12,3%`, `+1,2 poin persen`, `Oktober 2024`.

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
    "file_coverage_gap": "Celah antarfile ekspor",
    "stale_data": "Data terlambat",
    "volume_burst": "Lonjakan volume",
    "volume_collapse": "Volume anjlok",
    "negative_burst": "Lonjakan negatif",
    "unlabeled_sentiment": "Tanpa label sentimen",
    "unknown_issue": "Isu tidak dikenal",
    "unknown_region": "Wilayah tidak dikenal",
}
ALERT_KINDS = {
    "negative_burst": "Lonjakan negatif",
    "share_rise": "Lonjakan porsi suara",
    "watchlist": "Kata pantauan",
    "hoax": "Hoaks",
}
ALERT_STATUS = {"open": "Terbuka", "acknowledged": "Diterima", "answered": "Dijawab", "closed": "Ditutup"}
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
    """A change already in percentage points, signed: +1,2 poin persen."""
    return DASH if change_pp is None else number(change_pp, decimals, signed=True) + " poin persen"


def signed_percent(change: float | None, decimals: int = 1) -> str:
    """A relative change, signed: 0.052 -> +5,2%."""
    return DASH if change is None else number(change * 100, decimals, signed=True) + "%"


def net(value: float | None, decimals: int = 2) -> str:
    """Net sentiment in [-1, 1], signed: +0,12."""
    return DASH if value is None else number(value, decimals, signed=True)


def index(value: float | None) -> str:
    """Net sentiment in [-1, 1] as the index on -100..+100, signed: 0.114 -> +11."""
    return DASH if value is None else number(value * 100, 0, signed=True)


def index_change(change: float | None) -> str:
    """A change of net sentiment (in [-2, 2]) as index points, signed: +6 poin."""
    return DASH if change is None else number(change * 100, 0, signed=True) + " poin"


def direction(change: float | None, stable: float, lower_is_better: bool = False) -> str:
    """The direction of a change in words: `membaik`, `memburuk` or `stabil` (|change| < stable)."""
    if change is None:
        return ""
    if abs(change) < stable:
        return "stabil"
    return "membaik" if (change < 0) == lower_is_better else "memburuk"


def trend(change: float | None) -> str:
    """A volume's direction: `naik`, `turun` or `tetap` (neither good nor bad by itself)."""
    if change is None:
        return ""
    return "tetap" if round(change, 3) == 0 else ("naik" if change > 0 else "turun")


def series(items: list[str]) -> str:
    """A list the PUEBI way, with the serial comma: `a`, `a dan b`, `a, b, dan c`."""
    items = [i for i in items if i]
    if len(items) < 3:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


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


def post_time(value: datetime | None) -> str:
    """A post's time in WITA, or only its day when the export gave a date without a time
    (stored as midnight WITA): `6 Oktober 2025`, not `6 Oktober 2025 00.00 WITA`."""
    if value is None:
        return DASH
    local = value.astimezone(WITA) if value.tzinfo else value
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return day(local.date())
    return wita_time(value)


def window_hours(start: datetime, end: datetime) -> str:
    """The hours of a window within one WITA day: `06.00–18.00 WITA` (`24.00` for midnight after)."""
    first, last = start.astimezone(WITA), end.astimezone(WITA)
    until = "24.00" if last.date() > first.date() and last.hour == 0 and last.minute == 0 else f"{last:%H.%M}"
    return f"{first:%H.%M}{DASH}{until} WITA"
