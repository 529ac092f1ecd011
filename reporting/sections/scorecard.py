"""Rapor kehumasan: the month's league of agencies and of kabupaten/kota from
``marts.mart_humas_scorecard`` (docs/scorecard.md), the units that moved most in the ranking,
and the units without an active official account. Each unit receives its own one-page rapor."""

from __future__ import annotations

from dataclasses import dataclass

from reporting.sections.base import MonthContext
from scorecard.league import LeagueRow, league

MOVERS = 3
MIN_MOVE = 2  # places in the ranking that make a unit a mover


@dataclass(frozen=True)
class Scorecard:
    """``known`` is false while the warehouse has no scorecard (or none for the month)."""

    known: bool
    agencies: list[LeagueRow]
    regions: list[LeagueRow]
    risers: list[LeagueRow]
    fallers: list[LeagueRow]
    no_active_account: list[LeagueRow]  # registered accounts with data, none posted
    no_account: list[LeagueRow]  # no registered account at all
    weights_version: str | None


def movers(rows: list[LeagueRow]) -> tuple[list[LeagueRow], list[LeagueRow]]:
    """The units that rose and fell most (at least MIN_MOVE places), largest move first."""
    moved = [r for r in rows if r.rank_change is not None and abs(r.rank_change) >= MIN_MOVE]
    risers = sorted((r for r in moved if r.rank_change > 0), key=lambda r: (-r.rank_change, r.rank))
    fallers = sorted((r for r in moved if r.rank_change < 0), key=lambda r: (r.rank_change, r.rank))
    return risers[:MOVERS], fallers[:MOVERS]


def build(ctx: MonthContext) -> Scorecard:
    if not ctx.has_table("marts", "mart_humas_scorecard"):
        return Scorecard(False, [], [], [], [], [], [], None)
    agencies, regions = league(ctx.con, ctx.start, "agency"), league(ctx.con, ctx.start, "region")
    if not agencies and not regions:
        return Scorecard(False, [], [], [], [], [], [], None)
    version = ctx.con.execute(
        "select any_value(weights_version) from marts.mart_humas_scorecard where month = ?", [ctx.start]
    ).fetchall()[0][0]
    units = agencies + regions
    risers, fallers = movers(units)
    return Scorecard(
        known=True,
        agencies=agencies,
        regions=regions,
        risers=risers,
        fallers=fallers,
        no_active_account=[
            r for r in units if r.accounts_registered > r.accounts_without_data and not r.accounts_active
        ],
        no_account=[r for r in agencies if not r.accounts_registered],
        weights_version=version,
    )
