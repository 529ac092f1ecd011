"""Press releases into raw.releases (ingestion/releases/) and staff decisions into
raw.review_decisions (ingestion/decisions.py): templates in both languages, RSS and Atom feeds,
the agency from the folder, bad rows named by file, row and problem, unsafe feeds refused."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook

from ingestion.decisions import ingest_decisions
from ingestion.releases.keys import RELEASE_ID_SQL, release_id
from ingestion.releases.load import ingest_releases

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Dinkes</title>
<item><title>Dinkes Kalsel Gelar Vaksinasi Polio Serentak</title><link>https://dinkes.kalselprov.go.id/polio/</link>
<pubDate>Mon, 10 Mar 2025 01:00:00 +0000</pubDate><category>Kesehatan</category>
<description><![CDATA[<p>Dinas Kesehatan menggelar vaksinasi polio serentak bagi 412.000 anak [&#8230;]</p>]]></description></item>
<item><title>Posyandu Baru di Martapura</title><link>https://dinkes.kalselprov.go.id/posyandu</link>
<pubDate>kemarin</pubDate></item>
<item><title>Stunting Turun di Banjarbaru</title><link>https://dinkes.kalselprov.go.id/stunting</link>
<pubDate>Tue, 11 Mar 2025 10:00:00 +0800</pubDate><description>Prevalensi stunting di Banjarbaru turun.
"""  # cut off inside the third item, as a download that stopped
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Dispar</title>
<entry><title>Festival Pasar Terapung Digelar Juni</title><link rel="alternate" href="https://dispar.kalselprov.go.id/festival"/>
<published>2025-06-02T10:00:00+08:00</published><summary>Dinas Pariwisata menggelar festival.</summary></entry></feed>"""


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def _ingest(home: Path) -> list:
    report = ingest_releases(home / "warehouse.duckdb", home / "landing" / "releases", home / "quarantine")
    return report.outcomes


def _rows(home: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(home / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CITRA_TODAY", "2025-12-31")
    return tmp_path


def test_an_indonesian_template_loads_and_each_bad_row_is_named_by_file_row_and_problem(home: Path) -> None:
    _write(
        home / "landing" / "releases" / "siaran_pers.csv",
        "tanggal,judul,ringkasan,tautan,instansi,isu\n"
        "04/03/2025 10:00,Gubernur Resmikan Jembatan,Ringkasan.,https://kalselprov.go.id/jembatan,Diskominfo Kalsel,Infrastruktur\n"
        "31/13/2025,Tanggal Salah,x,https://kalselprov.go.id/a,diskominfo_kalsel,\n"
        "13/03/2025,Instansi Salah,x,https://kalselprov.go.id/b,Dinas Entah,\n"
        "14/03/2025,Isu Salah,x,https://kalselprov.go.id/c,diskominfo_kalsel,isu entah\n"
        "15/03/2025,Tautan Salah,x,kalselprov jembatan,diskominfo_kalsel,\n",
    )
    [outcome] = _ingest(home)
    assert (outcome.status, outcome.rows_loaded, outcome.rows_rejected) == ("loaded", 1, 4)
    assert _rows(
        home,
        "select title, agency_code, agency_source, issue, strftime(timezone('Asia/Makassar', published_at), '%Y-%m-%d %H:%M') from raw.releases",
    ) == [("Gubernur Resmikan Jembatan", "diskominfo_kalsel", "column", "infrastruktur", "2025-03-04 10:00")]
    rejects = _rows(
        home, "select file_name, source_row, column_name, reason from raw.ingest_rejects order by source_row"
    )
    assert [(r[0], r[1], r[2]) for r in rejects] == [
        ("siaran_pers.csv", 3, "tanggal"),
        ("siaran_pers.csv", 4, "instansi"),
        ("siaran_pers.csv", 5, "isu"),
        ("siaran_pers.csv", 6, "tautan"),
    ]
    assert "'31/13/2025' is not a date" in rejects[0][3]
    assert "'Dinas Entah' is not in dbt_project/seeds/agencies.csv" in rejects[1][3]
    assert "'isu entah' is not in the taxonomy" in rejects[2][3]
    assert "is not a web address" in rejects[3][3]


def test_an_english_workbook_in_an_agency_folder_takes_the_agency_from_the_folder(home: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["published_at", "title", "lead", "url"])
    sheet.append(["2025-05-21 09:00", "Gubernur Lantik 42 Pejabat", "Pelantikan.", "https://kalselprov.go.id/lantik"])
    target = home / "landing" / "releases" / "biro_adpim_kalsel" / "releases.xlsx"
    target.parent.mkdir(parents=True)
    book.save(target)
    [outcome] = _ingest(home)
    assert (outcome.status, outcome.rows_loaded) == ("loaded", 1)
    assert _rows(home, "select agency_code, agency_source, issue_suggested from raw.releases") == [
        ("biro_adpim_kalsel", "folder", "pemerintahan")
    ]


def test_feed_items_load_a_damaged_item_is_set_aside_and_a_feed_outside_an_agency_folder_is_quarantined(
    home: Path,
) -> None:
    _write(home / "landing" / "releases" / "dinkes_kalsel" / "feed.xml", RSS)
    _write(home / "landing" / "releases" / "dispar_kalsel" / "atom.xml", ATOM)
    _write(home / "landing" / "releases" / "loose_feed.xml", ATOM.replace("festival", "festival-2"))
    outcomes = {o.name: o for o in _ingest(home)}
    rss = outcomes["dinkes_kalsel/feed.xml"]
    assert (rss.status, rss.rows_loaded, rss.rows_rejected) == ("loaded", 1, 2)
    assert outcomes["dispar_kalsel/atom.xml"].rows_loaded == 1
    loose = outcomes["loose_feed.xml"]
    assert loose.status == "quarantined" and "landing/releases/<agency_code>/" in loose.message
    assert (home / "quarantine" / "loose_feed.xml").exists()
    releases = _rows(home, "select agency_code, source_kind, issue, lead, url_key from raw.releases order by 1")
    assert releases == [
        ("dinkes_kalsel", "rss", "kesehatan", "Dinas Kesehatan menggelar vaksinasi polio serentak bagi 412.000 anak",
         "dinkes.kalselprov.go.id/polio"),
        ("dispar_kalsel", "atom", None, "Dinas Pariwisata menggelar festival.", "dispar.kalselprov.go.id/festival"),
    ]  # fmt: skip
    rejects = _rows(home, "select source_row, column_name, reason from raw.ingest_rejects order by 1")
    assert [(r[0], r[1]) for r in rejects] == [(2, "pubDate"), (3, "item")]
    assert "'kemarin' is not an RSS or Atom date" in rejects[0][2] and "cut off" in rejects[1][2]


def test_a_feed_that_declares_entities_is_refused_before_it_is_parsed(home: Path) -> None:
    bomb = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>'
    _write(home / "landing" / "releases" / "dinkes_kalsel" / "feed.xml", bomb)
    [outcome] = _ingest(home)
    assert outcome.status == "quarantined" and "refused for safety" in outcome.message
    assert _rows(home, "select count(*) from raw.releases") == [(0,)]


def test_a_feed_saved_again_under_another_name_is_skipped(home: Path) -> None:
    first = _write(home / "landing" / "releases" / "dinkes_kalsel" / "feed.xml", RSS)
    _ingest(home)
    _write(first.with_name("feed (1).xml"), RSS)
    outcomes = {o.name: o.status for o in _ingest(home)}
    assert outcomes == {"dinkes_kalsel/feed.xml": "skipped", "dinkes_kalsel/feed (1).xml": "skipped"}
    assert _rows(home, "select count(*) from raw.releases") == [(1,)]


def test_the_release_id_is_the_same_in_python_and_sql_and_ignores_how_the_url_is_written() -> None:
    from datetime import date

    from matching.urls import url_key

    a = release_id(url_key("https://www.kalselprov.go.id/x/?utm_source=fb"), "d", date(2025, 3, 4), "T")
    b = release_id(url_key("http://kalselprov.go.id/x"), "other", date(2026, 1, 1), "Other title")
    sql = RELEASE_ID_SQL.format(url_key="$k", agency="$a", day="$d::date", title="$t")
    c = duckdb.sql(
        f"select {sql}", params={"k": "kalselprov.go.id/x", "a": "d", "d": "2025-03-04", "t": "T"}
    ).fetchall()
    no_url = release_id(None, "dinkes_kalsel", date(2025, 3, 4), " Judul ")
    d = duckdb.sql(
        f"select {sql}", params={"k": None, "a": "dinkes_kalsel", "d": "2025-03-04", "t": " Judul "}
    ).fetchall()
    assert a == b == c[0][0] and no_url == d[0][0] and no_url != a


def test_decisions_name_releases_and_mentions_by_url_and_unknown_ones_are_set_aside(home: Path) -> None:
    _write(
        home / "landing" / "releases" / "s.csv",
        "tanggal,judul,tautan,instansi\n04/03/2025 10:00,Jembatan,https://kalselprov.go.id/jembatan,diskominfo_kalsel\n",
    )
    _ingest(home)
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at,
                   title, url, export_date, ingested_at)
               values ('m1', 'f', 2, 'meltwater', 'meltwater', now(), 'Jembatan', 'https://news.example/1', current_date, now())"""
        )
    target = _write(
        home / "landing" / "decisions" / "keputusan.csv",
        "jenis,rilis,tautan,keputusan,oleh,alasan\n"
        "rilis,https://www.kalselprov.go.id/jembatan/,https://news.example/1,ya,Rina,memuat isi rilis\n"
        "rilis,https://kalselprov.go.id/entah,https://news.example/1,tidak,Rina,\n"
        "sentimen,https://kalselprov.go.id/jembatan,https://news.example/1,ya,Rina,\n"
        "rilis,https://kalselprov.go.id/jembatan,https://news.example/1,mungkin,,\n",
    )
    os.utime(target, (1_741_000_000, 1_741_000_000))
    report = ingest_decisions(home / "warehouse.duckdb", home / "landing" / "decisions", home / "quarantine")
    assert [(o.rows_loaded, o.rows_rejected) for o in report.outcomes] == [(1, 3)]
    [(kind, subject, mention, decision, who)] = _rows(
        home, "select kind, subject_id, mention_id, decision, decided_by from raw.review_decisions"
    )
    assert (kind, mention, decision, who) == ("release_pickup", "m1", "confirm", "Rina")
    assert subject == _rows(home, "select release_id from raw.releases")[0][0]
    problems = _rows(
        home, "select source_row, column_name from raw.ingest_rejects where file_name = 'keputusan.csv' order by 1, 2"
    )
    assert problems == [(3, "subject"), (4, "kind"), (5, "decided_by"), (5, "decision")]


def test_a_damaged_line_of_a_template_is_set_aside_and_the_rest_loads(home: Path) -> None:
    _write(
        home / "landing" / "releases" / "diskominfo_kalsel" / "rilis.csv",
        "published_at,title,lead,url\n"
        "2025-03-04 10:00,Rilis Satu,Lead satu.,https://kalselprov.go.id/satu\n"
        '2025-03-05 10:00,"Rilis Dua dengan kutip rusak,Lead dua.,https://kalselprov.go.id/dua\n'
        "2025-03-06 10:00,Rilis Tiga,Lead tiga.,https://kalselprov.go.id/tiga\n",
    )
    [outcome] = _ingest(home)
    assert (outcome.status, outcome.rows_loaded, outcome.rows_rejected) == ("loaded", 2, 1)
    assert _rows(home, "select title from raw.releases order by 1") == [("Rilis Satu",), ("Rilis Tiga",)]
    assert _rows(home, "select source_row, column_name from raw.ingest_rejects") == [(3, "line")]
