"""The platform marts, built by dbt on small exports, match a computation by hand in Python."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner
from platform_exports import INSTAGRAM_HEADER, by_name, table_text, write, write_meta_daily

from ingestion.platforms.load import ingest_platforms

REPO = Path(__file__).resolve().parents[1]
POSTS = [  # post id, publish time (WITA), likes, comments, shares, saves, reach, export
    ("p1", "01/31/2025 23:30", 10, 2, 1, 1, 100, "2025-02-05"),
    ("p2", "02/01/2025 00:30", 20, 0, 0, 0, 300, "2025-02-05"),
    ("p1", "01/31/2025 23:30", 30, 4, 1, 1, 150, "2025-03-05"),  # re-export with grown numbers
]


@pytest.mark.slow
def test_platform_marts_match_hand_computation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    landing = tmp_path / "landing" / "platform"
    for i, (pid, when, likes, comments, shares, saves, reach, exported) in enumerate(POSTS):
        write(
            landing / "diskominfokalsel" / f"ig_{i}.csv",
            table_text(
                INSTAGRAM_HEADER,
                [
                    by_name(
                        INSTAGRAM_HEADER,
                        Post_ID=pid,
                        Account_ID="9",
                        Account_username="diskominfokalsel",
                        Publish_time=when,
                        Permalink=f"https://instagram.com/p/{pid}",
                        Post_type="IG image",
                        Views=str(reach * 2),
                        Reach=str(reach),
                        Likes=str(likes),
                        Comments=str(comments),
                        Shares=str(shares),
                        Saves=str(saves),
                    )
                ],
            ),
            exported=exported,
        )
    write_meta_daily(
        landing / "diskominfokalsel" / "instagram_followers.csv",
        "Followers",
        [("2025-01-31T00:00:00", 1000), ("2025-02-28T00:00:00", 1040)],
    )
    warehouse = tmp_path / "warehouse.duckdb"
    ingest_platforms(warehouse, landing, tmp_path / "quarantine")
    monkeypatch.setenv("CITRA_HOME", str(tmp_path))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    result = dbtRunner().invoke(
        [
            "build",
            "--select",
            "+mart_platform_monthly",
            "+mart_platform_posts",
            "--indirect-selection",
            "cautious",
            "--project-dir",
            str(REPO),
            "--profiles-dir",
            str(REPO),
            "--target-path",
            str(tmp_path / "target"),
            "--log-path",
            str(tmp_path / "logs"),
            "--quiet",
        ]
    )
    DuckDBConnectionManager.close_all_connections()
    assert result.success, f"dbt build failed: {result.exception or result.result}"

    newest = {p[0]: p for p in sorted(POSTS, key=lambda p: p[7])}
    expected: dict[str, list] = {}
    for _pid, when, likes, comments, shares, saves, reach, _ in newest.values():
        month = f"{when[6:10]}-{when[0:2]}-01"
        expected.setdefault(month, []).append((likes + comments + shares + saves, reach))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        monthly = con.execute(
            """select month::varchar, agency, posts, reach, engagements, engagement_rate, followers_end, follower_growth
               from marts.mart_platform_monthly order by month"""
        ).fetchall()
        ranks = con.execute(
            "select post_id, engagements, rank_in_month from marts.mart_platform_posts order by 1"
        ).fetchall()
    followers = {"2025-01-01": (1000, None), "2025-02-01": (1040, 40)}
    assert monthly == [
        (
            m,
            "diskominfo_kalsel",
            len(v),
            sum(r for _, r in v),
            sum(e for e, _ in v),
            pytest.approx(sum(e for e, _ in v) / sum(r for _, r in v)),
            *followers[m],
        )
        for m, v in sorted(expected.items())
    ]
    assert ranks == [("p1", 36, 1), ("p2", 20, 1)]
