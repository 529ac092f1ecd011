"""Raw tables as Parquet in the lake, partitioned by office and WITA month, each file once.

Layout under the lake root (``CITRA_LAKE``; object storage in production)::

    raw/media_mentions/office=<office>/month=<YYYY-MM-01>/<file_id>_<n>.parquet
    raw/platform_posts/...            (month of publication, else of the export date)
    raw/platform_account_daily/...    (month of the metric date)
    raw/ingest_files/office=<office>/<file_id>.parquet   the lake's registry
    raw/<derived table>/office=<office>/snapshot.parquet  sentiment labels, settings, corrections
                                                            and issue suggestions, whole, replaced

The registry semantics are the warehouse's: a file is known by the SHA-256 of its bytes and is
written once. DuckDB's ``raw.ingest_files`` says which files are loaded; a file reaches the lake
when its rows are copied there, and its registry row is written last, as the commit mark. A crash
in between leaves data files without a mark: the next export writes the same file names again
(named by file id), so nothing is duplicated and nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.memory import open_read_only

log = logging.getLogger(__name__)

WITA = "Asia/Makassar"

# raw table -> the month a row belongs to (WITA), the partition column of the lake
MONTH_OF: dict[str, str] = {
    "media_mentions": f"cast(date_trunc('month', timezone('{WITA}', published_at)) as date)",
    "platform_posts": f"cast(date_trunc('month', coalesce(timezone('{WITA}', published_at), export_date)) as date)",
    "platform_account_daily": "cast(date_trunc('month', date) as date)",
}
REGISTRY = "ingest_files"
# raw tables Citra derives from the mentions after ingestion (sentiment scoring, analysts'
# corrections, issue suggestions, the labelling settings): small next to the mentions and
# rewritten by later steps, so the lake holds a whole copy per office, replaced on each export
SNAPSHOTS = ("mention_sentiment", "sentiment_settings", "label_corrections", "mention_issue_suggestions")


@dataclass(frozen=True)
class LakeExport:
    files: int
    rows: int


def _quoted_path(path: Path) -> str:
    """A path as an SQL string literal (COPY takes no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def _ensure_schema_file(con: duckdb.DuckDBPyConnection, folder: Path, table: str, office: str) -> None:
    """An office without platform exports still gets each raw table's folder, holding one Parquet
    file with no rows: Spark reads a table's columns from its files and refuses an empty folder.
    The file sits in a month of its own (``month=1970-01-01``), which holds no data."""
    if any(folder.glob("office=*/month=*/*.parquet")):
        return
    target = folder / f"office={office}" / "month=1970-01-01" / "schema.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"copy (select * from raw.{table} limit 0) to {_quoted_path(target)} (format parquet)")


def exported_file_ids(lake: Path, office: str) -> set[str]:
    """File ids of ``office`` whose registry mark is in the lake."""
    marks = lake / "raw" / REGISTRY / f"office={office}"
    return {p.stem for p in marks.glob("*.parquet")} if marks.exists() else set()


def export_new_files(warehouse: Path | str | duckdb.DuckDBPyConnection, lake: Path, office: str) -> LakeExport:
    """Copy the rows of every loaded file not yet in the lake into it; returns what it wrote.

    ``office`` must be a checked office code (``lake.settings.checked_office``)."""
    own = not isinstance(warehouse, duckdb.DuckDBPyConnection)
    con = open_read_only(warehouse) if own else warehouse
    try:
        done = exported_file_ids(lake, office)
        loaded = con.execute(
            "select file_id from raw.ingest_files where status = 'loaded' order by loaded_at, file_id"
        ).fetchall()
        new = [file_id for (file_id,) in loaded if file_id not in done]
        rows = 0
        for file_id in new:
            if not file_id.isalnum():  # a sha256 in hex: it names files in the lake
                raise ValueError(f"raw.ingest_files holds a file id that is not a hash: {file_id!r}")
            for table, month in MONTH_OF.items():
                count = con.execute(f"select count(*) from raw.{table} where source_file_id = ?", [file_id]).fetchall()[
                    0
                ][0]
                if not count:
                    continue
                target = lake / "raw" / table
                target.mkdir(parents=True, exist_ok=True)
                con.execute(
                    f"copy (select *, ? as office, {month} as month from raw.{table} where source_file_id = ?)"
                    f" to {_quoted_path(target)} (format parquet, partition_by (office, month),"
                    f" filename_pattern '{file_id}_{{i}}', overwrite_or_ignore)",
                    [office, file_id],
                )
                rows += count
            mark = lake / "raw" / REGISTRY / f"office={office}" / f"{file_id}.parquet"
            mark.parent.mkdir(parents=True, exist_ok=True)
            draft = mark.with_name(f".{file_id}.parquet.tmp")
            con.execute(
                f"copy (select * from raw.ingest_files where file_id = ?) to {_quoted_path(draft)} (format parquet)",
                [file_id],
            )
            draft.replace(mark)
        for table in MONTH_OF:
            _ensure_schema_file(con, lake / "raw" / table, table, office)
        if new:
            log.info("lake: %d new files (%d rows) written under %s for office %s", len(new), rows, lake, office)
        return LakeExport(files=len(new), rows=rows)
    finally:
        if own:
            con.close()


def export_snapshots(warehouse: Path | str | duckdb.DuckDBPyConnection, lake: Path, office: str) -> int:
    """Replace the office's copy of each derived raw table (``SNAPSHOTS``) in the lake; returns
    the rows written. Each copy is written beside its target and renamed over it, so Spark never
    reads half a file (a name starting with '.' is hidden from Spark).

    ``office`` must be a checked office code (``lake.settings.checked_office``)."""
    own = not isinstance(warehouse, duckdb.DuckDBPyConnection)
    con = open_read_only(warehouse) if own else warehouse
    try:
        rows = 0
        for table in SNAPSHOTS:
            target = lake / "raw" / table / f"office={office}" / "snapshot.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            draft = target.with_name(".snapshot.parquet.tmp")
            con.execute(f"copy (select * from raw.{table}) to {_quoted_path(draft)} (format parquet)")
            draft.replace(target)
            rows += con.execute(f"select count(*) from raw.{table}").fetchall()[0][0]
        return rows
    finally:
        if own:
            con.close()
