"""Rapor kehumasan (rapor.html): the month's scorecard of every agency and kabupaten/kota
(``mart_humas_scorecard``, docs/scorecard.md): composite score, the five component scores, rank
among units of the same kind and its change against the month before, and the composite's change.

The month is the dashboard's month, or the scorecard's latest month before it when the scorecard
has no row for it. A regional site shows the kabupaten/kota side by side as the Wilayah page does
(a region's score is an aggregate of its agencies), its own row marked, and only the agencies of
its own region in detail; the other agencies appear as counts and their median.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from dashboard import figures
from dashboard.pages.base import Document, PageContext
from dashboard.tables import Column, Table
from reporting import formatting as fmt
from reporting.periods import previous_month

REQUIRES = ("mart_humas_scorecard",)
COMPONENTS = {
    "score_activity": "Keaktifan",
    "score_engagement": "Interaksi",
    "score_response": "Respons",
    "score_amplification": "Amplifikasi ASN",
    "score_sentiment": "Sentimen",
}


@dataclass(frozen=True)
class UnitScore:
    unit: str
    unit_type: str
    unit_name: str
    region_code: str | None
    composite_score: float | None
    rank: int | None
    units_ranked: int | None
    rank_change: int | None
    score_activity: float | None
    score_engagement: float | None
    score_response: float | None
    score_amplification: float | None
    score_sentiment: float | None
    components_scored: int
    previous_composite: float | None

    @property
    def composite_change(self) -> float | None:
        if self.composite_score is None or self.previous_composite is None:
            return None
        return self.composite_score - self.previous_composite


@dataclass(frozen=True)
class OtherAgencies:
    """A regional site: the agencies outside the region, as counts and their median."""

    agencies: int
    ranked: int
    median_composite: float | None


@dataclass(frozen=True)
class ScorecardData:
    """``known`` is false while the serving copy holds no scorecard row up to the month."""

    scope_name: str
    is_region: bool
    own_code: str | None
    month: date | None
    known: bool
    regions: tuple[UnitScore, ...] = ()
    agencies: tuple[UnitScore, ...] = ()
    others: OtherAgencies | None = None
    agencies_ranked: int = 0  # every ranked agency of the province (the size of the league)
    agencies_median: float | None = None  # the median composite of every ranked agency

    @property
    def own(self) -> UnitScore | None:
        return next((r for r in self.regions if r.unit == self.own_code), None)

    @property
    def top_region(self) -> UnitScore | None:
        ranked = [r for r in self.regions if r.rank is not None]
        return min(ranked, key=lambda r: (r.rank, r.unit_name)) if ranked else None


UNITS_SQL = """
    select s.unit, s.unit_type, s.unit_name, s.region_code, s.composite_score, s.rank, s.units_ranked, s.rank_change,
           s.score_activity, s.score_engagement, s.score_response, s.score_amplification, s.score_sentiment,
           s.components_scored, b.composite_score
    from marts.mart_humas_scorecard s
    left join marts.mart_humas_scorecard b on b.unit = s.unit and b.unit_type = s.unit_type and b.month = $before
    where s.month = $month and s.unit_type = $kind and ($region is null or s.region_code = $region)
    order by s.rank nulls last, s.composite_score desc nulls last, s.unit_name
"""


def scorecard_data(ctx: PageContext) -> ScorecardData:
    scope = ctx.scope
    head = {"scope_name": scope.name, "is_region": scope.is_region, "own_code": scope.code}
    if not ctx.has(*REQUIRES):
        return ScorecardData(**head, month=ctx.month, known=False)
    month = ctx.con.execute(
        "select max(month) from marts.mart_humas_scorecard where month <= ?", [ctx.month]
    ).fetchall()[0][0]
    if month is None:
        return ScorecardData(**head, month=ctx.month, known=False)
    base = {"month": month, "before": previous_month(month)}

    def units(kind: str, region: str | None) -> tuple[UnitScore, ...]:
        rows = ctx.con.execute(UNITS_SQL, {**base, "kind": kind, "region": region}).fetchall()
        return tuple(UnitScore(*r) for r in rows)

    every_agency = units("agency", None)
    scores = [a.composite_score for a in every_agency if a.rank is not None]
    others = None
    if scope.is_region:
        outside = [a for a in every_agency if a.region_code != scope.code]
        ranked = [a.composite_score for a in outside if a.rank is not None]
        others = OtherAgencies(len(outside), len(ranked), statistics.median(ranked) if ranked else None)
    return ScorecardData(
        **head,
        month=month,
        known=True,
        regions=units("region", None),  # every kabupaten/kota's score is an aggregate
        agencies=units("agency", scope.code) if scope.is_region else every_agency,
        others=others,
        agencies_ranked=len(scores),
        agencies_median=statistics.median(scores) if scores else None,
    )


def _columns(unit_label: str) -> list[Column]:
    return [
        Column("rank", "Peringkat", "int", none_text="tidak diperingkat"),
        Column("unit_name", unit_label),
        Column("composite_score", "Skor", "num1"),
        Column("composite_change", "Perubahan skor (poin)", "pp"),
        Column("rank_change", "Naik/turun peringkat", "signed"),
        *(Column(key, label, "num1") for key, label in COMPONENTS.items()),
        Column("components_scored", "Komponen dinilai", "int"),
    ]


def _rows(units: tuple[UnitScore, ...], own: str | None) -> list[dict]:
    return [
        {**u.__dict__, "composite_change": u.composite_change, "_mark": own is not None and u.unit == own}
        for u in units
    ]


def tables(d: ScorecardData) -> list[Table]:
    if not d.known:
        return []
    month = fmt.month_name(d.month)
    return [
        Table("wilayah", f"Rapor kabupaten/kota, {month}", _columns("Wilayah"), _rows(d.regions, d.own_code)),
        Table("instansi", f"Rapor instansi, {month}", _columns("Instansi"), _rows(d.agencies, None)),
    ]


def charts(d: ScorecardData) -> dict[str, dict | None]:
    if not d.known:
        return {}
    return {
        "regions": figures.bars([r.unit_name for r in d.regions], [r.composite_score for r in d.regions], "num1"),
        "agencies": figures.bars([a.unit_name for a in d.agencies], [a.composite_score for a in d.agencies], "num1"),
    }


def build(ctx: PageContext) -> list[Document]:
    if ctx.month is None:
        return []
    return [
        Document("rapor.html", "Rapor kehumasan", "scorecard.html.j2", scorecard_data(ctx), charts, tables, "rapor")
    ]
