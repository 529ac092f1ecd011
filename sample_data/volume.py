"""Daily volume and sentiment model, and the planted anomalies (burst, feed gap, missing month).

Decides, before any text is written, exactly how many mentions fall on each day, issue and
feed, so that the total is exactly the requested number and the holes are really empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

MELTWATER: int = 0
KLIPING: int = 1
KLIPING_SHARE: float = 0.08
SOCIAL_SHARE_OF_ALL: float = 0.35

BURST_DATE: date = date(2025, 10, 6)
BURST_ISSUE: str = "lingkungan_tambang"
BURST_REGION: str = "6310"
BURST_FACTOR: float = 20.0
BURST_MIN_ROWS: int = 30
FEED_GAP: tuple[date, date] = (date(2025, 3, 10), date(2025, 3, 18))  # Meltwater, inclusive
MISSING_KLIPING_MONTH: date = date(2025, 8, 1)

WEEKDAY_FACTOR = np.array([1.08, 1.12, 1.10, 1.06, 1.00, 0.70, 0.55])  # Monday .. Sunday
ISSUE_SHARE: dict[str, float] = {
    "pendidikan": 0.13,
    "ekonomi": 0.14,
    "kesehatan": 0.10,
    "infrastruktur": 0.12,
    "banjir": 0.06,
    "lingkungan_tambang": 0.08,
    "pelayanan_publik": 0.09,
    "sosial": 0.10,
    "pariwisata": 0.07,
    "pemerintahan": 0.11,
}
# (centre month, centre day, width in days, height) of yearly bumps per issue.
SEASONS: dict[str, list[tuple[int, int, float, float]]] = {
    "banjir": [(1, 10, 35.0, 2.2)],
    "lingkungan_tambang": [(9, 15, 32.0, 1.3)],
    "pendidikan": [(7, 10, 18.0, 0.6)],
    "pariwisata": [(12, 28, 14.0, 0.5), (6, 25, 14.0, 0.3)],
    "sosial": [(3, 15, 20.0, 0.4)],
}
TREND: dict[str, float] = {"ekonomi": 0.20, "pelayanan_publik": -0.10, "pariwisata": 0.15}  # over the period
# (positive, neutral, negative) before monthly variation.
SENTIMENT_BASE: dict[str, tuple[float, float, float]] = {
    "pendidikan": (0.36, 0.54, 0.10),
    "ekonomi": (0.30, 0.55, 0.15),
    "kesehatan": (0.26, 0.57, 0.17),
    "infrastruktur": (0.30, 0.45, 0.25),
    "banjir": (0.08, 0.50, 0.42),
    "lingkungan_tambang": (0.07, 0.45, 0.48),
    "pelayanan_publik": (0.20, 0.45, 0.35),
    "sosial": (0.36, 0.54, 0.10),
    "pariwisata": (0.46, 0.49, 0.05),
    "pemerintahan": (0.25, 0.55, 0.20),
}


@dataclass(frozen=True)
class Plan:
    """Counts per (day, issue, feed) plus what the rows of each day will look like."""

    days: np.ndarray  # datetime64[D], one per day of the period
    month_starts: list[date]
    month_of_day: np.ndarray  # int index into month_starts
    counts: np.ndarray  # int64 [day, issue, feed], background mentions
    sentiment_p: np.ndarray  # float [month, issue, 3] positive/neutral/negative
    social_p: np.ndarray  # float [day], share of Meltwater rows that are social
    burst_day: int | None
    burst_rows: int


def month_starts(start: date, months: int) -> list[date]:
    """First day of each month of the period."""
    out: list[date] = []
    y, m = start.year, start.month
    for _ in range(months + 1):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _bump(day_of_year: np.ndarray, centre: int, width: float) -> np.ndarray:
    d = np.abs(day_of_year - centre)
    d = np.minimum(d, 365 - d)
    return np.exp(-(d.astype(float) ** 2) / (2 * width**2))


def daily_intensity(days: np.ndarray, issues: tuple[str, ...], noise: np.ndarray) -> np.ndarray:
    """Expected relative volume per [day, issue]: weekday rhythm x season x trend x noise."""
    weekday = (days.astype("datetime64[D]").astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    years = days.astype("datetime64[Y]")
    doy = (days - years.astype("datetime64[D]")).astype(np.int64)
    progress = np.linspace(0.0, 1.0, len(days))
    out = np.empty((len(days), len(issues)))
    for j, issue in enumerate(issues):
        season = np.ones(len(days))
        for month, day, width, height in SEASONS.get(issue, []):
            season += height * _bump(doy, int(date(2001, month, day).strftime("%j")) - 1, width)
        trend = 1.0 + TREND.get(issue, 0.0) * (progress - 0.5)
        out[:, j] = ISSUE_SHARE.get(issue, 0.1) * season * trend
    return out * WEEKDAY_FACTOR[weekday][:, None] * noise


def sentiment_probabilities(months: list[date], issues: tuple[str, ...], rng: np.random.Generator) -> np.ndarray:
    """[month, issue, 3]: base mix per issue, a good-news stretch in 2025, a sour aftermath of the burst."""
    p = np.empty((len(months), len(issues), 3))
    for j, issue in enumerate(issues):
        base = np.array(SENTIMENT_BASE.get(issue, (0.25, 0.55, 0.20)))
        for i, m in enumerate(months):
            wobble = np.exp(rng.normal(0.0, 0.15, 3))
            if date(2025, 1, 1) <= m <= date(2025, 9, 1):
                wobble *= (1.25, 1.0, 0.85)
            if issue in (BURST_ISSUE, "pemerintahan") and date(2025, 10, 1) <= m <= date(2025, 11, 1):
                wobble *= (0.8, 1.0, 1.4)
            q = base * wobble
            p[i, j] = q / q.sum()
    return p


def make_plan(n: int, seed: int, start: date, months: int, issues: tuple[str, ...]) -> Plan:
    """Split exactly ``n`` mentions over days, issues and feeds, honouring the planted holes."""
    rng = np.random.default_rng([seed, 0])
    starts = month_starts(start, months)
    days = np.arange(np.datetime64(starts[0]), np.datetime64(starts[-1]), dtype="datetime64[D]")
    month_keys = days.astype("datetime64[M]")
    month_of_day = (month_keys - month_keys[0]).astype(np.int64)
    noise = np.exp(rng.normal(0.0, 0.15, (len(days), len(issues))))
    base = daily_intensity(days, issues, noise)
    cells = np.stack([base * (1 - KLIPING_SHARE), base * KLIPING_SHARE], axis=2)
    gap = (days >= np.datetime64(FEED_GAP[0])) & (days <= np.datetime64(FEED_GAP[1]))
    cells[gap, :, MELTWATER] = 0.0
    cells[month_keys == np.datetime64(MISSING_KLIPING_MONTH, "M"), :, KLIPING] = 0.0
    sentiment_p = sentiment_probabilities(starts[:-1], issues, rng)

    burst_day: int | None = None
    burst_rows = 0
    hits = np.nonzero(days == np.datetime64(BURST_DATE))[0]
    if len(hits) and BURST_ISSUE in issues:
        burst_day = int(hits[0])
        j = issues.index(BURST_ISSUE)
        same_month = month_of_day == month_of_day[burst_day]
        daily = cells[same_month, j, :].sum(axis=1).mean() / cells.sum() * n
        expected_neg = daily * sentiment_p[month_of_day[burst_day], j, 2]
        burst_rows = min(max(int(round(BURST_FACTOR * expected_neg)), BURST_MIN_ROWS), n // 5)

    p = cells.ravel() / cells.sum()
    counts = rng.multinomial(n - burst_rows, p).reshape(cells.shape)
    social = np.linspace(0.30, 0.40, len(days)) / (1 - KLIPING_SHARE)
    return Plan(days, starts[:-1], month_of_day, counts, sentiment_p, np.minimum(social, 0.9), burst_day, burst_rows)
