"""The dashboard of a sample built through Dagster, opened in headless Chromium (Playwright,
Debian's chromium): no console error, no failed request, no request to another host, no empty
chart; the Ringkasan's numbers equal the marts (queried here independently); the pages fit a
phone; a table downloads as CSV; and no kabupaten/kota's site holds another region's text."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from conftest import MONTH, Built

pytestmark = pytest.mark.slow

CHARTS_JS = """() => [...document.querySelectorAll('.chart')].map(el => ({
  id: el.dataset.figure,
  drawn: el.dataset.drawn === '1',
  values: (el.data || []).reduce((n, t) => n + ['x', 'y', 'z'].reduce((m, k) =>
      m + (Array.isArray(t[k]) ? t[k].flat().filter(v => typeof v === 'number' && v !== 0).length : 0), 0), 0),
  height: el.getBoundingClientRect().height,
}))"""


def visit(browser: object, url: str, width: int = 1280) -> tuple[object, list[str]]:
    """Open ``url``, wait for its charts; the page and every problem seen on the way."""
    page = browser.new_page(viewport={"width": width, "height": 900}, accept_downloads=True)
    origin = re.match(r"http://127\.0\.0\.1:\d+/", url).group(0)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} ({r.failure})"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: None if r.url.startswith((origin, "data:")) else problems.append(f"another host: {r.url}"),
    )
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "[...document.querySelectorAll('.chart')].every(e => e.dataset.drawn === '1')", timeout=30_000
    )
    return page, problems


PAGES = [
    "index.html",
    "isu.html",
    "wilayah.html",
    "akun.html",
    "asn.html",
    "siaran-pers.html",
    "hoaks.html",
    "rapor.html",
]


def pages_of(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.html"))


@pytest.mark.parametrize("region", [None, "6310"])
def test_every_page_opens_without_a_console_error_a_failed_request_or_an_empty_chart(
    built: Built, browser: object, served: dict, region: str | None
) -> None:
    names = pages_of(built.site(region))
    assert set(PAGES) <= set(names)
    found, charts = [], 0
    for name in names:
        page, problems = visit(browser, served[region] + name)
        for chart in page.evaluate(CHARTS_JS):
            charts += 1
            if not chart["drawn"] or chart["values"] == 0 or chart["height"] < 100:
                problems.append(f"empty chart {chart}")
        page.close()
        found += [f"{name}: {p}" for p in problems]
    assert found == []
    assert charts >= 2 * len(names)


def share_text(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%"


def count_text(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def test_the_ringkasan_shows_the_marts_numbers_of_the_latest_complete_month(
    built: Built, browser: object, served: dict
) -> None:
    """The report's *Porsi negatif* and the open alerts of marts.issue_alerts, queried here."""
    with duckdb.connect(str(built.serving), read_only=True) as con:
        mentions, positive, neutral, negative = con.execute(
            "select sum(mentions), sum(positive), sum(neutral), sum(negative) "
            "from marts.mart_issue_sentiment_monthly where month = ?",
            [MONTH],
        ).fetchall()[0]
        open_ids = {
            r[0] for r in con.execute("select alert_id from marts.issue_alerts where status = 'open'").fetchall()
        }
    page, problems = visit(browser, served[None] + "index.html")
    labelled = positive + neutral + negative
    assert page.inner_text("h1") == "Ringkasan November 2025"
    assert page.inner_text("#kpi-porsi-negatif .value") == share_text(negative, labelled)
    assert page.inner_text("#kpi-porsi-positif .value") == share_text(positive, labelled)
    assert page.inner_text(".kpi >> nth=0 >> .value") == count_text(mentions)
    assert page.inner_text("#kpi-peringatan-terbuka .value") == count_text(len(open_ids))
    shown = set(page.eval_on_selector_all("[data-alert-id]", "els => els.map(e => e.dataset.alertId)"))
    assert shown == open_ids if len(open_ids) <= 12 else shown <= open_ids
    assert problems == []
    page.close()


def test_a_regions_ringkasan_shows_the_regions_own_numbers_and_the_provinces_beside(
    built: Built, browser: object, served: dict
) -> None:
    with duckdb.connect(str(built.serving), read_only=True) as con:
        own, own_negative, own_labelled = con.execute(
            "select count(*), count(*) filter (where sentiment = 'negative'), count(sentiment) "
            "from marts.fct_mentions where region_code = '6310' and month = ?",
            [MONTH],
        ).fetchall()[0]
        province = con.execute(
            "select sum(mentions) from marts.mart_issue_sentiment_monthly where month = ?", [MONTH]
        ).fetchall()[0][0]
    page, problems = visit(browser, served["6310"] + "index.html")
    assert page.inner_text(".kpi >> nth=0 >> .value") == count_text(own)
    assert page.inner_text("#kpi-porsi-negatif .value") == share_text(own_negative, own_labelled)
    assert f"{count_text(province)} mention" in page.inner_text("#provinsi")
    assert problems == []
    page.close()


def number_text(value: float, decimals: int = 0) -> str:
    """`1.234` or `64,5`, written here without the code under test."""
    whole, _, frac = f"{value:,.{decimals}f}".partition(".")
    return whole.replace(",", ".") + ("," + frac if frac else "")


def kpi(page: object, name: str) -> str:
    return page.inner_text(f"#kpi-{name} .value")


def test_the_agenda_hoax_and_scorecard_pages_show_the_marts_numbers(
    built: Built, browser: object, served: dict
) -> None:
    """The headline numbers of Siaran pers, Hoaks and Rapor kehumasan against the marts, queried here.
    Catches a KPI of the wrong month or scope, pickups counted in the release's month, a hoax
    without clarification not marked, a median over unranked units, and a page that says
    'Belum ada' on a sample that has releases, hoaxes and a scorecard."""
    with duckdb.connect(str(built.serving), read_only=True) as con:
        releases, carried = con.execute(
            "select count(*), count(*) filter (where pickups > 0) from marts.mart_release_pickup where month = ?",
            [MONTH],
        ).fetchall()[0]
        pickups = con.execute("select count(*) from marts.fct_release_pickups where month = ?", [MONTH]).fetchall()[0][
            0
        ]
        hoaxes, active, unclarified = con.execute(
            "select count(*), count(*) filter (where status = 'aktif'), count(*) filter (where klarifikasi_at is null) "
            "from marts.mart_hoax"
        ).fetchall()[0]
        month = con.execute("select max(month) from marts.mart_humas_scorecard where month <= ?", [MONTH]).fetchall()[
            0
        ][0]
        ranked, median = con.execute(
            "select count(*), median(composite_score) from marts.mart_humas_scorecard "
            "where month = ? and unit_type = 'agency' and rank is not null",
            [month],
        ).fetchall()[0]
        top_name, top_score = con.execute(
            "select unit_name, composite_score from marts.mart_humas_scorecard "
            "where month = ? and unit_type = 'region' and rank = 1 order by unit_name limit 1",
            [month],
        ).fetchall()[0]
    assert releases and pickups and hoaxes and ranked  # the sample feeds every page
    found = []
    page, problems = visit(browser, served[None] + "siaran-pers.html")
    assert kpi(page, "siaran-pers") == number_text(releases)
    assert kpi(page, "pemberitaan") == number_text(pickups)
    assert kpi(page, "tanpa-pemberitaan") == number_text(releases - carried)
    found += problems
    page.close()
    page, problems = visit(browser, served[None] + "hoaks.html")
    assert (kpi(page, "hoaks-terdaftar"), kpi(page, "hoaks-aktif"), kpi(page, "tanpa-klarifikasi")) == (
        number_text(hoaxes),
        number_text(active),
        number_text(unclarified),
    )
    assert page.locator("tr.mark").count() == min(unclarified, page.locator("#tabel-hoaks-terdaftar tbody tr").count())
    found += problems
    page.close()
    page, problems = visit(browser, served[None] + "rapor.html")
    assert (
        page.inner_text("h1")
        == f"Rapor kehumasan {['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'][month.month - 1]} {month.year}"
    )
    assert kpi(page, "instansi-dinilai") == number_text(ranked)
    assert kpi(page, "median-instansi") == number_text(median, 1)
    assert kpi(page, "wilayah-teratas") == number_text(top_score, 1)
    assert top_name in page.inner_text("#kpi-wilayah-teratas")
    found += problems
    page.close()
    assert found == []


def test_the_charts_show_hover_values_in_indonesian(built: Built, browser: object, served: dict) -> None:
    page, _ = visit(browser, served[None] + "index.html")
    # the tallest bar of the trend chart (a month's positive, neutral or negative mentions), scrolled
    # into view first (the open alerts above it, hoax alerts among them, may push it below the fold)
    box = page.evaluate(
        """() => { const bar = [...document.querySelectorAll('.chart .barlayer .point path')]
                     .sort((a, b) => b.getBoundingClientRect().height - a.getBoundingClientRect().height)[0];
                   bar.scrollIntoView({block: 'center'});
                   const r = bar.getBoundingClientRect();
                   return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }"""
    )
    page.mouse.move(box["x"], box["y"])
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    text = page.locator(".hoverlayer .hovertext").first.text_content()
    assert re.search(r"(September|Oktober|November) 2025", text), text
    assert re.search(r": (\d{1,3}(\.\d{3})*|\d+,\d%)$", text), text  # 1.234 or 18,2%
    page.close()


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_fit_a_phone_screen(built: Built, browser: object, served: dict, name: str) -> None:
    """Catches a table or chart that widens the page beyond a phone's screen (tables scroll inside
    their own box instead)."""
    page, problems = visit(browser, served[None] + name, width=390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []
    page.close()


def test_a_table_downloads_as_csv_with_every_row(built: Built, browser: object, served: dict) -> None:
    page, _ = visit(browser, served[None] + "wilayah.html")
    link = page.locator("a.csv").first
    rows = int(re.search(r"\((\d+) baris\)", link.inner_text()).group(1))
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_text(encoding="utf-8-sig")
    parsed = list(csv.reader(io.StringIO(data)))
    assert parsed[0][0] == "Wilayah" and len(parsed) == rows + 1
    page.close()


def test_the_build_wrote_the_province_site_and_every_regions_site(built: Built) -> None:
    with duckdb.connect(str(built.serving), read_only=True) as con:
        codes = [
            r[0]
            for r in con.execute("select region_code from marts.dim_region where region_type <> 'provinsi'").fetchall()
        ]
    assert len(codes) == 13
    assert all((built.site(code) / "index.html").exists() for code in codes)
    assert f"Dashboard: {built.site() / 'index.html'}" in built.output


def forms(text: str) -> set[bytes]:
    """``text`` as a file may hold it: as is, HTML-escaped, JSON-escaped the way the chart JSON
    escapes <, > and &."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    chart = escaped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return {v.encode("utf-8") for v in (text, html.escape(text), html.escape(text, quote=False), escaped, chart)}


def holds(content: bytes, text: str) -> bool:
    """``content`` holds ``text`` as a whole (`... di Banjar` inside `... di Banjarmasin` is another
    text): a fast substring test first, the word boundaries only for what it finds."""
    found = [f for f in forms(text) if f in content]
    return any(re.search(rb"(?<!\w)" + re.escape(f) + rb"(?!\w)", content) for f in found)


def test_no_regions_site_holds_another_regions_headline_url_account_or_alert(built: Built) -> None:
    """Every byte of each of the 13 sites against the warehouse's text of the other regions:
    titles and URLs of their mentions (and of mentions without a region) that the region does not
    share, their official accounts, and the ids, headlines and watched terms of alerts outside the
    region (a term or account that the region's own headlines name is the region's own text)."""
    leaks = []
    with duckdb.connect(str(built.serving), read_only=True) as con:
        codes = [
            r[0]
            for r in con.execute("select region_code from marts.dim_region where region_type <> 'provinsi'").fetchall()
        ]
        mentions = con.execute("select region_code, title, url from marts.fct_mentions").fetchall()
        # the releases of each region's agencies, the hoaxes registered for it, their carriers
        releases = con.execute(
            "select a.region_code, r.title, r.url from marts.mart_release_pickup r "
            "left join marts.dim_agency a using (agency_code)"
        ).fetchall()
        hoaxes = con.execute("select region_code, hoax_id, claim, klarifikasi_url from marts.mart_hoax").fetchall()
        carriers = con.execute("select region_code, title, url from marts.fct_hoax_mentions").fetchall()
        accounts = con.execute("select region_code, account, account_name from marts.dim_account").fetchall()
        alerts = con.execute("select region_code, alert_id, term, top_headlines from marts.issue_alerts").fetchall()
    checked = 0
    for code in codes:
        own = {t for region, title, url in mentions if region == code for t in (title, url) if t}
        secrets = {t for region, title, url in mentions if region != code for t in (title, url) if t and len(t) >= 12}
        names = {t for region, account, name in accounts if region != code for t in (account, name)}
        secrets |= {t for region, title, url in carriers if region != code for t in (title, url) if t and len(t) >= 12}
        # checked like names: the region's own headlines may quote a release's or clarification's
        # address (a post that shares the release is the region's own text)
        names |= {t for region, title, url in releases if region != code for t in (title, url) if t}
        for region, hoax_id, claim, klarifikasi_url in hoaxes:
            if region != code:
                names |= {t for t in (hoax_id, claim, klarifikasi_url) if t}
        for region, alert_id, term, headlines in alerts:
            if region != code:
                secrets |= {alert_id} | {
                    h[k] for h in json.loads(headlines or "[]") for k in ("title", "url") if h.get(k)
                }
                names |= {term} if term else set()
        own_text = "\n".join(own)
        secrets = (secrets - own) | {name for name in names if name not in own_text}
        folder = built.site(code)
        content = b"".join(
            p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file() and p.suffix != ".woff" and p.name != "plotly.min.js"
        )
        leaks += [f"region-{code}: {s!r}" for s in secrets if holds(content, s)]
        checked += len(secrets)
    assert leaks == [], leaks[:20]
    assert checked > 1000
