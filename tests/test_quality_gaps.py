"""Each gap rule finds the hole planted in clean generated data, with the right dates."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from quality_data import DAYS, START, build_warehouse

from quality.config import load_config
from quality.gaps import find_gaps, publish_gaps

AS_OF = START + timedelta(days=DAYS + 3)


def findings(path: Path, as_of: date = AS_OF) -> list[tuple]:
    with duckdb.connect(str(path)) as con:
        return [(f.kind, f.subject, f.start_date, f.end_date, f.severity) for f in find_gaps(con, as_of, load_config())]


def test_clean_data_has_no_findings(tmp_path: Path) -> None:
    assert findings(build_warehouse(tmp_path / "w.duckdb")) == []


def test_clean_data_publishes_an_empty_dq_gaps_table_replacing_earlier_findings(tmp_path: Path) -> None:
    # bugs caught: a clean warehouse fails its build (DuckDB's executemany refuses an empty list),
    # or gets no table; and findings of an earlier run stay after the data is fine again
    path = build_warehouse(tmp_path / "w.duckdb")
    stale_day = START + timedelta(days=DAYS - 1 + 36)  # a run that found both feeds late
    assert [f.kind for f in publish_gaps(path, as_of=stale_day)] == ["stale_data", "stale_data"]
    assert publish_gaps(path, as_of=AS_OF) == []
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from marts.dq_gaps").fetchall() == [(0,)]
        columns = con.execute(
            "select column_name from duckdb_columns() where schema_name = 'marts' and table_name = 'dq_gaps'"
            " order by column_index"
        ).fetchall()
    # the report and BI tools read these columns, rows or not
    assert [c for (c,) in columns] == ["kind", "subject", "start_date", "end_date", "severity", "detail", "detected_at"]


def test_feed_missing_days_are_found_with_their_dates(tmp_path: Path) -> None:
    gap = (date(2025, 3, 10), date(2025, 3, 18))
    path = build_warehouse(
        tmp_path / "w.duckdb", volume=lambda v, d, n: 0 if v == "meltwater" and gap[0] <= d <= gap[1] else n
    )
    assert findings(path) == [("feed_missing_days", "meltwater", *gap, "error")]


def test_single_quiet_day_of_a_sparse_feed_is_not_an_alarm(tmp_path: Path) -> None:
    path = build_warehouse(
        tmp_path / "w.duckdb", volume=lambda v, d, n: 0 if v == "manual" and d == date(2025, 2, 9) else n
    )
    assert findings(path) == []


def test_two_missing_days_of_a_busy_feed_warn(tmp_path: Path) -> None:
    path = build_warehouse(
        tmp_path / "w.duckdb",
        volume=lambda v, d, n: 0 if v == "meltwater" and d in (date(2025, 5, 1), date(2025, 5, 2)) else n,
    )
    assert findings(path) == [("feed_missing_days", "meltwater", date(2025, 5, 1), date(2025, 5, 2), "warn")]


def test_missing_month_is_reported_once_as_a_month(tmp_path: Path) -> None:
    files = [
        (
            f"manual_2025-{m:02d}.csv",
            "manual",
            date(2025, m, 1),
            (date(2025, m, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1),
        )
        for m in (1, 2, 4, 5)
    ]
    files.append(("manual_2025-06.csv", "manual", date(2025, 6, 1), date(2025, 6, 29)))
    files += [
        (
            f"mw_{m}.csv",
            "meltwater",
            date(2025, m, 1),
            (date(2025, m, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1),
        )
        for m in range(1, 6)
    ]
    files.append(("mw_6.csv", "meltwater", date(2025, 6, 1), date(2025, 6, 29)))
    path = build_warehouse(
        tmp_path / "w.duckdb", files=files, volume=lambda v, d, n: 0 if v == "manual" and d.month == 3 else n
    )
    assert findings(path) == [
        ("feed_missing_month", "manual", date(2025, 3, 1), date(2025, 3, 31), "error"),
        ("file_coverage_gap", "manual", date(2025, 3, 1), date(2025, 3, 31), "warn"),
    ]


def test_holes_between_export_files_are_found(tmp_path: Path) -> None:
    files = [
        ("a.csv", "meltwater", date(2025, 1, 1), date(2025, 3, 31)),
        ("b.csv", "meltwater", date(2025, 2, 1), date(2025, 4, 10)),  # overlaps a.csv
        ("c.csv", "meltwater", date(2025, 4, 15), date(2025, 6, 29)),
        ("m.csv", "manual", date(2025, 1, 1), date(2025, 6, 29)),
    ]
    assert findings(build_warehouse(tmp_path / "w.duckdb", files=files)) == [
        ("file_coverage_gap", "meltwater", date(2025, 4, 11), date(2025, 4, 14), "warn"),
    ]


def test_late_data_is_flagged_after_the_configured_age(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "w.duckdb")
    last = START + timedelta(days=DAYS - 1)
    assert findings(path, as_of=last + timedelta(days=35)) == []
    late = findings(path, as_of=last + timedelta(days=36))
    assert late == [
        ("stale_data", "manual", last, last + timedelta(days=36), "warn"),
        ("stale_data", "meltwater", last, last + timedelta(days=36), "warn"),
    ]


@pytest.mark.parametrize(("factor", "kind"), [(3.0, "volume_burst"), (0.15, "volume_collapse")])
def test_day_outside_the_robust_band_is_found(tmp_path: Path, factor: float, kind: str) -> None:
    day = date(2025, 4, 16)  # a Wednesday, well after the 28-day warm-up
    path = build_warehouse(
        tmp_path / "w.duckdb", volume=lambda v, d, n: round(n * factor) if v == "meltwater" and d == day else n
    )
    assert findings(path) == [(kind, "meltwater", day, day, "warn")]


def test_negative_burst_of_one_issue_is_found(tmp_path: Path) -> None:
    day = date(2025, 5, 20)

    def sentiment(issue: str, d: date, i: int) -> str:
        if d == day and issue == "banjir":
            return "negative"
        return ["positive", "neutral", "neutral", "negative"][(i // 4 + d.day) % 4]

    extra = lambda v, d, n: n + 40 if v == "meltwater" and d == day else n  # noqa: E731
    found = findings(build_warehouse(tmp_path / "w.duckdb", volume=extra, sentiment=sentiment))
    assert ("negative_burst", "banjir", day, day, "warn") in found
    assert {f[0] for f in found} <= {"negative_burst", "volume_burst"}


def test_month_with_too_many_unlabeled_mentions_is_flagged(tmp_path: Path) -> None:
    def sentiment(issue: str, d: date, i: int) -> str | None:
        if d.month == 2 and i % 5 == 0:
            return None  # 20% unlabeled in February
        return ["positive", "neutral", "neutral", "negative"][(i // 4 + d.day) % 4]

    assert findings(build_warehouse(tmp_path / "w.duckdb", sentiment=sentiment)) == [
        ("unlabeled_sentiment", "mentions", date(2025, 2, 1), date(2025, 2, 28), "warn"),
    ]


def test_findings_are_published_as_marts_dq_gaps_with_comments(tmp_path: Path) -> None:
    path = build_warehouse(
        tmp_path / "w.duckdb",
        volume=lambda v, d, n: 0 if v == "meltwater" and date(2025, 3, 10) <= d <= date(2025, 3, 18) else n,
    )
    publish_gaps(path, as_of=AS_OF)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("select kind, subject, start_date, end_date, severity, detail from marts.dq_gaps").fetchall()
        comments = con.execute(
            "select count(*) from duckdb_columns() where table_name = 'dq_gaps' and comment is not null"
        ).fetchall()
    assert [r[:5] for r in rows] == [("feed_missing_days", "meltwater", date(2025, 3, 10), date(2025, 3, 18), "error")]
    assert rows[0][5].startswith("meltwater has no mentions for 9 day(s), 2025-03-10 to 2025-03-18; it usually has ")
    assert comments == [(7,)]


def test_accounts_missing_from_the_registry_are_reported_not_dropped(tmp_path: Path) -> None:
    path = build_warehouse(tmp_path / "w.duckdb")
    with duckdb.connect(str(path)) as con:
        con.execute("create schema reference")
        con.execute("create table reference.accounts as select 'instagram' as platform, 'diskominfokalsel' as account")
        con.execute("""create table raw.platform_account_daily as
                       select 'instagram' as platform, a.account, d::date as date
                       from (values ('diskominfokalsel'), ('akun_baru')) a(account),
                            generate_series(date '2025-01-01', date '2025-06-29', interval 1 day) g(d)""")
    assert findings(path) == [("unknown_account", "instagram/akun_baru", date(2025, 1, 1), date(2025, 6, 29), "warn")]
