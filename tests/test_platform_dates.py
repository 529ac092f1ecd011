"""Official-account exports read dates like media exports: day order per file, offsets, ISO."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from platform_exports import (
    FACEBOOK_HEADER,
    TIKTOK_CONTENT_HEADER,
    YOUTUBE_TABLE_HEADER,
    by_name,
    table_text,
    write,
    write_meta_daily,
)

from ingestion.platforms.load import ingest_platforms


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The day the date rules judge by (its posts are dated up to July 2026): pinned, so the tests pass on any day."""
    monkeypatch.setenv("CITRA_TODAY", "2026-08-01")


def ingest(landing: Path):
    return ingest_platforms(landing.parent.parent / "w.duckdb", landing, landing.parent.parent / "quarantine")


def query(landing: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(landing.parent.parent / "w.duckdb"), read_only=True) as con:
        return con.execute(sql).fetchall()


def facebook_row(post_id: str, publish_time: str) -> list[object]:
    return by_name(
        FACEBOOK_HEADER,
        Post_ID=post_id,
        Page_ID="111",
        Page_name="Diskominfo Kalsel",
        Publish_time=publish_time,
        Permalink=f"https://facebook.com/111/posts/{post_id}",
        Post_type="Photos",
        Reach="10",
    )


def test_meta_file_without_a_deciding_date_reads_month_first_and_says_so(tmp_path: Path) -> None:
    """Catches: Meta's US-style 03/04/2025 read day-first (the media default) in a short export."""
    landing = tmp_path / "landing" / "platform"
    write(landing / "a" / "fb.csv", table_text(FACEBOOK_HEADER, [facebook_row("1", "03/04/2025 10:00")]))
    assert ingest(landing).rows_loaded == 1
    assert query(landing, "select published_at from raw.platform_posts") == [(datetime(2025, 3, 4, 2, 0, tzinfo=UTC),)]
    assert query(landing, "select date_order, date_order_note from raw.ingest_files") == [
        (
            "month_first",
            "ambiguous: each of the 1 day/month dates fits both orders (no number above 12); read as month-first (MM/DD/YYYY), "
            "the default of profile 'meta_facebook_posts'",
        )
    ]


def test_youtube_table_re_saved_by_an_indonesian_excel_reads_day_first(tmp_path: Path) -> None:
    """Catches: 05/07/2026 read as May 7 in a file whose 16/07/2026 shows it is day-first."""
    landing = tmp_path / "landing" / "platform"
    rows = [["a1", "A", "05/07/2026", 10, 5, 0, 0, 1, 0, 0], ["b2", "B", "16/07/2026", 10, 5, 0, 0, 1, 0, 0]]
    write(landing / "humasprov" / "Table data.csv", table_text(YOUTUBE_TABLE_HEADER, rows))
    assert ingest(landing).rows_rejected == 0
    assert query(landing, "select post_id, published_at from raw.platform_posts order by post_id") == [
        ("a1", datetime(2026, 7, 4, 16, 0, tzinfo=UTC)),
        ("b2", datetime(2026, 7, 15, 16, 0, tzinfo=UTC)),
    ]
    assert query(landing, "select date_order from raw.ingest_files") == [("day_first",)]


def test_tiktok_post_time_with_an_offset_is_that_instant(tmp_path: Path) -> None:
    """Catches: an API-style 2025-03-04T16:17:57.123+07:00 rejected or read in WITA."""
    landing = tmp_path / "landing" / "platform"
    row = ["Video", "https://www.tiktok.com/@disparkalsel/video/7", "2025-03-04T16:17:57.123+07:00", 1, 1, 1, 10]
    write(landing / "a" / "content.csv", table_text(TIKTOK_CONTENT_HEADER, [row]))
    ingest(landing)
    assert query(landing, "select published_at from raw.platform_posts") == [
        (datetime(2025, 3, 4, 9, 17, 57, 123000, tzinfo=UTC),)
    ]


def test_a_daily_metric_keeps_the_day_written_whatever_offset_follows_it(tmp_path: Path) -> None:
    """Catches: 2025-08-01T00:00:00+14:00 moved to July 31 by converting a calendar day to WITA."""
    landing = tmp_path / "landing" / "platform"
    write_meta_daily(landing / "a" / "reach.csv", "Reach", [("2025-08-01T00:00:00+14:00", 70), ("08/02/2025", 80)])
    assert ingest(landing).rows_loaded == 2
    assert query(landing, "select date::varchar, reach from raw.platform_account_daily order by date") == [
        ("2025-08-01", 70),
        ("2025-08-02", 80),
    ]
