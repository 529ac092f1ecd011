"""Objectives the office sets in report.yml are shown month by month against their targets,
with values equal to the marts; what is not measured yet says so instead of failing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from planted_briefing import MONTHS, NOV, build_planted

from reporting.config import ReportConfigError, settings_from
from reporting.data import read_report_data
from reporting.render import render_html

OBJECTIVES = [
    {"name": "Negatif di bawah 20%", "metric": "negative_share", "comparison": "at_most", "target": 0.2},
    {"name": "Indeks paling rendah +10", "metric": "net_sentiment_index", "comparison": "at_least", "target": 10},
    {"name": "Banjir di bawah 35%", "metric": "negative_share", "issue": "banjir", "target": 0.35},
    {
        "name": "Unggahan akun resmi",
        "metric": "official_posts",
        "comparison": "at_least",
        "target": 100,
        "level": "output",
    },
    {"name": "Respons 24 jam", "metric": "response_hours", "comparison": "at_most", "target": 24},
]


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_planted(tmp_path_factory.mktemp("objectives") / "warehouse.duckdb")


def test_objectives_show_each_month_against_the_target(planted: Path) -> None:
    settings = settings_from({"objectives": OBJECTIVES, "objective_months": 3})
    data = read_report_data(planted, NOV, settings=settings)
    rows = {r.objective.name: r for r in data.sections["sasaran"].rows}
    assert list(rows)[0] == "Unggahan akun resmi"  # outputs before outcomes (AMEC order)
    with duckdb.connect(str(planted), read_only=True) as con:
        overall = con.execute(
            """select month, sum(negative) / sum(positive + neutral + negative),
                      (sum(positive) - sum(negative)) / sum(positive + neutral + negative) * 100
               from marts.mart_issue_sentiment_monthly group by month order by month"""
        ).fetchall()
        banjir = con.execute(
            """select month, negative / (positive + neutral + negative) from marts.mart_issue_sentiment_monthly
               where issue = 'banjir' order by month"""
        ).fetchall()
    assert [c.month for c in rows["Negatif di bawah 20%"].cells] == MONTHS
    assert [(c.value, c.met) for c in rows["Negatif di bawah 20%"].cells] == [
        (pytest.approx(share), share <= 0.2) for _, share, _ in overall
    ]
    assert [(c.value, c.met) for c in rows["Indeks paling rendah +10"].cells] == [
        (pytest.approx(index), index >= 10) for _, _, index in overall
    ]
    assert [c.value for c in rows["Banjir di bawah 35%"].cells] == [pytest.approx(s) for _, s in banjir]
    for unmeasured in ("Unggahan akun resmi", "Respons 24 jam"):
        assert {(c.value, c.met) for c in rows[unmeasured].cells} == {(None, None)}
    objectives = data.sections["sasaran"]
    assert len(objectives.measured) == 3 and len(objectives.met) == sum(1 for r in objectives.measured if r.current.met)
    html = render_html(data)
    assert "(2 belum diukur)" in html and "≤ 20,0%" in html and "≥ +10" in html


def test_an_unknown_metric_is_a_configuration_error_that_names_the_file(planted: Path) -> None:
    settings = settings_from({"objectives": [{"name": "x", "metric": "likes", "target": 1}]}, "laporan.yml")
    with pytest.raises(ReportConfigError, match=r"laporan.yml: objectives\[0\].metric 'likes' is not known"):
        read_report_data(planted, NOV, settings=settings)


def test_an_objective_for_an_issue_the_warehouse_lacks_is_not_measured_and_the_report_still_written(
    planted: Path,
) -> None:
    objective = {"name": "Pariwisata positif", "metric": "positive_share", "issue": "pariwisata", "target": 0.5}
    data = read_report_data(planted, NOV, settings=settings_from({"objectives": [objective]}))
    row = data.sections["sasaran"].rows[0]
    assert {c.value for c in row.cells} == {None} and "pariwisata: isu tidak dikenal" in render_html(data)
