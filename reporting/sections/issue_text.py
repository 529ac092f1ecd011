"""The sentences of an issue's narrative, from its numbers only (fixed templates, Bahasa Indonesia).

Kept apart from the queries so the wording can change without touching the numbers, and
the numbers can be tested without parsing sentences.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reporting import formatting as fmt
from reporting.config import Thresholds
from reporting.recommendations import months_in_a_row

if TYPE_CHECKING:
    from reporting.sections.issues import IssueStory


def _volume(story: IssueStory, before: date) -> str:
    i, prev = story.call.issue, story.call.previous
    text = (
        f"{i.issue_name} mendapat {fmt.number(i.mentions)} mention ({fmt.percent(i.share_of_voice)} pangsa pemberitaan)"
    )
    if prev is None or not prev.mentions:
        return text + f"; tidak ada mention pada {fmt.month_name(before)}."
    change = i.mentions / prev.mentions - 1
    if fmt.trend(change) == "tetap":
        return text + f", sama dengan {fmt.month_name(before)}."
    return (
        text + f", {fmt.trend(change)} {fmt.percent(abs(change))} dari {fmt.number(prev.mentions)} mention pada "
        f"{fmt.month_name(before)}."
    )


def _tone(story: IssueStory, th: Thresholds) -> str:
    call, i = story.call, story.call.issue
    if not i.labelled:
        return "Belum ada mention berlabel sentimen, sehingga nadanya belum dapat dinilai."
    text = (
        f"Porsi negatif {fmt.percent(i.negative_share)} ({fmt.number(i.negative)} dari {fmt.number(i.labelled)} "
        f"mention berlabel)"
    )
    if call.change_pp is not None:
        word = fmt.direction(call.change_pp, th.stable_points, lower_is_better=True)
        text += f", {word} ({fmt.points(call.change_pp)})"
    text += f"; indeks sentimen bersih {fmt.index(i.net_sentiment)} ({fmt.number(i.positive)} positif, {fmt.number(i.negative)} negatif)."
    if call.small_sample:
        text += f" Sampel kecil (kurang dari {th.min_labelled} mention berlabel): porsinya belum dapat disimpulkan."
    if call.months_negative >= 2:
        text += (
            f" Porsi negatif {fmt.percent(th.attention_share, 0)} atau lebih {months_in_a_row(call.months_negative)}."
        )
    return text


def _days(story: IssueStory) -> str:
    if not story.peaks:
        return "Tidak ada hari yang menonjol: pemberitaan tersebar sepanjang bulan."
    days = [
        f"{fmt.weekday_day(p.day)} ({fmt.number(p.mentions)} mention, {fmt.number(p.negative)} negatif"
        + ("; lonjakan negatif)" if p.burst else ")")
        for p in story.peaks
    ]
    return f"Pemberitaan memuncak pada {fmt.series(days)}."


def _who(story: IssueStory) -> str:
    parts = []
    if story.regions:
        named = [
            f"{r.name} ({fmt.number(r.mentions)} mention, {fmt.number(r.negative)} negatif)" for r in story.regions
        ]
        parts.append(f"Kabupaten/kota yang paling banyak disebut: {fmt.series(named)}.")
    if story.province:
        parts.append(f"Tingkat provinsi: {fmt.number(story.province.mentions)} mention.")
    if story.agencies:
        named = [f"{a.name} ({fmt.number(a.mentions)} mention)" for a in story.agencies]
        parts.append(f"Perangkat daerah yang disebut atau dikutip: {fmt.series(named)}.")
    if story.officials:
        quoted = [f"{o.name} ({fmt.number(o.mentions)} mention)" for o in story.officials]
        parts.append(f"Pejabat yang dikutip: {fmt.series(quoted)}.")
    return " ".join(parts)


def paragraphs(story: IssueStory, before: date, th: Thresholds) -> list[str]:
    """Volume and tone; the days that drove it; where and who."""
    return [p for p in (f"{_volume(story, before)} {_tone(story, th)}", _days(story), _who(story)) if p]
