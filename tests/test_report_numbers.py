"""Every number of the monthly report equals the marts, and the HTML shows it in Indonesian form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest
from report_warehouse import BURST_DAY, add_dq_gaps, add_platform_marts, build_warehouse

from reporting import formatting as fmt
from reporting.config import settings_from
from reporting.data import read_report_data as read_with
from reporting.render import render_html

DEC = date(2024, 12, 1)


def read_report_data(path: Path, month: date):  # the default thresholds, whatever report.yml says
    return read_with(path, month, settings=settings_from({}))


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return build_warehouse(tmp_path / "warehouse.duckdb")


def _query(path: Path, sql: str, params: list) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def _month_totals(path: Path, month: date) -> tuple[int, int, int, int]:
    return _query(
        path,
        """select sum(mentions), sum(positive), sum(negative), sum(positive + neutral + negative)
                           from marts.mart_issue_sentiment_monthly where month = ?""",
        [month],
    )[0]


def test_executive_summary_equals_the_monthly_mart_and_its_previous_month(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    mentions, positive, negative, labelled = _month_totals(warehouse, DEC)
    before = _month_totals(warehouse, date(2024, 11, 1))
    s = data.summary
    assert (s.current.mentions, s.current.positive, s.current.negative, s.current.labelled) == (
        mentions,
        positive,
        negative,
        labelled,
    )
    assert s.current.positive_share == pytest.approx(positive / labelled)
    assert s.current.net_sentiment == pytest.approx((positive - negative) / labelled)
    assert s.mentions_change == pytest.approx(mentions / before[0] - 1)
    assert s.negative_share_change_pp == pytest.approx((negative / labelled - before[2] / before[3]) * 100)
    html = render_html(data)
    for text in (
        fmt.number(mentions),
        fmt.percent(positive / labelled),
        fmt.percent(negative / labelled),
        fmt.index((positive - negative) / labelled),
        fmt.signed_percent(mentions / before[0] - 1),
        fmt.points((positive / labelled - before[1] / before[3]) * 100),
        "Desember 2024",
        "November 2024",
    ):
        assert text in html, text


def test_issue_rows_equal_the_mart_and_are_ranked_by_volume(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    expected = _query(
        warehouse,
        """select issue, mentions, negative, positive_share, negative_share, net_sentiment,
                                           share_of_voice, negative_share_change_pp
                                    from marts.mart_issue_sentiment_monthly where month = ?
                                    order by mentions desc, issue""",
        [DEC],
    )
    got = [
        (
            i.issue,
            i.mentions,
            i.negative,
            i.positive_share,
            i.negative_share,
            i.net_sentiment,
            i.share_of_voice,
            i.negative_share_change_pp,
        )
        for i in data.issues
    ]
    assert got == expected
    html = render_html(data)
    for _, mentions, _negative, pos, neg, net, sov, change in expected:
        for text in (
            fmt.number(mentions),
            fmt.percent(pos),
            fmt.percent(neg),
            fmt.index(net),
            fmt.percent(sov),
            fmt.points(change),
        ):
            assert text in html, text


def test_region_breakdown_equals_the_mentions_of_the_month(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    expected = dict(
        (
            (code, (n, neg))
            for code, n, neg in _query(
                warehouse,
                """select region_code, count(*), count(*) filter (where sentiment = 'negative')
                      from marts.fct_mentions where mention_date >= ? and mention_date < ? group by all""",
                [DEC, date(2025, 1, 1)],
            )
        )
    )
    assert {r.region_code: (r.mentions, r.negative) for r in data.regions} == expected
    unknown = next(r for r in data.regions if r.region_code is None)
    assert unknown.region_name == "Tidak teridentifikasi"
    html = render_html(data)
    for region in data.regions:
        if region.region_code:
            assert f'<td class="t">{region.region_name}</td><td>{fmt.number(region.mentions)}</td>' in html
    n, neg = expected[None]
    assert (
        f"Tidak teridentifikasi: {fmt.number(n)} <i>mention</i> tanpa wilayah yang dikenali ({fmt.number(neg)} negatif)"
        in html
    )


def test_negative_burst_names_the_day_and_the_headlines_that_drove_it(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    assert [(b.issue, b.day) for b in data.bursts] == [("banjir", BURST_DAY)]
    count, top_title = _query(
        warehouse,
        """select count(*), arg_max(title, reach) from marts.fct_mentions
                                            where issue = 'banjir' and sentiment = 'negative' and mention_date = ?""",
        [BURST_DAY],
    )[0]
    burst = data.bursts[0]
    assert burst.negative == count and burst.headlines[0].title == top_title
    html = render_html(data)
    assert "Selasa, 10 Desember 2024" in html and top_title in html
    assert fmt.wita_time(burst.headlines[0].published_at) in html and "WITA" in html


def test_official_accounts_come_from_the_platform_marts_when_present(warehouse: Path) -> None:
    assert "ekspor akun resmi belum dimuat" in render_html(read_report_data(warehouse, DEC))
    add_platform_marts(warehouse)
    html = render_html(read_report_data(warehouse, DEC))
    for text in ("diskominfokalsel", "120.500", "7.345", "25.310", "+1.210", "−35", "4.321", "TikTok"):
        assert text in html, text
    # one measure for every platform: engagements per view (7.345 / 120.500, 15.022 / 402.000)
    assert fmt.percent(7345 / 120500, 2) in html and fmt.percent(15022 / 402000, 2) in html
    assert "5.120 pelanggan" in html and "25.310 pelanggan" not in html  # YouTube counts subscribers


def test_a_post_exported_without_a_time_shows_its_day_only(warehouse: Path) -> None:
    add_platform_marts(warehouse)
    html = render_html(read_report_data(warehouse, DEC))
    assert "3 Desember 2024 10.00 WITA" in html  # the TikTok post has a time
    assert '<td class="t">5 Desember 2024</td>' in html and "5 Desember 2024 00.00" not in html


def test_month_with_an_error_gap_carries_the_warning_on_the_first_page(warehouse: Path) -> None:
    add_dq_gaps(
        warehouse,
        [
            (
                "feed_missing_days",
                "meltwater",
                date(2024, 12, 14),
                date(2024, 12, 16),
                "error",
                "meltwater has no mentions on 3 days",
            ),
            ("stale_data", "manual", date(2024, 10, 1), date(2024, 10, 31), "warn", "outside the month"),
        ],
    )
    data = read_report_data(warehouse, DEC)
    assert [g.kind for g in data.gaps] == ["feed_missing_days"]
    assert data.incomplete
    html = render_html(data)
    assert html.index("Peringatan: data bulan ini belum lengkap") < html.index("Ringkasan eksekutif")
    assert "Hari kosong pada feed: meltwater, 14 Desember 2024 – 16 Desember 2024" in html
    assert "meltwater has no mentions on 3 days" in html and "outside the month" not in html


def test_month_whose_data_stops_early_is_marked_incomplete(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "w.duckdb", days_until=date(2024, 12, 20))
    add_dq_gaps(path, [])
    data = read_report_data(path, DEC)
    assert data.warnings == ["Data mention baru sampai 20 Desember 2024; bulan ini belum lengkap."]
    assert "Tidak ada temuan kualitas data" in render_html(data)
    assert not read_report_data(path, date(2024, 11, 1)).incomplete


def test_without_dq_gaps_the_quality_section_says_the_data_is_not_available(warehouse: Path) -> None:
    data = read_report_data(warehouse, DEC)
    assert data.gaps is None and not data.incomplete
    assert "Pemeriksaan kualitas data belum dijalankan" in render_html(data)
