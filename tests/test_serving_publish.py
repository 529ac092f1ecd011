"""Publishing the marts for BI tools: a complete, documented snapshot swapped in atomically."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from serving.publish import TableDocs, publish


def make_warehouse(path: Path, months: list[str]) -> Path:
    """A warehouse with two commented marts tables and an uncommented dq_gaps."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create table marts.mart_issue_sentiment_monthly (month date, issue varchar, mentions bigint)")
        con.execute("comment on table marts.mart_issue_sentiment_monthly is 'Mentions per month and issue.'")
        con.execute("comment on column marts.mart_issue_sentiment_monthly.mentions is 'Mentions, duplicates removed.'")
        for month in months:
            con.execute("insert into marts.mart_issue_sentiment_monthly values (?::date, 'ekonomi', 7)", [month])
        con.execute("create table marts.dq_gaps (kind varchar, detail varchar)")
        con.execute("create schema raw")
        con.execute("create table raw.media_mentions (mention_id varchar)")
    return path


def months_in(database: Path) -> list[str]:
    """Read the published months in a fresh process, as a BI tool would."""
    code = (
        "import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
        "print(','.join(str(m) for (m,) in c.execute("
        "'select month from marts.mart_issue_sentiment_monthly order by month').fetchall()))"
    )
    return (
        subprocess.run([sys.executable, "-c", code, str(database)], check=True, capture_output=True, text=True)
        .stdout.strip()
        .split(",")
    )


def test_published_file_holds_the_marts_with_their_comments_and_nothing_else(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb", ["2025-09-01", "2025-10-01"])
    docs = {"dq_gaps": TableDocs("Data-quality findings.", {"kind": "Rule that found the gap."})}
    published = publish(warehouse, tmp_path / "serving", docs)
    assert published.rows == {"dq_gaps": 0, "mart_issue_sentiment_monthly": 2}
    with duckdb.connect(str(published.database), read_only=True) as con:
        tables = con.execute("select schema_name, table_name, comment from duckdb_tables() order by 2").fetchall()
        columns = dict(
            con.execute(
                "select table_name || '.' || column_name, comment from duckdb_columns() where comment is not null"
            ).fetchall()
        )
    assert tables == [
        ("marts", "dq_gaps", "Data-quality findings."),
        ("marts", "mart_issue_sentiment_monthly", "Mentions per month and issue."),
    ]
    assert columns == {
        "mart_issue_sentiment_monthly.mentions": "Mentions, duplicates removed.",
        "dq_gaps.kind": "Rule that found the gap.",
    }


def test_serving_file_is_written_in_the_storage_format_duckdb_1_0_reads(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb", ["2025-10-01"])
    published = publish(warehouse, tmp_path / "serving")
    with duckdb.connect() as con:
        con.execute("attach ? as served (read_only)", [str(published.database)])
        tags = con.execute("select tags from duckdb_databases() where database_name = 'served'").fetchall()[0][0]
    assert tags["storage_version"].startswith("v1.0.0")


def test_parquet_folder_has_one_file_per_mart_with_the_same_rows(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb", ["2025-09-01", "2025-10-01"])
    published = publish(warehouse, tmp_path / "serving")
    assert sorted(p.name for p in published.parquet.iterdir()) == [
        "dq_gaps.parquet",
        "mart_issue_sentiment_monthly.parquet",
    ]
    rows = duckdb.sql(f"select count(*) from '{published.parquet}/mart_issue_sentiment_monthly.parquet'").fetchall()
    assert rows == [(2,)]


def test_a_new_publication_replaces_the_old_one_for_new_readers_only(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb", ["2025-09-01"])
    serving = tmp_path / "serving"
    first = publish(warehouse, serving)
    reader = duckdb.connect(str(first.database), read_only=True)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("insert into marts.mart_issue_sentiment_monthly values (date '2025-10-01', 'ekonomi', 9)")
    publish(warehouse, serving)
    assert reader.execute("select count(*) from marts.mart_issue_sentiment_monthly").fetchall() == [(1,)]
    reader.close()
    assert months_in(first.database) == ["2025-09-01", "2025-10-01"]
    assert sorted(p.name for p in serving.iterdir() if not p.name.startswith(".parquet-")) == [
        "citra.duckdb",
        "parquet",
    ]
    assert len(list(serving.glob(".parquet-*"))) == 2  # the new folder and the previous one, for readers mid-query


def test_a_failed_publication_keeps_the_previous_snapshot_and_leaves_no_partial_files(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "warehouse.duckdb", ["2025-09-01"])
    serving = tmp_path / "serving"
    first = publish(warehouse, serving)
    before = sorted(p.name for p in serving.iterdir())
    with pytest.raises(duckdb.Error):
        publish(tmp_path / "missing.duckdb", serving)
    assert sorted(p.name for p in serving.iterdir()) == before
    assert months_in(first.database) == ["2025-09-01"]
