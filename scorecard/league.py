"""The league of one month from ``marts.mart_humas_scorecard``: the ranked units of a type, best
first, for the Dagster UI (top and bottom five) and the monthly report's league table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

LEAGUE_SQL = """
    select unit, unit_name, unit_type, rank, rank_change, composite_score, components_scored,
           accounts_registered, accounts_active, accounts_without_data, posts, posts_per_week,
           engagement_ratio, alerts_on_its_issues, answered_within_24h_share, median_response_hours,
           official_posts_amplified_share, amplification_suppressed, mentions, net_sentiment
    from marts.mart_humas_scorecard
    where month = ? and unit_type = ?
    order by rank nulls last, composite_score desc nulls last, unit_name
"""


@dataclass(frozen=True)
class LeagueRow:
    """One unit's month, as the league shows it."""

    unit: str
    unit_name: str
    unit_type: str
    rank: int | None
    rank_change: int | None
    composite_score: float | None
    components_scored: int
    accounts_registered: int
    accounts_active: int
    accounts_without_data: int
    posts: int | None
    posts_per_week: float | None
    engagement_ratio: float | None
    alerts_on_its_issues: int
    answered_within_24h_share: float | None
    median_response_hours: float | None
    official_posts_amplified_share: float | None
    amplification_suppressed: bool
    mentions: int
    net_sentiment: float | None


def league(con: duckdb.DuckDBPyConnection, month: date, unit_type: str) -> list[LeagueRow]:
    """Every unit of ``unit_type`` in ``month``: ranked ones best first, then the unranked."""
    return [LeagueRow(*row) for row in con.execute(LEAGUE_SQL, [month, unit_type]).fetchall()]


def _table(rows: list[LeagueRow]) -> list[str]:
    lines = ["| rank | unit | composite | components | change |", "|---|---|---|---|---|"]
    for r in rows:
        change = "" if r.rank_change is None else (f"{r.rank_change:+d}" if r.rank_change else "0")
        lines.append(f"| {r.rank} | {r.unit_name} | {r.composite_score:.1f} | {r.components_scored} | {change} |")
    return lines


def league_markdown(con: duckdb.DuckDBPyConnection, month: date, unit_type: str, n: int = 5) -> str:
    """The top and bottom ``n`` ranked units of the month, and how many have no rank."""
    rows = league(con, month, unit_type)
    ranked = [r for r in rows if r.rank is not None]
    if not ranked:
        return f"No {unit_type} has a composite in {month:%Y-%m} ({len(rows)} units)."
    lines = [f"**Top {min(n, len(ranked))}** of {len(ranked)} ranked", "", *_table(ranked[:n])]
    bottom = ranked[max(n, len(ranked) - n) :]
    if bottom:
        lines += ["", f"**Bottom {len(bottom)}**", "", *_table(bottom)]
    unranked = [r.unit_name for r in rows if r.rank is None]
    if unranked:
        lines += ["", f"Without a composite (fewer components with data than the minimum): {', '.join(unranked)}"]
    return "\n".join(lines)
