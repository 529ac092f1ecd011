"""Plain-text summary printed by `citra build`: where the warehouse is and three headline numbers."""

from __future__ import annotations

from pathlib import Path

import duckdb


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def headline(warehouse: Path) -> list[str]:
    """Headline numbers from the marts, for the terminal."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        mentions, first, last, issues = con.execute(
            """select count(*), min(month), max(month), count(distinct issue)
               from marts.fct_mentions"""
        ).fetchall()[0]
        latest = con.execute(
            """with per_month as (
                 select month, sum(mentions) as mentions, sum(positive) as positive,
                        sum(negative) as negative, sum(positive + neutral + negative) as labelled
                 from marts.mart_issue_sentiment_monthly group by month)
               select month, mentions, positive / nullif(labelled, 0), negative / nullif(labelled, 0)
               from per_month
               where month < (select max(month) from per_month) or
                     (select max(mention_date) from marts.fct_mentions) = last_day(month)
               order by month desc limit 1"""
        ).fetchall()
        lines = [
            f"Warehouse:  {warehouse}",
            f"  1. {mentions:,} unique mentions, {issues} issues, months {first:%Y-%m} to {last:%Y-%m}"
            if mentions else "  1. no mentions yet: drop exports into landing/media/",
        ]
        if latest:
            month, month_mentions, pos, neg = latest[0]
            worst = con.execute(
                """select issue, negative_share, negative from marts.mart_issue_sentiment_monthly
                   where month = ? and negative > 0 order by negative_share desc, negative desc limit 1""",
                [month],
            ).fetchall()
            lines.append(
                f"  2. {month:%Y-%m} (latest complete month): {month_mentions:,} mentions, "
                f"positive {_pct(pos)}, negative {_pct(neg)}"
            )
            if worst:
                issue, share, count = worst[0]
                lines.append(f"  3. most negative issue in {month:%Y-%m}: {issue} ({_pct(share)} negative, {count:,} mentions)")
    return lines
