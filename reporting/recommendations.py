"""Recommendations: for each issue that needs action, what to do, who answers for it, by when.

The action follows from what the data shows (``reporting.assessment``): a negative burst asks
for an answer (`jawab`), a high negative share for a clarification (`klarifikasi`), months in
a row above the line for work on the problem itself (`tindak_lanjut`, instead of one more
clarification), and negative coverage concentrated in one kabupaten/kota for coordination
with it (`koordinasi_wilayah`).
The responsible agency comes from the seed `issue_agencies`; labels and deadlines from report.yml.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from reporting import formatting as fmt
from reporting.assessment import HISTORY_MONTHS, Findings, IssueCall
from reporting.config import Action, ReportSettings
from reporting.quotes import has_table

UNASSIGNED = "Belum ditetapkan"


@dataclass(frozen=True)
class Recommendation:
    issue: str
    issue_name: str
    action: Action
    reason: str
    agencies: list[str]


def responsible_agencies(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """Per issue, the short names of its agencies: the `utama` one first."""
    if not (has_table(con, "reference", "issue_agencies") and has_table(con, "reference", "agencies")):
        return {}
    rows = con.execute(
        """select ia.issue_code, coalesce(a.agency_short, a.agency_name, ia.agency_code)
           from reference.issue_agencies ia left join reference.agencies a using (agency_code)
           order by ia.issue_code, ia.role <> 'utama', ia.agency_code"""
    ).fetchall()
    out: dict[str, list[str]] = {}
    for issue, name in rows:
        out.setdefault(issue, []).append(name)
    return out


def months_in_a_row(months: int) -> str:
    """`3 bulan berturut-turut`, or `sepanjang 12 bulan terakhir` when the run fills the history looked at."""
    return f"sepanjang {months} bulan terakhir" if months >= HISTORY_MONTHS else f"{months} bulan berturut-turut"


def _burst_reason(call: IssueCall) -> str:
    days = [
        f"{fmt.number(b.negative)} mention negatif pada {fmt.weekday_day(b.day)} "
        f"pukul {fmt.window_hours(b.window_start, b.window_end)} (biasanya {fmt.number(b.baseline, 1)} pada jam yang sama)"
        for b in call.bursts
    ]
    return f"Lonjakan {fmt.series(days)}."


def _share_reason(call: IssueCall, stable: float) -> str:
    i = call.issue
    text = f"Porsi negatif {fmt.percent(i.negative_share)} ({fmt.number(i.negative)} dari {fmt.number(i.labelled)} mention berlabel)"
    if call.change_pp is not None:
        word = fmt.direction(call.change_pp, stable, lower_is_better=True)
        text += f", {word} {fmt.points(call.change_pp)} dibanding bulan lalu"
    return text + "."


def _for_issue(call: IssueCall, agencies: list[str], settings: ReportSettings) -> list[Recommendation]:
    th, actions = settings.thresholds, settings.actions
    i = call.issue
    owners = agencies or [UNASSIGNED]
    out = []

    def add(action: str, reason: str, who: list[str]) -> None:
        out.append(Recommendation(i.issue, i.issue_name, actions[action], reason, who))

    if call.bursts:
        add("jawab", _burst_reason(call), owners)
    elif call.high_negative and not call.persistent:
        add("klarifikasi", _share_reason(call, th.stable_points), owners)
    if call.persistent:
        add(
            "tindak_lanjut",
            _share_reason(call, th.stable_points)[:-1]
            + f"; {fmt.percent(th.attention_share, 0)} atau lebih {months_in_a_row(call.months_negative)}: "
            "masalahnya tidak selesai dengan komunikasi saja.",
            owners[:1],
        )
    if call.focus is not None:
        f = call.focus
        add(
            "koordinasi_wilayah",
            f"{fmt.percent(f.share, 0)} mention negatif isu ini ({fmt.number(f.negative)}) menyebut {f.region_name}.",
            [f"Pemerintah {f.region_name}", *owners[:1]],
        )
    return out


def recommend(findings: Findings, agencies: dict[str, list[str]], settings: ReportSettings) -> list[Recommendation]:
    """The recommendations of the month, issue by issue in the order of ``findings.needs_action``."""
    return [r for call in findings.needs_action for r in _for_issue(call, agencies.get(call.issue.issue, []), settings)]
