"""Rule negative_burst: an issue's negative mentions far above the same window of earlier days.

Series (one per issue, and per issue and kabupaten/kota): negative mentions per WITA day
(slot 0) and per 6-hour window (slots 1-4), zero on days without any, each compared with the
same slot of the previous ``window_days`` days through the robust band of quality/bands.py.
Every window of one issue, region and day that bursts makes one alert: it runs from the first
bursting 6-hour window (the day's start when only the whole day bursts) to the last (the day's
end when the whole day bursts), and its counts and baseline are the sums over that span.
"""

from __future__ import annotations

from typing import Any

import duckdb

from alerts.model import Alert, alert_id, slot_bounds
from quality.bands import Band, band_table

SERIES_SQL = """
    create or replace temp table _negative_series as
    with negative as (
      select issue, coalesce(region_code, '') as region, mention_date as day,
             1 + cast(hour(published_at_wita) // 6 as integer) as slot
      from marts.fct_mentions
      where sentiment = 'negative' and issue_in_taxonomy
    ), grouped as (
      select issue, '' as region, day, slot from negative
      union all
      select issue, region, day, slot from negative where region <> '' and $per_region
    ), counts as (
      select issue, region, day, slot, count(*) as n from grouped group by all
    ), bounds as (
      select min(mention_date) as first_day, max(mention_date) as last_day from marts.fct_mentions
    ), subjects as (
      select distinct issue, region from counts
    ), grid as (
      select s.issue, s.region, g.d::date as day, w.slot
      from subjects s, bounds b, generate_series(b.first_day, b.last_day, interval 1 day) as g(d),
           (values (1), (2), (3), (4)) as w(slot)
    ), windows as (
      select g.issue || '|' || g.region as subject, g.slot, g.day, coalesce(c.n, 0) as n
      from grid g left join counts c using (issue, region, day, slot)
    ), days as (
      select subject, 0 as slot, day, sum(n) as n from windows group by all
    )
    select *, n >= $min_window as candidate from windows
    union all
    select *, n >= $min_day from days
"""

ALERTS_SQL = """
    with bursting as (
      select subject, slot, day, (n - med) / sigma as score from _negative_band where n > high
    ), days as (
      select subject, day, max(score) as score, bool_or(slot = 0) as whole_day,
             coalesce(min(slot) filter (where slot > 0), 1) as first_slot,
             case when bool_or(slot = 0) then 4 else max(slot) filter (where slot > 0) end as last_slot
      from bursting group by all
    )
    select d.subject, d.day, d.first_slot, d.last_slot, d.score,
           sum(s.n)::bigint as negative, sum(coalesce(b.med, 0)) as baseline
    from days d
    join _negative_series s on s.subject = d.subject and s.day = d.day and s.slot between d.first_slot and d.last_slot
    left join _negative_band b on b.subject = s.subject and b.day = s.day and b.slot = s.slot
    group by all
    order by d.day, d.subject
"""


def negative_bursts(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any], per_region: bool | None = None) -> list[Alert]:
    """Every negative-burst alert in ``marts.fct_mentions``; ``per_region=False`` gives only the
    province-wide ones (what marts.dq_gaps and the report list)."""
    regions = cfg["per_region"] if per_region is None else per_region
    minimum = {"min_day": cfg["min_count"]["day"], "min_window": cfg["min_count"]["six_hours"]}
    con.execute(SERIES_SQL, {"per_region": regions, **minimum})
    band_table(con, "_negative_series", "_negative_band", Band.from_config(cfg))
    rows = con.execute(ALERTS_SQL).fetchall()
    alerts = []
    for subject, day, first_slot, last_slot, score, negative, baseline in rows:
        issue, region = subject.split("|")
        start, end = slot_bounds(day, first_slot, last_slot)
        alerts.append(
            Alert(
                alert_id=alert_id("negative_burst", issue, region or None, day),
                kind="negative_burst",
                issue=issue,
                region_code=region or None,
                term=None,
                window_start=start,
                window_end=end,
                mentions=0,  # filled in with the evidence
                negative_mentions=int(negative),
                baseline=float(baseline),
                score=float(score),
                severity="high" if score >= cfg["high_score"] else "medium",
            )
        )
    return alerts
