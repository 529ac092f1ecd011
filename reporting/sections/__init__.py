"""The report's sections, in reading order: the briefing (summary, main issues,
recommendations, objectives), signed off, then the evidence as appendices (``appendix=True``).

To add a section: write ``reporting/sections/<name>.py`` with a ``build(ctx)`` that returns
its data (and optionally ``charts(data, payload)``), a partial ``templates/sections/<name>.html.j2``
that shows it as ``s``, and one line below. Nothing else changes.
"""

from __future__ import annotations

from reporting.model import ReportData
from reporting.sections import (
    accounts,
    agenda,
    alerts,
    amplification,
    hoaxes,
    issues,
    method,
    objectives,
    officials,
    scorecard,
)
from reporting.sections.base import MonthContext, Section


# charts imports matplotlib: only when a chart is drawn (the sections are imported wherever
# reporting.render is, e.g. by the Dagster definitions)
def _summary_charts(data: ReportData, payload: object) -> dict[str, str | None]:
    from reporting import charts

    return {
        "trend": charts.sentiment_trend(data.history),
        "daily": charts.daily_volume(data.daily, {b.day for b in data.bursts}),
    }


def _sentiment_charts(data: ReportData, payload: object) -> dict[str, str | None]:
    from reporting import charts

    return {"issues": charts.sentiment_by_issue(data.issues)}


SECTIONS: list[Section] = [
    Section("ringkasan", "Ringkasan eksekutif", "sections/summary.html.j2", charts=_summary_charts),
    Section("isu-utama", "Isu utama bulan ini", "sections/issues.html.j2", issues.build),
    Section("rekomendasi", "Rekomendasi tindak lanjut", "sections/recommendations.html.j2"),
    Section("respons", "Peringatan dini dan kecepatan respons", "sections/alerts.html.j2", alerts.build),
    Section("hoaks", "Hoaks dan klarifikasi", "sections/hoaxes.html.j2", hoaxes.build, hoaxes.charts),
    Section("sasaran", "Sasaran dan capaian", "sections/objectives.html.j2", objectives.build),
    Section("agenda", "Agenda pemberitaan", "sections/agenda.html.j2", agenda.build),
    Section("rapor", "Rapor kehumasan perangkat daerah dan wilayah", "sections/scorecard.html.j2", scorecard.build),
    Section("pejabat", "Pejabat yang dikutip dan media", "sections/officials.html.j2", officials.build, appendix=True),
    Section("sentimen", "Sentimen per isu", "sections/sentiment.html.j2", charts=_sentiment_charts, appendix=True),
    Section("wilayah", "Provinsi dan kabupaten/kota", "sections/regions.html.j2", appendix=True),
    Section("akun", "Kinerja akun resmi", "sections/accounts.html.j2", accounts.build, appendix=True),
    Section(
        "amplifikasi", "Amplifikasi oleh ASN", "sections/amplification.html.j2", amplification.build, appendix=True
    ),
    Section("kualitas", "Kualitas data", "sections/quality.html.j2", appendix=True),
    Section("metode", "Metode", "sections/method.html.j2", method.build, appendix=True),
    Section("glosarium", "Glosarium", "sections/glossary.html.j2", method.glossary, appendix=True),
]

__all__ = ["SECTIONS", "MonthContext", "Section"]
