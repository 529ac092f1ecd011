"""The dashboard's page data against the planted serving copy (tests/dashboard_serving.py), counted
here independently from the planted mentions and alerts, and the pages' charts and tables."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from dashboard_serving import OCTOBER, TODAY, alert_rows, make_serving, planted_mentions

from dashboard.pages import PAGES
from dashboard.site import build_site, read_documents
from dashboard.tables import Column, Table, cell, to_csv
from reporting.formatting import WITA


@pytest.fixture(scope="module")
def serving(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_serving(tmp_path_factory.mktemp("dashboard") / "serving" / "citra.duckdb")


def documents(serving: Path, region: str | None) -> dict[str, object]:
    with duckdb.connect(str(serving), read_only=True) as con:
        _, _, _, docs = read_documents(con, region, TODAY)
    return {doc.path: doc for doc in docs}


def share_text(part: int, whole: int) -> str:
    """A share written the Indonesian way, computed here without the code under test."""
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def october(region: str | None = "any") -> list:
    return [
        m for m in planted_mentions() if m.published_at.month == 10 and (region == "any" or m.region_code == region)
    ]


def test_the_ringkasan_shows_the_months_negative_share_over_all_issues_as_the_report_does(
    serving: Path, tmp_path: Path
) -> None:
    """Catches a share over all mentions (unlabelled ones included), of the wrong month, or not
    written as the report writes it (18,2%)."""
    result = build_site(serving, tmp_path, None, TODAY)
    assert result.month == OCTOBER
    labelled = [m for m in october() if m.sentiment]
    negative = sum(m.sentiment == "negative" for m in labelled)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    kpi = re.search(r'id="kpi-porsi-negatif">.*?class="value">([^<]+)<', html, re.S).group(1)
    assert kpi == share_text(negative, len(labelled))
    assert len(labelled) < len(october())  # the planted unlabelled mentions are left out of the share


def test_a_regions_ringkasan_counts_its_own_mentions_and_the_province_as_a_whole(serving: Path) -> None:
    """Catches a region filter that is missing, or that counts the mentions without a region in a region."""
    data = documents(serving, "6303")["index.html"].data
    own = october("6303")
    assert data.summary.current.mentions == len(own)
    assert data.summary.current.negative == sum(m.sentiment == "negative" for m in own)
    assert data.province.mentions == len(october())  # every mention, those without a region too
    assert [m.mentions for m in data.history][-2:] == [
        len([m for m in planted_mentions() if m.region_code == "6303" and m.published_at.month == month])
        for month in (9, 10)
    ]


def test_the_ringkasan_lists_exactly_the_open_alerts_of_the_mart(serving: Path, tmp_path: Path) -> None:
    """Catches answered or closed alerts shown as open, or open ones left out."""
    open_ids = {a["alert_id"] for a in alert_rows() if a["status"] == "open"}
    data = documents(serving, None)["index.html"].data
    assert {a.alert_id for a in data.open_alerts} == open_ids
    build_site(serving, tmp_path, None, TODAY)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'data-alert-id="([^"]+)"', html)) == open_ids


def test_an_issue_page_lists_the_scopes_widest_reaching_headlines(serving: Path) -> None:
    """Catches headlines of the wrong region or month, or not ordered by reach."""
    detail = documents(serving, "6371")["isu-banjir.html"].data
    planted = sorted((m for m in october("6371") if m.issue == "banjir"), key=lambda m: -m.reach)
    assert [h.title for h in detail.headlines] == [m.title for m in planted][:10]
    assert detail.row.mentions == len(planted)


def test_every_chart_of_every_page_is_a_plotly_figure_that_plotly_py_accepts(serving: Path) -> None:
    """The build writes the figures' JSON without plotly.py's validation (it costs 30 ms a figure):
    catches a misspelt trace or layout key, which plotly.js would ignore silently."""
    import plotly.graph_objects as go

    drawn = 0
    for region in (None, "6303"):
        for doc in documents(serving, region).values():
            for figure in (doc.figures(doc.data) if doc.figures else {}).values():
                if figure is not None:
                    go.Figure(figure)  # raises on an unknown property
                    drawn += 1
    assert drawn >= 15


def test_withheld_amplification_values_stay_withheld_in_the_table_and_the_charts(serving: Path) -> None:
    """Catches a value the mart withholds (fewer than k people) shown as zero, drawn, or ranked."""
    doc = documents(serving, None)["asn.html"]
    [agency_table, _] = doc.tables(doc.data)
    biro = next(r for r in agency_table.rows if r["agency_code"] == "biro_adpim")
    share_column = next(c for c in agency_table.columns if c.key == "active_share")
    assert cell(share_column, biro) == "disamarkan"
    figures = doc.figures(doc.data)
    line = next(t for t in figures["active_share"]["data"] if t["name"] == "Biro Adpim")
    assert line["y"][-2:] == [0.3, None]  # September shown, October a gap
    assert "Biro Adpim" not in figures["agencies"]["data"][0]["y"]


def test_table_cells_are_written_the_indonesian_way_and_the_csv_keeps_every_raw_value() -> None:
    """Catches `1,234,567` or `18.2%` on a page, and a CSV cut to the rows the page shows."""
    rows = [{"n": 1234567 + i, "share": 0.1823, "at": datetime(2025, 10, 6, 14, 5, tzinfo=WITA), "url": f"https://x.example/{i}", "t": "Judul"} for i in range(5)]  # fmt: skip
    columns = [
        Column("t", "Judul", "link", link_key="url"),
        Column("n", "Jumlah", "int"),
        Column("share", "Porsi", "share"),
        Column("at", "Waktu", "datetime"),
    ]
    table = Table("contoh", "Contoh", columns, rows, shown=2)
    assert [cell(c, rows[0]) for c in columns] == ["Judul", "1.234.567", "18,2%", "6 Oktober 2025 14.05 WITA"]
    assert len(table.visible_rows) == 2
    data = to_csv(table).decode("utf-8")
    assert data.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert parsed[0] == ["Judul", "Tautan", "Jumlah", "Porsi", "Waktu"]
    assert len(parsed) == 6
    assert parsed[1] == ["Judul", "https://x.example/0", "1234567", "0.1823", "2025-10-06T14:05:00+08:00"]


def test_every_registered_page_names_the_marts_it_reads() -> None:
    """A page without ``requires`` would be built from a serving copy that lacks its mart and fail
    the whole site instead of being left out."""
    assert all(page.requires for page in PAGES)
    assert len({page.key for page in PAGES}) == len(PAGES)
