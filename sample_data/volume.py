"""Daily volume and sentiment model, and the planted anomalies (burst, feed gap, missing month).

Decides, before any text is written, exactly how many mentions fall on each day, issue and
feed, so that the total is exactly the requested number and the holes are really empty.

The planted anomalies tell one year's story (``Planted``): good coverage from January to
September, the feed gap in March, a re-export in June, the missing clipping month in August
and the burst of 6 October. That year is 2025 whenever the period holds March to November
2025, else the year nearest to it that fits, so a sample of any period shows the story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

MELTWATER: int = 0
KLIPING: int = 1
KLIPING_SHARE: float = 0.08
SOCIAL_SHARE_OF_ALL: float = 0.35

STORY_YEAR: int = 2025
BURST_ISSUE: str = "lingkungan_tambang"
BURST_REGION: str = "6310"
BURST_FACTOR: float = 20.0
BURST_MIN_ROWS: int = 30


@dataclass(frozen=True)
class Planted:
    """The dates of the planted anomalies, all in one year (see the module docstring)."""

    year: int

    @property
    def burst_date(self) -> date:
        return date(self.year, 10, 6)

    @property
    def feed_gap(self) -> tuple[date, date]:
        """Days without Meltwater rows, inclusive."""
        return date(self.year, 3, 10), date(self.year, 3, 18)

    @property
    def missing_kliping_month(self) -> date:
        return date(self.year, 8, 1)

    @property
    def reexport_range(self) -> tuple[date, date]:
        """Days of the June Meltwater export that are exported again, inclusive."""
        return date(self.year, 6, 1), date(self.year, 6, 20)

    @property
    def reexport_day(self) -> date:
        return date(self.year, 7, 15)

    @property
    def good_months(self) -> tuple[date, date]:
        """First and last month of the stretch of good coverage before the burst."""
        return date(self.year, 1, 1), date(self.year, 9, 1)

    @property
    def sour_months(self) -> tuple[date, date]:
        """The burst's month and the next: more negative coverage of the burst's issues."""
        return date(self.year, 10, 1), date(self.year, 11, 1)


def planted_for(first_month: date, last_month: date) -> Planted:
    """The story in 2025 when March to November 2025 lie in the period, else in the fitting
    year nearest to 2025 (the later of two); 2025 when no year fits (a short sample shows
    what of the story falls into it)."""
    fits = [y for y in range(first_month.year, last_month.year + 1) if first_month <= date(y, 3, 1)]
    fits = [y for y in fits if date(y, 11, 1) <= last_month]
    if not fits:
        return Planted(STORY_YEAR)
    return Planted(min(fits, key=lambda y: (abs(y - STORY_YEAR), -y)))


def first_month_of(last_month: date, months: int) -> date:
    """First day of the month ``months - 1`` months before ``last_month``."""
    index = last_month.year * 12 + last_month.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def export_day(month_start: date, days_after_month: int, today: date) -> date:
    """When a monthly export is downloaded: ``days_after_month`` days after the month ended,
    but never after ``today`` (an export cannot come from the future)."""
    after = (month_start + timedelta(days=32)).replace(day=1) + timedelta(days=days_after_month)
    return min(after, today)


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


def sentiment_probabilities(
    months: list[date], issues: tuple[str, ...], rng: np.random.Generator, planted: Planted
) -> np.ndarray:
    """[month, issue, 3]: base mix per issue, a good-news stretch before the burst, a sour aftermath."""
    p = np.empty((len(months), len(issues), 3))
    good, sour = planted.good_months, planted.sour_months
    for j, issue in enumerate(issues):
        base = np.array(SENTIMENT_BASE.get(issue, (0.25, 0.55, 0.20)))
        for i, m in enumerate(months):
            wobble = np.exp(rng.normal(0.0, 0.15, 3))
            if good[0] <= m <= good[1]:
                wobble *= (1.25, 1.0, 0.85)
            if issue in (BURST_ISSUE, "pemerintahan") and sour[0] <= m <= sour[1]:
                wobble *= (0.8, 1.0, 1.4)
            q = base * wobble
            p[i, j] = q / q.sum()
    return p


def make_plan(n: int, seed: int, start: date, months: int, issues: tuple[str, ...], planted: Planted) -> Plan:
    """Split exactly ``n`` mentions over days, issues and feeds, honouring the planted holes."""
    rng = np.random.default_rng([seed, 0])
    starts = month_starts(start, months)
    days = np.arange(np.datetime64(starts[0]), np.datetime64(starts[-1]), dtype="datetime64[D]")
    month_keys = days.astype("datetime64[M]")
    month_of_day = (month_keys - month_keys[0]).astype(np.int64)
    noise = np.exp(rng.normal(0.0, 0.15, (len(days), len(issues))))
    base = daily_intensity(days, issues, noise)
    cells = np.stack([base * (1 - KLIPING_SHARE), base * KLIPING_SHARE], axis=2)
    gap = (days >= np.datetime64(planted.feed_gap[0])) & (days <= np.datetime64(planted.feed_gap[1]))
    cells[gap, :, MELTWATER] = 0.0
    cells[month_keys == np.datetime64(planted.missing_kliping_month, "M"), :, KLIPING] = 0.0
    sentiment_p = sentiment_probabilities(starts[:-1], issues, rng, planted)

    burst_day: int | None = None
    burst_rows = 0
    hits = np.nonzero(days == np.datetime64(planted.burst_date))[0]
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
