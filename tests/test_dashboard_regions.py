"""A kabupaten/kota's site holds only that region's mentions, headlines, alerts and accounts: every
byte of every file of the site (pages, embedded chart JSON, CSV) is searched for the text of the
other regions, taken from the planted serving copy."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from dashboard_serving import (
    ACCOUNTS,
    AGENCIES,
    AGENCY_REGION,
    HOAXES,
    TODAY,
    alert_rows,
    hoax_mention_rows,
    make_serving,
    planted_mentions,
    planted_pickups,
    planted_releases,
)

from dashboard.site import build_site


@pytest.fixture(scope="module")
def serving(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_serving(tmp_path_factory.mktemp("regions") / "serving" / "citra.duckdb")


def forms(text: str) -> set[bytes]:
    """``text`` as it may be written into a file: as is, HTML-escaped, JSON-escaped (the way the
    chart JSON escapes <, > and &), as UTF-8 bytes."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    chart = escaped.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return {f.encode("utf-8") for f in (text, html.escape(text), html.escape(text, quote=False), escaped, chart)}


def secrets_of_others(region: str) -> dict[str, str]:
    """What no other region's site may hold: titles, URLs, authors of other regions' mentions and
    of mentions without a region; other regions' and province-wide alerts' headlines, ids and
    watched terms; other regions' accounts (the province's included)."""
    found = {}
    for m in planted_mentions():
        if m.region_code != region:
            found[m.title] = f"title of mention {m.mention_id} ({m.region_code})"
            found[m.url] = f"url of mention {m.mention_id} ({m.region_code})"
            found[f"penulis-{m.region_code}"] = f"author of {m.region_code}"
    for a in alert_rows():
        if a["region_code"] != region:
            found[a["alert_id"]] = f"alert {a['alert_id']}"
            for h in json.loads(a["top_headlines"]):
                found[h["title"]] = f"headline of alert {a['alert_id']}"
                found[h["url"]] = f"url of alert {a['alert_id']}"
            if a["term"]:
                found[a["term"]] = f"term of alert {a['alert_id']}"
    for _, account, name, _, account_region in ACCOUNTS:
        if account_region != region:
            found[account] = f"account of {account_region}"
            found[name] = f"account name of {account_region}"
    # the agenda, hoax and scorecard pages: other agencies' releases and names, pickups by other
    # regions' outlets (also of the region's own releases), other hoaxes and their carriers
    for _, name, short, _, agency_region in AGENCIES:
        if agency_region != region:
            found[name] = f"agency name of {agency_region}"
            found[short] = f"agency short name of {agency_region}"
    for r in planted_releases():
        if AGENCY_REGION[r.agency_code] != region:
            found[r.title] = f"release {r.release_id}"
            found[r.url] = f"url of release {r.release_id}"
    for p in planted_pickups():
        if p.region_code != region:
            found[p.title] = f"title of pickup {p.mention_id} ({p.region_code})"
            found[p.url] = f"url of pickup {p.mention_id} ({p.region_code})"
    for h in HOAXES:
        if h.region_code != region:
            found[h.claim] = f"claim of hoax {h.hoax_id}"
            found[h.hoax_id] = f"id of hoax {h.hoax_id}"
            found[f"https://klarifikasi.example/{h.hoax_id}"] = f"clarification of hoax {h.hoax_id}"
    for hoax_id, mention_id, *_, mention_region, _, title, url in hoax_mention_rows():
        if mention_region != region:
            found[title] = f"title of {mention_id} carrying {hoax_id} ({mention_region})"
            found[url] = f"url of {mention_id} carrying {hoax_id} ({mention_region})"
    return found


def site_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of the site but plotly.js and the fonts (which hold no data)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and p.suffix not in {".woff"} and p.name not in {"plotly.min.js", "LICENSE_DEJAVU"}
    }


@pytest.mark.parametrize("region", ["6303", "6371"])
def test_a_regions_site_holds_no_headline_url_account_or_alert_text_of_another_region(
    serving: Path, tmp_path: Path, region: str
) -> None:
    """Catches any page, chart or CSV that reads mentions, alerts or accounts without the region's filter."""
    result = build_site(serving, tmp_path, region, TODAY)
    files = site_bytes(result.folder)
    assert {
        "index.html", "isu-banjir.html", "wilayah.html", "akun.html", "asn.html", "siaran-pers.html", "hoaks.html",
        "rapor.html",
    } <= set(files)  # fmt: skip
    leaks = [
        f"{why} in {name}"
        for text, why in secrets_of_others(region).items()
        for name, content in files.items()
        if any(form in content for form in forms(text))
    ]
    assert leaks == []
    # the search finds what is there: the region's own headlines, alert and account are in the site
    own = next(m for m in planted_mentions() if m.region_code == region and m.published_at.month == 10)
    everything = b"".join(files.values())
    assert any(form in everything for form in forms(own.title))
    own_account = next(a[1] for a in ACCOUNTS if a[4] == region)
    assert own_account.encode() in everything
    own_release = next(r for r in planted_releases() if AGENCY_REGION[r.agency_code] == region and r.url.endswith("2"))
    own_pickup = next(
        p for p in planted_pickups() if p.region_code == region and p.release_id == own_release.release_id
    )
    own_hoax = next(h for h in HOAXES if h.region_code == region)
    for text in (own_release.title, own_pickup.title, own_hoax.claim):
        assert any(form in everything for form in forms(text)), text


def test_province_wide_alerts_reach_a_regions_site_only_as_counts(serving: Path, tmp_path: Path) -> None:
    """Catches a regional site listing the province's or another region's alerts (or dropping them silently)."""
    build_site(serving, tmp_path, "6303", TODAY)
    page = (tmp_path / "region-6303" / "index.html").read_text(encoding="utf-8")
    rows = alert_rows()
    province_wide = sum(a["status"] == "open" and a["region_code"] is None for a in rows)
    elsewhere = sum(a["status"] == "open" and a["region_code"] not in (None, "6303") for a in rows)
    assert f"{province_wide} tingkat provinsi dan {elsewhere} di kabupaten/kota lain" in page
    assert 'data-alert-id="a6303000001"' in page


def test_mentions_without_a_region_count_in_the_province_and_in_no_regions_site(serving: Path, tmp_path: Path) -> None:
    """Catches the mentions without a region shown as a region of a kabupaten/kota's site, or
    missing from the province's own Wilayah page."""
    without = sum(1 for m in planted_mentions() if m.region_code is None and m.published_at.month == 10)
    build_site(serving, tmp_path, None, TODAY)
    build_site(serving, tmp_path, "6371", TODAY)
    province = (tmp_path / "site" / "csv" / "wilayah-wilayah-bulan-ini.csv").read_text(encoding="utf-8-sig")
    region = (tmp_path / "region-6371" / "csv" / "wilayah-wilayah-bulan-ini.csv").read_text(encoding="utf-8-sig")
    assert f"Tidak teridentifikasi,{without}," in province
    assert "Tidak teridentifikasi" not in region
    assert "Kabupaten Banjar," in region  # the other kabupaten/kota stay as counts


def test_a_regions_site_marks_its_own_row_among_the_regions(serving: Path, tmp_path: Path) -> None:
    build_site(serving, tmp_path, "6303", TODAY)
    page = (tmp_path / "region-6303" / "wilayah.html").read_text(encoding="utf-8")
    assert '<tr class="mark"><td>Kabupaten Banjar</td>' in page
