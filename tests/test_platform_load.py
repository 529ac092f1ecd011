"""Platform ingestion keeps the media rules: idempotent, atomic, quarantine, and says whose account."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from platform_exports import INSTAGRAM_HEADER, TIKTOK_OVERVIEW_HEADER, by_name, table_text, write

from ingestion.platforms.load import ingest_platforms


def ingest(home: Path):
    return ingest_platforms(home / "w.duckdb", home / "landing" / "platform", home / "quarantine")


def ig_row(post_id: str, likes: str) -> list[object]:
    return by_name(
        INSTAGRAM_HEADER,
        Post_ID=post_id,
        Account_ID="9",
        Account_username="a",
        Publish_time="02/01/2025 07:00",
        Permalink=f"https://instagram.com/p/{post_id}",
        Post_type="IG image",
        Reach="10",
        Likes=likes,
    )


def test_renamed_platform_export_is_skipped(tmp_path: Path) -> None:
    landing = tmp_path / "landing" / "platform"
    write(landing / "a" / "ig.csv", table_text(INSTAGRAM_HEADER, [ig_row("p1", "5")]))
    assert ingest(tmp_path).rows_loaded == 1
    shutil.copy(landing / "a" / "ig.csv", landing / "a" / "ig_copy.csv")
    again = ingest(tmp_path)
    assert [o.status for o in again.outcomes] == ["skipped", "skipped"]


def test_file_without_account_loads_under_its_name_with_a_warning_how_to_name_it(tmp_path: Path) -> None:
    write(
        tmp_path / "landing" / "platform" / "Overview.csv",
        table_text(TIKTOK_OVERVIEW_HEADER, [["April 12", 1, 1, 1, 1, 1]]),
        exported="2025-05-01",
    )
    outcome = ingest(tmp_path).outcomes[0]
    assert outcome.status == "loaded"
    assert "loaded under 'overview'" in outcome.message and "landing/platform/<account>/" in outcome.message
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select account, date::varchar from raw.platform_account_daily").fetchall() == [
            ("overview", "2025-04-12")
        ]


def test_reexport_with_changed_lifetime_numbers_is_kept_with_its_export_date(tmp_path: Path) -> None:
    landing = tmp_path / "landing" / "platform"
    write(landing / "a" / "ig_feb.csv", table_text(INSTAGRAM_HEADER, [ig_row("p1", "5")]), exported="2025-02-05")
    write(landing / "a" / "ig_feb_again.csv", table_text(INSTAGRAM_HEADER, [ig_row("p1", "9")]), exported="2025-03-05")
    ingest(tmp_path)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select export_date::varchar, likes from raw.platform_posts order by 1").fetchall() == [
            ("2025-02-05", 5),
            ("2025-03-05", 9),
        ]


def test_meta_metric_file_with_unknown_metric_goes_to_quarantine(tmp_path: Path) -> None:
    from platform_exports import write_meta_daily

    write_meta_daily(tmp_path / "landing" / "platform" / "a" / "m.csv", "Gizmos", [("2025-08-01T00:00:00", 1)])
    outcome = ingest(tmp_path).outcomes[0]
    assert outcome.status == "quarantined" and "metric 'Gizmos' above the header is not known" in outcome.message
    assert (tmp_path / "quarantine" / "a" / "m.csv").exists()
