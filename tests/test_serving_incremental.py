"""An incremental publication (only the rebuilt months copied) equals a full one, cell by cell."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from serving.publish import publish

NOV = (date(2025, 11, 1), date(2025, 12, 1))


def make_warehouse(path: Path) -> Path:
    """Marts as dbt leaves them: two month-incremental tables, a dimension, dq_gaps."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.fct_mentions (mention_id varchar, month date, issue varchar, reach bigint)")
        con.execute("comment on table marts.fct_mentions is 'One row per mention.'")
        con.execute("comment on column marts.fct_mentions.reach is 'Audience estimate.'")
        con.execute(
            "insert into marts.fct_mentions select 'm' || i, date '2025-09-01' + to_months(i % 3), "
            "['ekonomi', 'banjir'][1 + i % 2], i * 10 from range(300) t(i)"
        )
        con.execute(
            "create table marts.mart_issue_sentiment_monthly as "
            "select month, issue, count(*) as mentions from marts.fct_mentions group by all"
        )
        con.execute("create table marts.dim_issue as select distinct issue from marts.fct_mentions")
        con.execute("create table marts.dq_gaps (kind varchar, detail varchar)")
    return path


def rebuild_november(path: Path) -> None:
    """What a one-month dbt run does: November deleted and inserted again, with new mentions and
    numbers; the dimension and dq_gaps rebuilt whole."""
    with duckdb.connect(str(path)) as con:
        con.execute("delete from marts.fct_mentions where month = date '2025-11-01'")
        con.execute(
            "insert into marts.fct_mentions select 'n' || i, date '2025-11-01', "
            "['ekonomi', 'banjir', 'kesehatan'][1 + i % 3], i from range(150) t(i)"
        )
        con.execute("delete from marts.mart_issue_sentiment_monthly where month = date '2025-11-01'")
        con.execute(
            "insert into marts.mart_issue_sentiment_monthly select month, issue, count(*) from marts.fct_mentions "
            "where month = date '2025-11-01' group by all"
        )
        con.execute("create or replace table marts.dim_issue as select distinct issue from marts.fct_mentions")
        con.execute("comment on table marts.dim_issue is 'Issues.'")
        con.execute("insert into marts.dq_gaps values ('stale_data', 'newest data is old')")


def assert_same_snapshot(one: Path, other: Path) -> None:
    """Same tables, columns, comments and rows (as multisets) in both files and Parquet folders."""
    with duckdb.connect(":memory:") as con:
        con.execute(f"attach '{one / 'citra.duckdb'}' as a (read_only)")
        con.execute(f"attach '{other / 'citra.duckdb'}' as b (read_only)")
        described = (
            "select table_name, comment from duckdb_tables() where database_name = ? order by 1",
            "select table_name, column_name, data_type, comment from duckdb_columns() where database_name = ? order by 1, 2",
        )
        for query in described:
            assert con.execute(query, ["a"]).fetchall() == con.execute(query, ["b"]).fetchall()
        tables = [
            t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = 'a'").fetchall()
        ]
        assert len(tables) == 4
        for table in tables:
            left, right = f"a.marts.{table}", f"b.marts.{table}"
            assert con.execute(f"select * from {left} except all select * from {right}").fetchall() == []
            assert con.execute(f"select * from {right} except all select * from {left}").fetchall() == []
            parquet = [f"'{d / 'parquet' / (table + '.parquet')}'" for d in (one, other)]
            assert con.execute(f"select * from {parquet[0]} except all select * from {parquet[1]}").fetchall() == []
            assert con.execute(f"select * from {parquet[1]} except all select * from {parquet[0]}").fetchall() == []


def test_publishing_only_the_rebuilt_month_gives_the_full_snapshot(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb")
    publish(warehouse, tmp_path / "incremental")
    rebuild_november(warehouse)
    published = publish(warehouse, tmp_path / "incremental", months=NOV)
    assert published.incremental == ("fct_mentions", "mart_issue_sentiment_monthly")
    publish(warehouse, tmp_path / "full")
    assert_same_snapshot(tmp_path / "incremental", tmp_path / "full")
    with duckdb.connect(str(published.database), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_mentions where month = '2025-11-01'").fetchall() == [(150,)]


def test_a_snapshot_missing_rows_outside_the_months_is_copied_whole(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb")
    publish(warehouse, tmp_path / "incremental")
    rebuild_november(warehouse)
    with duckdb.connect(str(warehouse)) as con:  # a month the snapshot never saw (a failed publication)
        con.execute("insert into marts.fct_mentions values ('late', date '2025-10-01', 'banjir', 1)")
    published = publish(warehouse, tmp_path / "incremental", months=NOV)
    assert "fct_mentions" not in published.incremental
    publish(warehouse, tmp_path / "full")
    assert_same_snapshot(tmp_path / "incremental", tmp_path / "full")


def test_a_table_whose_columns_changed_is_copied_whole(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb")
    publish(warehouse, tmp_path / "incremental")
    with duckdb.connect(str(warehouse)) as con:  # a full refresh after a new column
        con.execute("alter table marts.fct_mentions add column sentiment varchar default 'neutral'")
    published = publish(warehouse, tmp_path / "incremental", months=NOV)
    assert "fct_mentions" not in published.incremental
    publish(warehouse, tmp_path / "full")
    assert_same_snapshot(tmp_path / "incremental", tmp_path / "full")
