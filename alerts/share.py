"""Rule share_rise: an issue suddenly takes a much larger share of all coverage on one day.

The series is each issue's share of the day's mentions (days without any mention left out),
compared with the previous ``window_days`` days through the robust band of quality/bands.py,
with the MAD floored at ``min_spread`` (a share is not a count). An alert needs the share at
least ``min_rise_points`` above its median and ``min_mentions`` mentions of the issue that day.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb

from alerts.model import Alert, alert_id, slot_bounds
from quality.bands import Band, band_table

SERIES_SQL = """
    create or replace temp table _share_series as
    with daily as (
      select mention_date as day, issue, count(*) as n from marts.fct_mentions group by all
    ), totals as (
      select day, sum(n) as total from daily group by all
    ), issues as (
      select distinct issue from marts.fct_mentions where issue_in_taxonomy
    )
    select i.issue as subject, 0 as slot, t.day, coalesce(d.n, 0) / t.total as n,
           coalesce(d.n, 0) >= $min_mentions as candidate, coalesce(d.n, 0) as mentions, t.total
    from issues i cross join totals t left join daily d on d.issue = i.issue and d.day = t.day
"""

ALERTS_SQL = """
    select b.subject, b.day, b.n, b.med, (b.n - b.med) / b.sigma as score, s.mentions,
           (select count(*) from marts.fct_mentions f
            where f.issue = b.subject and f.mention_date = b.day and f.sentiment = 'negative') as negative
    from _share_band b join _share_series s using (subject, slot, day)
    where b.n > b.high and b.n - b.med >= $min_rise
    order by b.day, b.subject
"""


def share_rises(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Alert]:
    """Every share-of-voice rise in ``marts.fct_mentions`` (province-wide, by WITA day)."""
    con.execute(SERIES_SQL, {"min_mentions": cfg["min_mentions"]})
    band = Band.from_config(cfg, count_noise=0.0, min_mad=cfg["min_spread"])
    band_table(con, "_share_series", "_share_band", band)
    rows = con.execute(ALERTS_SQL, {"min_rise": cfg["min_rise_points"]}).fetchall()
    alerts = []
    for issue, day, share, median, score, mentions, negative in rows:
        start, _ = slot_bounds(day, 1, 1)
        alerts.append(
            Alert(
                alert_id=alert_id("share_rise", issue, None, day),
                kind="share_rise",
                issue=issue,
                region_code=None,
                term=None,
                window_start=start,
                window_end=start + timedelta(days=1),
                mentions=int(mentions),
                negative_mentions=int(negative),
                baseline=float(median),
                score=float(score),
                severity="medium",
                share=float(share),
            )
        )
    return alerts
