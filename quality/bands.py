"""Rules on the shape of the data: days outside a robust volume band, and unlabeled shares.

A burst is a value above median + k x 1.4826 x MAD of the trailing window (not counting the
day itself); a collapse is a value below collapse_ratio x that median and below median - k x
sqrt(median), the noise of a count, so a sparse feed's quiet day is no alarm. Both are robust,
which a single crisis day or a broken week does not drag along the way a mean would. The MAD
is floored at a share of the median, at its square root (the noise of a count) and at an
absolute minimum, so a quiet series does not raise an alarm for every small wobble.

The band is shared: the volume rules here, and the early-warning alerts (``alerts/``) for
negative bursts per issue and region, by day and by 6-hour window, and for rises of an
issue's share of voice. A series is ``(subject, slot, day, n)``: the trailing window runs
over the previous days of the same subject and slot (slot = the 6-hour window of the day, or
0 for whole days), so each window is compared with the same hours of earlier days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from quality.rules import Finding, month_end

# {source} and {target} are temp tables the callers name from their own fixed names, never user input.
# Only rows flagged `candidate` are judged (an alert rule skips counts below its minimum), each
# against the rows of the same subject and slot in the previous $window days: a join, so a long
# zero-filled series costs in proportion to its candidates, not to its length.
BAND_SQL = """
    create or replace temp table {target} as
    with candidates as (
      select subject, slot, day, n from {source} where candidate
    ), history as (
      select c.subject, c.slot, c.day, c.n, h.n as past
      from candidates c join {source} h
        on h.subject = c.subject and h.slot = c.slot and h.day >= c.day - $window and h.day < c.day
    ), stats as (
      select subject, slot, day, n, count(*) as days_seen, median(past) as med, mad(past) as mad
      from history group by all
    ), banded as (
      select subject, slot, day, n, med,
             1.4826 * greatest(mad, $min_spread * med, $count_noise * sqrt(med), $min_mad) as sigma,
             least($collapse_ratio * med, med - $k * sqrt(med)) as low
      from stats
      where days_seen >= $min_history
    )
    select subject, slot, day, n, med, sigma, low, med + $k * sigma as high from banded
"""


@dataclass(frozen=True)
class Band:
    """Parameters of one robust trailing band (from quality.yml or alerts.yml)."""

    window_days: int
    min_history_days: int
    k: float
    min_spread_ratio: float
    collapse_ratio: float = 0.0  # 0: no collapse is ever flagged (counts are never below 0)
    count_noise: float = 1.0  # MAD floored at this x sqrt(median): the noise of a count; 0 for shares
    min_mad: float = 1.0  # absolute floor of the MAD (a count's 1, a share's few points)

    @classmethod
    def from_config(cls, cfg: dict[str, Any], **overrides: float) -> Band:
        keys = ("window_days", "min_history_days", "k", "min_spread_ratio", "collapse_ratio")
        return cls(**{k: cfg[k] for k in keys if k in cfg}, **overrides)

    def params(self) -> dict[str, float]:
        return {
            "window": self.window_days,
            "min_history": self.min_history_days,
            "k": self.k,
            "min_spread": self.min_spread_ratio,
            "collapse_ratio": self.collapse_ratio,
            "count_noise": self.count_noise,
            "min_mad": self.min_mad,
        }


@dataclass(frozen=True)
class BandRow:
    """A value outside its band: ``sigma`` is the robust standard deviation, so
    ``(n - med) / sigma`` is how many of them the value lies above its median."""

    subject: str
    slot: int
    day: date
    n: float
    med: float
    sigma: float
    low: float
    high: float

    @property
    def above(self) -> bool:
        return self.n > self.high

    @property
    def score(self) -> float:
        return (self.n - self.med) / self.sigma


def band_table(con: duckdb.DuckDBPyConnection, source: str, target: str, band: Band) -> None:
    """Temp table ``target``: every candidate row of the series in ``source`` (subject, slot, day,
    n, candidate) that has enough history, with its band (med, sigma, low, high)."""
    con.execute(BAND_SQL.format(source=source, target=target), band.params())


def outside_band(con: duckdb.DuckDBPyConnection, source: str, band: Band) -> list[BandRow]:
    """Rows of the series in ``source`` that leave their trailing band."""
    band_table(con, source, "_band", band)
    rows = con.execute("select * from _band where n > high or n < low order by subject, slot, day").fetchall()
    return [BandRow(*row) for row in rows]


def volume_band(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Feed days far above (burst) or below (collapse) their trailing band. Only days with
    data count, in the day and in its history: days without data are the missing-days rule's."""
    con.execute(
        "create or replace temp view _feed_daily as "
        "select subject, 0 as slot, day, n, true as candidate from _series where family = 'feed'"
    )
    findings = []
    for row in outside_band(con, "_feed_daily", Band.from_config(cfg)):
        findings.append(
            Finding(
                "volume_burst" if row.above else "volume_collapse",
                row.subject,
                row.day,
                row.day,
                "warn",
                f"{row.subject} has {row.n:g} mentions on {row.day}; the trailing {cfg['window_days']} days had a "
                f"median of {row.med:g} (normal range {row.low:.0f}-{row.high:.0f})"
                + ("; a crisis or a campaign?" if row.above else "; is the feed broken?"),
            )
        )
    return findings


def label_shares(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Months where too many mentions lack a sentiment, or carry an issue or region label
    that the reference seeds do not know."""
    rows = con.execute("""
        with per_month as (
          select f.month, count(*) as mentions,
                 count(*) filter (where f.sentiment is null) as unlabeled,
                 count(*) filter (where not f.issue_in_taxonomy) as unknown_issue,
                 count(*) filter (where m.region_label is not null and f.region_code is null) as unknown_region
          from marts.fct_mentions f
          left join (select mention_id, any_value(region_label) as region_label
                     from raw.media_mentions group by all) m using (mention_id)
          group by all
        )
        select month, mentions, unlabeled, unknown_issue, unknown_region from per_month order by month
    """).fetchall()
    checks = [
        ("unlabeled_sentiment", 2, "max_unlabeled_share", "have no sentiment label"),
        ("unknown_issue", 3, "max_unknown_issue_share", "carry an issue label not in issue_aliases"),
        ("unknown_region", 4, "max_unknown_region_share", "carry a region label not in region_aliases"),
    ]
    findings = []
    for row in rows:
        month, mentions = row[0], row[1]
        for kind, index, limit_key, words in checks:
            share = row[index] / mentions
            if share > cfg[limit_key]:
                findings.append(
                    Finding(
                        kind,
                        "mentions",
                        month,
                        month_end(month),
                        "warn",
                        f"{row[index]:,} of {mentions:,} mentions in {month:%Y-%m} ({share:.1%}) {words} "
                        f"(threshold {cfg[limit_key]:.0%})",
                    )
                )
    return findings
