"""The lake without Spark: raw Parquet by office and WITA month, each file once, and the copy of
Spark-built tables back into the warehouse (their Parquet written here by DuckDB, as Spark lays
them out). The Spark build itself is tested by `make test-spark` (tests/spark/)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.schema import create_raw_schema
from lake.marts import MissingSparkTable, copy_spark_marts
from lake.raw import export_new_files, export_snapshots
from lake.settings import SettingError, checked_engine, checked_office

FILE_A = "a" * 64
FILE_B = "b" * 64


def _warehouse(path: Path) -> Path:
    """Two loaded files: A with a mention at 17:00 UTC on 31 October (already 1 November in
    WITA) and one on 15 October, B with one account-day; and a quarantined file C."""
    con = duckdb.connect(str(path))
    create_raw_schema(con)
    now = datetime(2025, 11, 2, tzinfo=UTC)
    for file_id, status in ((FILE_A, "loaded"), (FILE_B, "loaded"), ("c" * 64, "quarantined")):
        con.execute(
            "insert into raw.ingest_files (file_id, file_name, file_path, size_bytes, status, first_seen_at, loaded_at)"
            " values (?, ?, ?, 1, ?, ?, ?)",
            [file_id, f"{file_id[:1]}.csv", f"/landing/{file_id[:1]}.csv", status, now, now],
        )
    for row, published in ((1, "2025-10-31 17:00:00+00"), (2, "2025-10-15 03:00:00+00")):
        con.execute(
            "insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile, published_at,"
            " export_date, ingested_at) values (?, ?, ?, 'meltwater', 'meltwater', ?, date '2025-11-01', ?)",
            [f"m{row}", FILE_A, row, published, now],
        )
    con.execute(
        "insert into raw.platform_account_daily (platform, account, date, followers, export_date, source_file_id,"
        " source_row, profile, ingested_at) values ('x', 'humas', date '2025-10-20', 10, date '2025-11-01', ?, 1,"
        " 'x_daily', ?)",
        [FILE_B, now],
    )
    con.close()
    return path


def _lake_rows(lake: Path, table: str) -> list[tuple]:
    with duckdb.connect() as con:
        return con.execute(
            "select office, cast(month as varchar), source_file_id, source_row"
            " from read_parquet(?, hive_partitioning = true) order by source_row",
            [str(lake / "raw" / table / "**" / "*.parquet")],
        ).fetchall()


def test_raw_lands_once_per_file_partitioned_by_office_and_wita_month(tmp_path: Path) -> None:
    warehouse, lake = _warehouse(tmp_path / "warehouse.duckdb"), tmp_path / "lake"
    first = export_new_files(warehouse, lake, "kalsel")
    assert (first.files, first.rows) == (2, 3)
    # 31 October 17:00 UTC is 1 November 01:00 WITA: November, not October
    assert _lake_rows(lake, "media_mentions") == [
        ("kalsel", "2025-11-01", FILE_A, 1),
        ("kalsel", "2025-10-01", FILE_A, 2),
    ]
    assert _lake_rows(lake, "platform_account_daily") == [("kalsel", "2025-10-01", FILE_B, 1)]
    # a second export finds nothing new; the quarantined file never reaches the lake
    assert export_new_files(warehouse, lake, "kalsel").files == 0
    assert len(_lake_rows(lake, "media_mentions")) == 2
    assert sorted(p.stem for p in (lake / "raw" / "ingest_files" / "office=kalsel").glob("*.parquet")) == [
        FILE_A,
        FILE_B,
    ]


def test_a_crash_before_the_registry_mark_rewrites_the_same_files_without_duplicates(tmp_path: Path) -> None:
    warehouse, lake = _warehouse(tmp_path / "warehouse.duckdb"), tmp_path / "lake"
    export_new_files(warehouse, lake, "kalsel")
    # as if the process died after writing A's rows but before its mark
    (lake / "raw" / "ingest_files" / "office=kalsel" / f"{FILE_A}.parquet").unlink()
    again = export_new_files(warehouse, lake, "kalsel")
    assert (again.files, again.rows) == (1, 2)
    assert [row[3] for row in _lake_rows(lake, "media_mentions")] == [1, 2]


def test_derived_raw_tables_are_replaced_whole_not_appended(tmp_path: Path) -> None:
    """The model's labels are rewritten by later steps (a new model version relabels every text):
    each export replaces the office's copy, so Spark never joins a label twice or an old one,
    and another office's copy stays."""
    warehouse, lake = _warehouse(tmp_path / "w.duckdb"), tmp_path / "lake"
    labels = "insert into raw.mention_sentiment (text_hash, model_version, sentiment, confidence, scored_at) values "
    with duckdb.connect(str(warehouse)) as con:
        con.execute(labels + "('h1', 'v1', 'positive', 0.9, now()), ('h2', 'v1', 'negative', 0.8, now())")
    assert export_snapshots(warehouse, lake, "kalsel") == 2
    assert export_snapshots(warehouse, lake, "banjarmasin") == 2
    with duckdb.connect(str(warehouse)) as con:
        con.execute("delete from raw.mention_sentiment")
        con.execute(labels + "('h1', 'v2', 'neutral', 0.7, now())")
    export_snapshots(warehouse, lake, "kalsel")
    with duckdb.connect() as con:
        rows = con.execute(
            "select office, text_hash, model_version, sentiment from read_parquet(?, hive_partitioning = true)"
            " order by office, text_hash",
            [str(lake / "raw" / "mention_sentiment" / "**" / "*.parquet")],
        ).fetchall()
        # every derived table has its file, empty ones too: Spark's view over the folder needs one
        empty = con.execute(
            "select count(*) from read_parquet(?)",
            [str(lake / "raw" / "label_corrections" / "office=kalsel" / "snapshot.parquet")],
        ).fetchall()[0][0]
    assert rows == [
        ("banjarmasin", "h1", "v1", "positive"),
        ("banjarmasin", "h2", "v1", "negative"),
        ("kalsel", "h1", "v2", "neutral"),
    ]
    assert empty == 0
    assert not list(lake.glob("raw/*/office=*/.*"))  # no draft left behind


def test_an_office_without_platform_exports_still_gets_a_readable_empty_table(tmp_path: Path) -> None:
    warehouse, lake = _warehouse(tmp_path / "warehouse.duckdb"), tmp_path / "lake"
    export_new_files(warehouse, lake, "kalsel")
    # no post was loaded: the folder holds one file with the columns and no rows
    assert _lake_rows(lake, "platform_posts") == []
    with duckdb.connect() as con:
        columns = con.execute(
            "select * from read_parquet(?, hive_partitioning = true)",
            [str(lake / "raw" / "platform_posts" / "**" / "*.parquet")],
        ).description
    assert {"post_id", "published_at", "office", "month"} <= {c[0] for c in columns}


@pytest.mark.parametrize("value", ["../etc", "Kalsel", "kal sel", "a/b", ""])
def test_an_office_code_that_cannot_name_a_folder_is_refused_by_name(value: str) -> None:
    if value == "":
        assert checked_office(value) == "local"  # unset means the default office
        return
    with pytest.raises(SettingError, match="CITRA_OFFICE"):
        checked_office(value)


def test_an_unknown_engine_is_refused_by_name() -> None:
    assert checked_engine(None) == "duckdb"
    assert checked_engine("Spark") == "spark"
    with pytest.raises(SettingError, match="CITRA_ENGINE='postgres'"):
        checked_engine("postgres")


def _manifest(path: Path) -> Path:
    node = {
        "resource_type": "model",
        "schema": "marts",
        "name": "mart_x",
        "alias": "mart_x",
        "description": "A mart.",
        "columns": {
            "month": {"description": "First day of the WITA month."},
            "issue": {"description": "Issue code."},
            "mentions": {"description": "Mentions."},
        },
    }
    path.write_text(json.dumps({"nodes": {"model.citra.mart_x": node}}), encoding="utf-8")
    return path


def test_spark_tables_are_copied_with_the_projects_column_order_and_descriptions(tmp_path: Path) -> None:
    lake = tmp_path / "lake"
    # as Spark writes a table partitioned by month: the partition column only in folder names
    for month, rows in (("2025-10-01", "('banjir', 3)"), ("2025-11-01", "('jalan', 5)")):
        folder = lake / "warehouse" / "marts.db" / "mart_x" / f"month={month}"
        folder.mkdir(parents=True)
        with duckdb.connect() as con:
            con.execute(
                f"copy (select * from (values {rows}) as t(issue, mentions)) to '{folder / 'part-00000.parquet'}'"
            )
        (folder / "_SUCCESS").write_text("")
    warehouse = tmp_path / "warehouse.duckdb"
    assert copy_spark_marts(lake, warehouse, _manifest(tmp_path / "manifest.json")) == ["marts.mart_x"]
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute("select * from marts.mart_x order by month").fetchall() == [
            (datetime(2025, 10, 1).date(), "banjir", 3),
            (datetime(2025, 11, 1).date(), "jalan", 5),
        ]
        assert con.execute(
            "select comment from duckdb_columns() where table_name = 'mart_x' and column_name = 'issue'"
        ).fetchall() == [("Issue code.",)]


def test_a_table_spark_did_not_write_fails_the_copy_and_leaves_the_warehouse_as_it_was(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute("create schema marts; create table marts.mart_x as select 1 as previous")
    with pytest.raises(MissingSparkTable, match=r"marts\.mart_x has no Parquet files"):
        copy_spark_marts(tmp_path / "lake", warehouse, _manifest(tmp_path / "manifest.json"))
    with duckdb.connect(str(warehouse)) as con:
        assert con.execute("select * from marts.mart_x").fetchall() == [(1,)]
