"""The sample's official answers to the planted burst follow the burst's year and never lie
after today (an export from the future would be rejected, and the demo's alerts stay unanswered)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sample_data.responses import write_responses

WITA = ZoneInfo("Asia/Makassar")


def test_answers_are_dated_after_the_burst_of_the_story_year(tmp_path: Path) -> None:
    written = write_responses(tmp_path, date(2027, 10, 6), today=date(2027, 12, 1))
    times = [p["published_at"] for p in written["posts"]]
    assert times == [
        datetime(2027, 10, 6, 14, 30, tzinfo=WITA),
        datetime(2027, 10, 6, 16, 0, tzinfo=WITA),
        datetime(2027, 10, 7, 9, 15, tzinfo=WITA),
    ]
    # downloaded two days after the burst, 8 October 2027 (WITA)
    days = {datetime.fromtimestamp(f.stat().st_mtime, WITA).date() for f in written["files"]}
    assert days == {date(2027, 10, 8)}
    assert [f.name for f in written["files"]] == [
        "instagram_posts_tanggapan_2027-10-06.csv",
        "instagram_posts_tanggapan_2027-10-06.csv",
        "facebook_posts_tanggapan_2027-10-07.csv",
    ]


def test_an_answer_after_today_is_not_written_and_no_file_is_dated_after_today(tmp_path: Path) -> None:
    written = write_responses(tmp_path, date(2027, 10, 6), today=date(2027, 10, 6))
    assert [p["published_at"] for p in written["posts"]] == [
        datetime(2027, 10, 6, 14, 30, tzinfo=WITA),
        datetime(2027, 10, 6, 16, 0, tzinfo=WITA),
    ]
    assert {datetime.fromtimestamp(f.stat().st_mtime, WITA).date() for f in written["files"]} == {date(2027, 10, 6)}
