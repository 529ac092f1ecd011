"""The report reads as a briefing: the summary picks the issues that matter (and not small-sample
noise), recommendations name the responsible agency and the office's deadline, and every number
of the issue narratives equals the marts. Planted data: tests/planted_briefing.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from planted_briefing import BURST_DAY, NOV, build_planted

from reporting import formatting as fmt
from reporting.config import settings_from
from reporting.data import read_report_data
from reporting.model import ReportData
from reporting.render import render_html

DEFAULTS = settings_from({})
DEC = date(2025, 12, 1)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_planted(tmp_path_factory.mktemp("briefing") / "warehouse.duckdb")


@pytest.fixture(scope="module")
def november(planted: Path) -> ReportData:
    return read_report_data(planted, NOV, settings=DEFAULTS)


def _query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def test_summary_leads_with_the_most_negative_issues_that_have_enough_mentions(
    planted: Path, november: ReportData
) -> None:
    shares = _query(
        planted,
        """select issue, negative, positive + neutral + negative as labelled, negative / labelled as share
           from marts.mart_issue_sentiment_monthly where month = ? order by share desc""",
        [NOV],
    )
    assert shares[0][0] == "pendidikan"  # the planted small sample has the highest share ...
    expected = [issue for issue, negative, labelled, _ in shares if negative >= 20 and labelled >= 30][:3]
    data = november
    assert (
        [c.issue.issue for c in data.findings.most_negative] == expected == ["lingkungan_tambang", "ekonomi", "banjir"]
    )
    html = render_html(data)
    lead = html[html.index("Isu paling negatif") : html.index("</li>", html.index("Isu paling negatif"))]
    assert "Pendidikan" not in lead  # ... and is not the headline
    for _issue, negative, _labelled, share in shares[1:4]:
        assert f"{fmt.percent(share)} negatif ({fmt.number(negative)} <i>mention</i> negatif" in lead


def test_three_to_eleven_negative_mentions_is_not_called_out_until_the_thresholds_allow_it(
    planted: Path, november: ReportData
) -> None:
    data = november
    call = next(c for c in data.findings.calls if c.issue.issue == "pendidikan")
    assert (call.previous.negative, call.issue.negative) == (3, 11)
    assert not call.called and call.change_pp is None and call.small_sample
    assert all(c.issue.issue != "pendidikan" for c in data.findings.needs_action + data.findings.worsening)
    low = settings_from({"thresholds": {"min_negative": 5, "min_labelled": 10}})
    loose = read_report_data(planted, NOV, settings=low)
    assert loose.findings.most_negative[0].issue.issue == "pendidikan"
    assert "pendidikan" in [c.issue.issue for c in loose.findings.worsening]


def test_an_issue_negative_for_three_months_in_a_row_is_named_as_staying_negative(
    planted: Path, november: ReportData
) -> None:
    runs = _query(
        planted,
        """select month, negative / (positive + neutral + negative) from marts.mart_issue_sentiment_monthly
           where issue = 'banjir' order by month""",
    )
    assert len(runs) == 3 and all(share >= 0.30 for _, share in runs)
    data = november
    assert [c.issue.issue for c in data.findings.persistent] == ["banjir"]
    assert "<b>Banjir</b> (30% atau lebih 3 bulan berturut-turut)" in render_html(data)
    four = settings_from({"thresholds": {"persistent_months": 4}})
    assert read_report_data(planted, NOV, settings=four).findings.persistent == []


def test_recommendations_name_the_responsible_agency_the_action_and_the_office_deadline(planted: Path) -> None:
    settings = settings_from({"actions": {"jawab": {"deadline": "2 jam setelah laporan diterima"}}})
    data = read_report_data(planted, NOV, settings=settings)
    got = [(r.issue, r.action.key, r.agencies) for r in data.recommendations]
    assert got == [
        ("lingkungan_tambang", "jawab", ["DLH Kalsel", "Dinas PUPR Kalsel"]),  # the `utama` agency first
        ("banjir", "tindak_lanjut", ["BPBD Kalsel"]),
        ("ekonomi", "klarifikasi", ["DPMPTSP Kalsel"]),
        ("ekonomi", "koordinasi_wilayah", ["Pemerintah Kota Banjarbaru", "DPMPTSP Kalsel"]),
    ]
    html = render_html(data)
    recs = html[html.index('id="rekomendasi"') : html.index('id="sasaran"')]
    assert "2 jam setelah laporan diterima" in recs and "3 hari kerja" in recs
    negative = _query(
        planted,
        "select count(*) from marts.fct_mentions where issue = 'lingkungan_tambang' and sentiment = 'negative' and mention_date = ?",
        [BURST_DAY],
    )[0][0]
    assert f"Lonjakan {negative} <i>mention</i> negatif pada Rabu, 12 November 2025" in recs


def test_an_issue_without_an_agency_in_the_seed_is_marked_unassigned(tmp_path: Path) -> None:
    path = build_planted(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("delete from reference.issue_agencies where issue_code = 'banjir'")
    data = read_report_data(path, NOV, settings=DEFAULTS)
    assert [r.agencies for r in data.recommendations if r.issue == "banjir"] == [["Belum ditetapkan"]]


def test_quiet_month_still_names_the_issue_that_sits_at_a_high_negative_share(planted: Path) -> None:
    data = read_report_data(planted, date(2025, 10, 1), settings=DEFAULTS)
    assert data.bursts == []
    assert [c.issue.issue for c in data.findings.needs_action] == ["banjir"]
    html = render_html(data)
    assert "Tidak ada isu yang memenuhi batas tindak lanjut" not in html
    assert "<b>Banjir</b>: Siapkan klarifikasi" in html


def test_narrative_numbers_equal_the_marts(planted: Path, november: ReportData) -> None:
    data = november
    stories = {s.call.issue.issue: s for s in data.sections["isu-utama"]}
    assert list(stories)[:3] == ["lingkungan_tambang", "banjir", "ekonomi"]  # needs action first
    (now, before), (neg, labelled, pos, sov) = (
        [
            r[0]
            for r in _query(
                planted,
                "select mentions from marts.mart_issue_sentiment_monthly where issue = 'ekonomi' order by month desc limit 2",
            )
        ],
        _query(
            planted,
            """select negative, positive + neutral + negative, positive, share_of_voice
               from marts.mart_issue_sentiment_monthly where issue = 'ekonomi' and month = ?""",
            [NOV],
        )[0],
    )
    text = " ".join(stories["ekonomi"].paragraphs)
    for part in (
        f"Ekonomi mendapat {fmt.number(now)} mention ({fmt.percent(sov)} pangsa pemberitaan)",
        f"Porsi negatif {fmt.percent(neg / labelled)} ({fmt.number(neg)} dari {fmt.number(labelled)} mention berlabel)",
        f"indeks sentimen bersih {fmt.index((pos - neg) / labelled)} ({fmt.number(pos)} positif, {fmt.number(neg)} negatif)",
    ):
        assert part in text, part
    assert now == before and "sama dengan Oktober 2025" in text
    top = _query(
        planted,
        """select r.region_name, count(*), count(*) filter (where sentiment = 'negative') from marts.fct_mentions f
           join marts.dim_region r using (region_code)
           where issue = 'ekonomi' and month = ? and r.region_type <> 'provinsi' group by all order by 2 desc limit 1""",
        [NOV],
    )[0]
    assert f"{top[0]} ({fmt.number(top[1])} mention, {fmt.number(top[2])} negatif)" in text
    day_total, day_negative = _query(
        planted,
        """select count(*), count(*) filter (where sentiment = 'negative') from marts.fct_mentions
           where issue = 'lingkungan_tambang' and mention_date = ?""",
        [BURST_DAY],
    )[0]
    mining = " ".join(stories["lingkungan_tambang"].paragraphs)
    assert f"Rabu, 12 November 2025 ({day_total} mention, {day_negative} negatif; lonjakan negatif)" in mining
    widest = _query(
        planted,
        """select title, url from marts.fct_mentions where issue = 'lingkungan_tambang' and month = ?
           and sentiment = 'negative' and media_type <> 'social' order by reach desc limit 3""",
        [NOV],
    )
    assert [(h.title, h.url) for h in stories["lingkungan_tambang"].headlines] == widest
    html = render_html(data)
    assert f'<a href="{widest[0][1]}">{widest[0][0]}</a>' in html


def test_officials_are_matched_as_whole_words_with_the_longest_alias_first(planted: Path, november: ReportData) -> None:
    data = november
    officials = {o.official_code: o.mentions for o in data.sections["pejabat"].officials}
    assert officials == {"gubernur": 3, "wakil_gubernur": 1, "kadis_dlh": 1}
    html = render_html(data)
    assert "H. Contoh Gubernur" in html and "Gubernur Kalimantan Selatan" in html


def test_journalists_are_news_authors_and_never_social_media_authors(planted: Path, november: ReportData) -> None:
    data = november
    journalists = data.sections["pejabat"].journalists
    names = {r.name for rows in journalists.values() for r in rows}
    assert "social" not in journalists and names == {"Siti Rahmah", "Ahmad Fauzi"}
    assert [r.name for r in journalists["online"]] == ["Siti Rahmah"]
    assert "anon-1234abcd" not in render_html(data)


def test_a_month_without_data_says_so_and_names_the_months_that_have_data(planted: Path) -> None:
    data = read_report_data(planted, date(2024, 5, 1), settings=DEFAULTS)
    assert not data.has_data and data.sections == {}
    html = render_html(data)
    assert "Tidak ada data untuk Mei 2024" in html
    assert "Data yang tersedia: September 2025 sampai November 2025" in html
    assert "Ringkasan eksekutif" not in html and "Peringatan: data bulan ini belum lengkap" not in html
    assert not read_report_data(planted, DEC, settings=DEFAULTS).has_data


def test_only_web_addresses_become_links(tmp_path: Path) -> None:
    path = build_planted(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute(
            """update marts.fct_mentions set url = 'javascript:alert(1)'
               where mention_id = (select arg_max(mention_id, reach) from marts.fct_mentions
                                   where issue = 'lingkungan_tambang' and month = ? and sentiment = 'negative')""",
            [NOV],
        )
    html = render_html(read_report_data(path, NOV, settings=DEFAULTS))
    assert "javascript:" not in html and '<a href="https://example.invalid/' in html
