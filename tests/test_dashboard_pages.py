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
from dashboard_serving import (
    AGENCY_REGION,
    HOAXES,
    ISSUE_MENTIONS,
    OCTOBER,
    SCORECARD,
    TODAY,
    alert_rows,
    hoax_daily_rows,
    make_serving,
    planted_mentions,
    planted_pickups,
    planted_releases,
)

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


def test_every_chart_draws_with_the_plotly_bundle_the_site_ships(serving: Path) -> None:
    """The site ships plotly's cartesian bundle, not the wheel's full plotly.js: catches a chart
    of a trace type the bundle does not hold (a pie or a map would draw nothing, with only a
    console warning), and a bundle swapped for one without a type the dashboard draws."""
    from dashboard.assets import PLOTLY_TRACE_TYPES, plotly_js

    bundle = plotly_js().read_text(encoding="utf-8")
    registered = set(re.findall(r'moduleType:"trace",name:"([a-z0-9]+)"', bundle))
    assert PLOTLY_TRACE_TYPES <= registered
    used = set()
    for region in (None, "6303"):
        for doc in documents(serving, region).values():
            for figure in (doc.figures(doc.data) if doc.figures else {}).values():
                used |= {trace.get("type", "scatter") for trace in (figure or {}).get("data", [])}
    assert {"bar", "scatter", "heatmap"} <= used  # the dashboard's charts, as drawn on the sample
    assert used <= PLOTLY_TRACE_TYPES


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


# ---- Siaran pers, Hoaks, Rapor kehumasan: the numbers computed here from the planted releases,
# pickups, hoaxes and scorecard rows (tests/dashboard_serving.py), not by the code under test


def in_october(at: datetime) -> bool:
    return at.astimezone(WITA).month == 10


def test_the_agenda_page_counts_the_months_releases_pickups_and_shares_per_issue(serving: Path, tmp_path: Path) -> None:
    """Catches pickups counted in the release's month instead of the mention's, a share per agency
    instead of per issue, a release nobody carried left out, or a KPI other than the data."""
    doc = documents(serving, None)["siaran-pers.html"]
    d = doc.data
    releases = [r for r in planted_releases() if in_october(r.published_at)]
    pickups = [p for p in planted_pickups() if in_october(p.published_at)]
    assert len(d.releases) == len(releases) == 9
    assert d.pickups == len(pickups) and d.pickup_reach == sum(p.reach for p in pickups)
    carried = {p.release_id for p in planted_pickups()}
    assert {r.title for r in d.uncarried} == {r.title for r in releases if r.release_id not in carried}
    by_title = {r.title: r for r in d.releases}
    for r in releases:
        mine = sorted(p.published_at for p in planted_pickups() if p.release_id == r.release_id)
        assert by_title[r.title].pickups == len(mine)
        lag = (mine[0] - r.published_at).total_seconds() / 3600 if mine else None
        assert by_title[r.title].hours_to_first_pickup == lag
    issue_of = {r.release_id: r.issue for r in planted_releases()}
    shares = {i.issue_name: i.share for i in d.issues}
    for issue, name in (("banjir", "Banjir"), ("ekonomi", "Ekonomi")):
        expected = sum(1 for p in pickups if issue_of[p.release_id] == issue) / ISSUE_MENTIONS
        assert shares[name] == pytest.approx(expected)
    build_site(serving, tmp_path, None, TODAY)
    html = (tmp_path / "site" / "siaran-pers.html").read_text(encoding="utf-8")
    kpi = re.search(r'id="kpi-pemberitaan">.*?class="value">([^<]+)<', html, re.S).group(1)
    assert kpi == str(len(pickups))
    [releases_table, uncarried_table, *_] = doc.tables(d)
    assert len(uncarried_table.rows) == len(d.uncarried) == 3


def test_a_regions_agenda_page_lists_its_agencies_releases_and_its_own_outlets_pickups(serving: Path) -> None:
    """Catches a region's page listing the province's releases, or headlines of pickups by
    outlets of other regions (of the region's own releases too)."""
    d = documents(serving, "6303")["siaran-pers.html"].data
    own = [r for r in planted_releases() if in_october(r.published_at) and AGENCY_REGION[r.agency_code] == "6303"]
    assert sorted(r.title for r in d.releases) == sorted(r.title for r in own)
    own_ids = {r.release_id for r in own} | {
        r.release_id for r in planted_releases() if AGENCY_REGION[r.agency_code] == "6303"
    }
    expected = [
        p.title
        for p in sorted(planted_pickups(), key=lambda p: -p.reach)
        if in_october(p.published_at) and p.release_id in own_ids and p.region_code == "6303"
    ]
    assert [p.title for p in d.top_pickups] == expected[:10] and expected
    # the pickups count every outlet: those elsewhere are counted, not listed
    assert d.pickups == sum(1 for p in planted_pickups() if in_october(p.published_at) and p.release_id in own_ids)
    assert d.province.releases == len([r for r in planted_releases() if in_october(r.published_at)])


def test_the_hoax_page_shows_status_hours_and_debunk_share_with_the_unclarified_first(
    serving: Path, tmp_path: Path
) -> None:
    """Catches a hoax without clarification not listed first or not highlighted, the debunk share
    taken over spread reach only, or the daily chart's values not the mart's days."""
    doc = documents(serving, None)["hoaks.html"]
    d = doc.data
    daily = hoax_daily_rows()
    assert [h.hoax_id for h in d.hoaxes][0] == "HX-XBJM01"  # the one without a clarification
    assert d.active == sum(h.status == "aktif" for h in HOAXES) == 2
    assert [h.hoax_id for h in d.without_klarifikasi] == [h.hoax_id for h in HOAXES if h.klarifikasi_hours is None]
    debunk, spread = sum(r[5] for r in daily), sum(r[3] for r in daily)
    assert d.debunk_reach_share == pytest.approx(debunk / (spread + debunk))
    assert {h.hoax_id: h.hours_to_klarifikasi for h in d.hoaxes} == {h.hoax_id: h.klarifikasi_hours for h in HOAXES}
    figures = doc.figures(d)
    for h in d.days:
        spread_trace, debunk_trace = figures[h.chart]["data"]
        assert spread_trace["y"] == [r[3] for r in daily if r[0] == h.hoax_id]
        assert debunk_trace["y"] == [r[5] for r in daily if r[0] == h.hoax_id]
    build_site(serving, tmp_path, None, TODAY)
    html = (tmp_path / "site" / "hoaks.html").read_text(encoding="utf-8")
    assert re.search(r'id="kpi-tanpa-klarifikasi">.*?class="value">1<', html, re.S)
    unclarified = next(h.claim for h in HOAXES if h.klarifikasi_hours is None)
    assert re.search(r'<tr class="mark"><td>' + re.escape(unclarified), html)


def test_a_regions_hoax_page_details_its_own_hoaxes_and_counts_the_rest(serving: Path) -> None:
    """Catches another region's or a province-wide hoax listed in a region's site (or dropped
    from its counts)."""
    d = documents(serving, "6371")["hoaks.html"].data
    assert [h.hoax_id for h in d.hoaxes] == [h.hoax_id for h in HOAXES if h.region_code == "6371"]
    others = [h for h in HOAXES if h.region_code != "6371"]
    assert (d.elsewhere.hoaxes, d.elsewhere.active, d.elsewhere.without_klarifikasi) == (
        len(others),
        sum(h.status == "aktif" for h in others),
        sum(h.klarifikasi_hours is None for h in others),
    )
    assert all("6371" in m.url for m in d.month_spread) and d.month_spread


def scorecard_expected(kind: str, region: str | None = None) -> list[tuple]:
    """(unit, composite, rank, composite change) in October from the planted table, best first."""
    rows = [
        (
            unit,
            october[0],
            october[1],
            None if october[0] is None or september[0] is None else october[0] - september[0],
        )
        for unit, k, _, unit_region, september, october in SCORECARD
        if k == kind and (region is None or unit_region == region)
    ]
    return sorted(rows, key=lambda r: (r[2] is None, r[2] or 0))


def test_the_scorecard_page_ranks_units_with_their_change_against_the_month_before(serving: Path) -> None:
    """Catches the previous month's scores shown, a change computed against the wrong month or
    unit kind, or unranked units mixed into the ranking."""
    d = documents(serving, None)["rapor.html"].data
    assert d.month == OCTOBER
    for units, kind in ((d.regions, "region"), (d.agencies, "agency")):
        got = [(u.unit, u.composite_score, u.rank, u.composite_change) for u in units]
        assert got == scorecard_expected(kind)
    ranked = sorted(r[1] for r in scorecard_expected("agency") if r[2] is not None)
    assert d.agencies_median == ranked[len(ranked) // 2] and len(ranked) % 2 == 1
    banjar = next(u for u in d.regions if u.unit == "6303")
    assert banjar.rank_change == 2 - 1  # second in September, first in October


def test_a_regions_scorecard_shows_every_region_but_only_its_own_agencies(serving: Path, tmp_path: Path) -> None:
    """Catches other regions' agencies listed by name in a region's site, or the region's own row
    not marked among the kabupaten/kota."""
    d = documents(serving, "6303")["rapor.html"].data
    assert [u.unit for u in d.agencies] == [r[0] for r in scorecard_expected("agency", "6303")]
    assert [u.unit for u in d.regions] == [r[0] for r in scorecard_expected("region")]
    outside = [r[1] for r in scorecard_expected("agency") if r[2] is not None and AGENCY_REGION[r[0]] != "6303"]
    assert d.others.ranked == len(outside) and d.others.median_composite == pytest.approx(sum(outside) / 2)
    build_site(serving, tmp_path, "6303", TODAY)
    html = (tmp_path / "region-6303" / "rapor.html").read_text(encoding="utf-8")
    assert re.search(r'<tr class="mark"><td class="n">1</td><td>Kabupaten Banjar</td>', html)


def test_the_planted_marts_columns_are_the_dbt_models_columns() -> None:
    """Catches a mart column renamed in dbt that the planted serving copy (and so the pages' fast
    tests) still has: the pages would pass here and fail on a real build."""
    import yaml
    from dashboard_serving import COLUMNS

    root = Path(__file__).resolve().parents[1] / "dbt_project" / "models"
    declared: dict[str, set[str]] = {}
    for path in root.rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []) or []:
            declared[model["name"]] = {c["name"] for c in model.get("columns", []) or []}
    checked = 0
    for table in ("mart_release_pickup", "fct_release_pickups", "mart_agenda_monthly", "mart_hoax",
                  "mart_hoax_daily", "fct_hoax_mentions", "mart_humas_scorecard"):  # fmt: skip
        assert set(COLUMNS[table]) <= declared[table], (table, set(COLUMNS[table]) - declared[table])
        checked += 1
    assert checked == 7
