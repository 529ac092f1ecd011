"""Rules on the shape of the data: days outside a robust volume band, and unlabeled shares.

A burst is a day above median + k x 1.4826 x MAD of the trailing window (not counting the day
itself); a collapse is a day below collapse_ratio x that median and below median - k x
sqrt(median), the noise of a count, so a sparse feed's quiet day is no alarm. Both are robust,
which a single crisis day or a broken week does not drag along the way a mean would. The MAD
is floored at a share of the median and at its square root (the noise of a count), so a quiet
series does not raise an alarm for every small wobble.
"""

from __future__ import annotations

from typing import Any

import duckdb

from quality.rules import Finding, month_end

BAND_SQL = """
    with daily as (
      select subject, day, n from {source}
    ), windowed as (
      select subject, day, n,
             list(n) over (partition by subject order by day
                           range between to_days($window) preceding and to_days(1) preceding) as history
      from daily
    ), stats as (
      select subject, day, n, len(history) as days_seen,
             list_median(history) as med,
             list_median(list_transform(history, lambda v: abs(v - list_median(history)))) as mad
      from windowed
    ), banded as (
      select *, $k * 1.4826 * greatest(mad, $min_spread * med, sqrt(med), 1) as spread from stats
      where days_seen >= $min_history
    )
    select subject, day, n, med, least($collapse_ratio * med, med - $k * sqrt(med)) as low,
           med + spread as high
    from banded
    where n > med + spread or n < least($collapse_ratio * med, med - $k * sqrt(med))
    order by subject, day
"""


def volume_band(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Feed days far above (burst) or below (collapse) their trailing band. Only days with
    data count, in the day and in its history: days without data are the missing-days rule's."""
    con.execute("create or replace temp view _feed_daily as select subject, day, n from _series where family = 'feed'")
    params = {
        "window": cfg["window_days"],
        "k": cfg["k"],
        "min_spread": cfg["min_spread_ratio"],
        "min_history": cfg["min_history_days"],
        "collapse_ratio": cfg["collapse_ratio"],
    }
    findings = []
    for subject, day, n, med, low, high in con.execute(BAND_SQL.format(source="_feed_daily"), params).fetchall():
        burst = n > high
        findings.append(
            Finding(
                "volume_burst" if burst else "volume_collapse",
                subject,
                day,
                day,
                "warn",
                f"{subject} has {n} mentions on {day}; the trailing {cfg['window_days']} days had a median of "
                f"{med:g} (normal range {low:.0f}-{high:.0f})"
                + ("; a crisis or a campaign?" if burst else "; is the feed broken?"),
            )
        )
    return findings


def negative_burst_days(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[tuple]:
    """(issue, day, negative mentions, trailing median) of every day on which the negative
    coverage of one issue bursts above its band: the rule shared by dq_gaps and the report."""
    con.execute("""
        create or replace temp table _negative_daily as
        with bounds as (select min(mention_date) as a, max(mention_date) as b from marts.fct_mentions),
        issues as (select distinct issue from marts.fct_mentions where sentiment = 'negative'),
        counts as (select issue, mention_date as day, count(*) as n from marts.fct_mentions
                   where sentiment = 'negative' group by all)
        select i.issue as subject, g.d::date as day, coalesce(c.n, 0) as n
        from issues i, bounds b, generate_series(b.a, b.b, interval 1 day) as g(d)
        left join counts c on c.issue = i.issue and c.day = g.d::date
    """)
    params = {
        "window": cfg["window_days"],
        "k": cfg["k"],
        "min_spread": cfg["min_spread_ratio"],
        "min_history": cfg["min_history_days"],
        "collapse_ratio": cfg["collapse_ratio"],
    }
    rows = con.execute(BAND_SQL.format(source="_negative_daily"), params).fetchall()
    return [
        (issue, day, n, med)
        for issue, day, n, med, _, high in rows
        if n > high and n >= cfg["negative_burst_min_count"]
    ]


def negative_bursts(con: duckdb.DuckDBPyConnection, cfg: dict[str, Any]) -> list[Finding]:
    """Findings for the days on which the negative coverage of one issue bursts."""
    return [
        Finding(
            "negative_burst",
            issue,
            day,
            day,
            "warn",
            f"{n} negative mentions of {issue} on {day}, against a median of {med:g} per day "
            f"over the previous {cfg['window_days']} days",
        )
        for issue, day, n, med in negative_burst_days(con, cfg)
    ]


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
