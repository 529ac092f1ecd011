"""Each platform export layout loads into the canonical platform tables with the right numbers."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from platform_exports import (
    FACEBOOK_HEADER,
    INSTAGRAM_HEADER,
    INSTAGRAM_ID_HEADER,
    TIKTOK_FOLLOWER_HEADER,
    TIKTOK_OVERVIEW_HEADER,
    X_CLASSIC_HEADER,
    X_POSTS_HEADER,
    YOUTUBE_CHART_HEADER,
    YOUTUBE_TABLE_HEADER,
    YOUTUBE_TOTALS_HEADER,
    by_name,
    table_text,
    write,
    write_meta_daily,
    write_zip,
)

from ingestion.platforms.load import ingest_platforms


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the date rules judge by (its posts are dated up to July 2026): pinned, so the tests pass on any day."""
    monkeypatch.setenv("CITRA_TODAY", "2026-08-01")


@pytest.fixture
def landing(tmp_path: Path) -> Path:
    return tmp_path / "landing" / "platform"


def ingest(landing: Path):
    return ingest_platforms(landing.parent.parent / "w.duckdb", landing, landing.parent.parent / "quarantine")


def query(landing: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(landing.parent.parent / "w.duckdb"), read_only=True) as con:
        con.execute("set timezone = 'Asia/Makassar'")
        return con.execute(sql).fetchall()


def test_facebook_posts_take_the_second_reactions_column_and_thousands_separators(landing: Path) -> None:
    row = by_name(
        FACEBOOK_HEADER,
        Post_ID="111_9",
        Page_ID="111",
        Page_name="Diskominfo Kalsel",
        Publish_time="01/31/2025 23:30",
        Permalink="https://facebook.com/111/posts/9",
        Post_type="Photos",
        Date="Lifetime",
        Views="12,345",
        Reach="1,000",
        Comments="5",
        Shares="3",
        Total_clicks="12",
    )
    row[FACEBOOK_HEADER.index("Reactions") + 2] = "40"  # the second `Reactions` column
    write(landing / "diskominfokalsel" / "fb.csv", "\ufeff" + table_text(FACEBOOK_HEADER, [row]))
    assert ingest(landing).rows_loaded == 1
    assert query(
        landing,
        "select platform, account, post_id, strftime(published_at, '%Y-%m-%d %H:%M'), views,"
        " reach, likes, comments, shares, clicks from raw.platform_posts",
    ) == [("facebook", "diskominfokalsel", "111_9", "2025-01-31 23:30", 12345, 1000, 40, 5, 3, 12)]


def test_older_facebook_export_with_impressions_loads_views(landing: Path) -> None:
    header = [("Impressions" if h == "Views" else h) for h in FACEBOOK_HEADER]
    write(
        landing / "a" / "fb.csv",
        table_text(
            header,
            [
                by_name(
                    header,
                    Post_ID="1_1",
                    Page_ID="1",
                    Page_name="A",
                    Publish_time="03/01/2024 08:00",
                    Permalink="u",
                    Post_type="Photos",
                    Impressions="2,500",
                    Reach="900",
                )
            ],
        ),
    )
    ingest(landing)
    assert query(landing, "select views, reach from raw.platform_posts") == [(2500, 900)]


def test_instagram_english_and_indonesian_headers_load_the_same_columns(landing: Path) -> None:
    write(
        landing / "ig_en.csv",
        table_text(
            INSTAGRAM_HEADER,
            [
                by_name(
                    INSTAGRAM_HEADER,
                    Post_ID="p1",
                    Account_ID="9",
                    Account_username="@DiskominfoKalsel",
                    Publish_time="02/01/2025 07:00",
                    Permalink="https://instagram.com/p/1",
                    Post_type="IG reel",
                    Views="500",
                    Reach="400",
                    Likes="30",
                    Shares="2",
                    Comments="4",
                    Saves="1",
                )
            ],
        ),
    )
    write(
        landing / "ig_id.csv",
        table_text(
            INSTAGRAM_ID_HEADER,
            [
                by_name(
                    INSTAGRAM_ID_HEADER,
                    ID_Postingan="p2",
                    ID_Akun="9",
                    Nama_pengguna_akun="diskominfokalsel",
                    Waktu_penerbitan="02/02/2025 07:00",
                    Permalink="https://instagram.com/p/2",
                    Jenis_postingan="Gambar",
                    Tayangan="1.500",
                    Jangkauan="1.200",
                    Suka="50",
                    Frekuensi_dibagikan="3",
                    Komentar="6",
                    Frekuensi_disimpan="2",
                )
            ],
        ),
    )
    ingest(landing)
    assert query(
        landing,
        "select account, post_id, views, reach, likes, comments, shares, saves"
        " from raw.platform_posts order by post_id",
    ) == [("diskominfokalsel", "p1", 500, 400, 30, 4, 2, 1), ("diskominfokalsel", "p2", 1500, 1200, 50, 6, 3, 2)]


def test_meta_daily_metric_files_fill_the_named_metric(landing: Path) -> None:
    write_meta_daily(landing / "humasprov" / "instagram_views.csv", "Views", [("2025-08-01T00:00:00", 67753)])
    write_meta_daily(
        landing / "humasprov" / "jangkauan.csv", "Jangkauan", [("2025-08-01T00:00:00", 5000)], date_label="Tanggal"
    )
    ingest(landing)
    assert query(
        landing,
        "select platform, account, date::varchar, views, reach from raw.platform_account_daily order by platform",
    ) == [("facebook", "humasprov", "2025-08-01", None, 5000), ("instagram", "humasprov", "2025-08-01", 67753, None)]


def test_tiktok_dates_without_year_across_new_year_take_the_right_year(landing: Path) -> None:
    folder = landing / "disparkalsel" / "tiktok_2024-12-30_2025-01-02"
    write(
        folder / "Overview.csv",
        table_text(
            TIKTOK_OVERVIEW_HEADER,
            [["December 30", 100, 5, 10, 2, 1], ["December 31", 120, 6, 0, 0, 0], ["January 1", 90, 4, 3, 3, 3]],
        ),
    )
    write(folder / "FollowerHistory.csv", table_text(TIKTOK_FOLLOWER_HEADER, [["January 2", 1500, -3]]))
    ingest(landing)
    assert query(
        landing,
        "select date::varchar, views, profile_views, engagements, followers, follower_change"
        " from raw.platform_account_daily order by date",
    ) == [
        ("2024-12-30", 100, 5, 13, None, None),
        ("2024-12-31", 120, 6, 0, None, None),
        ("2025-01-01", 90, 4, 9, None, None),
        ("2025-01-02", None, None, None, 1500, -3),
    ]


def test_tiktok_impossible_date_is_rejected_with_file_row_and_expected_format(landing: Path) -> None:
    write(
        landing / "a" / "Overview.csv",
        table_text(TIKTOK_OVERVIEW_HEADER, [["February 3", 1, 1, 1, 1, 1], ["Feb 30", 1, 1, 1, 1, 1]]),
        exported="2025-03-01",
    )
    report = ingest(landing)
    assert report.rows_loaded == 1 and report.rows_rejected == 1
    assert "a/Overview.csv row 3: date 'Feb 30' is not a date; expected a format like" in report.outcomes[0].message
    assert query(landing, "select source_row, column_name from raw.ingest_rejects") == [(3, "Date")]


def test_youtube_zip_skips_the_total_row_and_keeps_dash_ids_and_empty_publish_times(landing: Path) -> None:
    write_zip(
        landing / "humasprov" / "yt.zip",
        {
            "Table data.csv": table_text(
                YOUTUBE_TABLE_HEADER,
                [
                    ["Total", "", "", "", 300, 1, 1, 10, 2, 1],
                    ["-abcDEF123", "A", "Jan 8, 2025", 60, 200, 1, 1, 8, 1, 1],
                    ["xyz", "B", "", 30, 100, 0, 0, 2, 1, 0],
                ],
            ),
            "Chart data.csv": table_text(YOUTUBE_CHART_HEADER, [["2025-01-08", "xyz", "B", "", 30, 100]]),
            "Totals.csv": table_text(YOUTUBE_TOTALS_HEADER, [["2025-01-08", 150]]),
        },
    )
    write(
        landing / "humasprov" / "Table data (excel).csv",
        table_text(YOUTUBE_TABLE_HEADER, [["qrs", "C", "7/16/2026", 10, 5, 0, 0, 1, 0, 0]]),
    )
    ingest(landing)
    assert query(
        landing,
        "select post_id, strftime(published_at, '%Y-%m-%d'), views, url from raw.platform_posts order by post_id",
    ) == [
        ("-abcDEF123", "2025-01-08", 200, "https://www.youtube.com/watch?v=-abcDEF123"),
        ("qrs", "2026-07-16", 5, "https://www.youtube.com/watch?v=qrs"),
        ("xyz", None, 100, "https://www.youtube.com/watch?v=xyz"),
    ]
    assert query(landing, "select date::varchar, views from raw.platform_account_daily") == [("2025-01-08", 150)]


def test_x_classic_export_reads_utc_times_float_counts_and_multiline_text(landing: Path) -> None:
    write(
        landing / "tweet_activity_metrics_bpbdkalsel_20211201_20211231_en.csv",
        table_text(
            X_CLASSIC_HEADER,
            [
                by_name(
                    X_CLASSIC_HEADER,
                    Tweet_id="1475857372013035520",
                    Tweet_permalink="https://twitter.com/bpbdkalsel/status/1475857372013035520",
                    Tweet_text="Siaga banjir\nbaris dua",
                    time="2021-12-28 16:45 +0000",
                    impressions="3423.0",
                    likes="12.0",
                    replies="1.0",
                    retweets="2.0",
                    promoted_impressions="-",
                )
            ],
        ),
    )
    ingest(landing)
    assert query(
        landing,
        "select account, post_id, strftime(published_at, '%Y-%m-%d %H:%M'), text, views, likes from raw.platform_posts",
    ) == [("bpbdkalsel", "1475857372013035520", "2021-12-29 00:45", "Siaga banjir\nbaris dua", 3423, 12)]


def test_x_ids_mangled_by_excel_are_recovered_from_the_link(landing: Path) -> None:
    write(
        landing / "x_posts.csv",
        table_text(
            X_POSTS_HEADER,
            [
                by_name(
                    X_POSTS_HEADER,
                    Post_id="1.23457E+18",
                    Date="Tue, Jul 14, 2026",
                    Post_Link="https://x.com/humasprovkalsel/status/1234567890123456789",
                    Impressions="1,500",
                    Likes="10",
                    Replies="2",
                    Reposts="3",
                    Bookmarks="1",
                )
            ],
        ),
    )
    ingest(landing)
    assert query(
        landing,
        "select account, post_id, strftime(published_at, '%Y-%m-%d'), views, shares, saves from raw.platform_posts",
    ) == [("humasprovkalsel", "1234567890123456789", "2026-07-14", 1500, 3, 1)]
