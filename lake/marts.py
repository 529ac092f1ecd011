"""The marts Spark built, copied into the DuckDB warehouse: one interface on both engines.

Quality rules, the report, the serving snapshot and BI tools read ``marts.*`` and ``reference.*``
in ``warehouse.duckdb``. On Spark, dbt writes those tables as Parquet under the lake
(``<lake>/warehouse/<schema>.db/<table>/``, partition folders for the month-incremental ones);
this module reads them back with DuckDB and replaces the warehouse's tables in one transaction,
with the columns in the order (and with the descriptions, as comments) of the dbt project.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingestion.memory import cap_memory

log = logging.getLogger(__name__)

# what downstream code reads from the warehouse; staging and intermediate stay in the lake
COPIED_SCHEMAS = ("marts", "reference")


@dataclass(frozen=True)
class CopiedTable:
    schema: str
    name: str
    columns: list[str]
    description: str
    column_descriptions: dict[str, str]


class MissingSparkTable(RuntimeError):
    """A model of the dbt project has no table in the lake: the Spark build did not finish."""


def _literal(text: str) -> str:
    """Text as an SQL string literal (COMMENT ON takes no parameter)."""
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a table or column name Citra writes: {name!r}")
    return f'"{name}"'


def tables_of(manifest: Path) -> list[CopiedTable]:
    """The seeds and models of the copied schemas, from dbt's manifest (enabled nodes only)."""
    nodes = json.loads(manifest.read_text(encoding="utf-8"))["nodes"].values()
    return sorted(
        (
            CopiedTable(
                schema=node["schema"],
                name=node["alias"] or node["name"],
                columns=list(node["columns"]),
                description=(node.get("description") or "").strip(),
                column_descriptions={
                    name: (spec.get("description") or "").strip() for name, spec in node["columns"].items()
                },
            )
            for node in nodes
            if node["resource_type"] in ("model", "seed") and node["schema"] in COPIED_SCHEMAS
        ),
        key=lambda t: (t.schema, t.name),
    )


def spark_table_folder(lake: Path, schema: str, name: str) -> Path:
    """Where Spark keeps a managed table of database ``schema`` (``spark.sql.warehouse.dir``)."""
    return lake / "warehouse" / f"{schema}.db" / name


def _select(con: duckdb.DuckDBPyConnection, folder: Path, table: CopiedTable) -> str:
    files = [str(p) for p in sorted(folder.rglob("*.parquet")) if not p.name.startswith((".", "_"))]
    if not files:
        raise MissingSparkTable(f"{table.schema}.{table.name} has no Parquet files in {folder}")
    source = con.read_parquet(files, hive_partitioning=True)
    present = source.columns
    ordered = [c for c in table.columns if c in present] + [c for c in present if c not in table.columns]
    paths = "[" + ", ".join(_literal(f) for f in files) + "]"
    return f"select {', '.join(_identifier(c) for c in ordered)} from read_parquet({paths}, hive_partitioning = true)"


def copy_spark_marts(lake: Path, warehouse: Path, manifest: Path) -> list[str]:
    """Replace the warehouse's marts and reference tables by the ones Spark built; returns their
    names. All or nothing: one transaction, so a reader never sees half of a build."""
    tables = tables_of(manifest)
    con = cap_memory(duckdb.connect(str(warehouse)))
    try:
        statements = [(t, _select(con, spark_table_folder(lake, t.schema, t.name), t)) for t in tables]
        con.execute("begin transaction")
        for schema in COPIED_SCHEMAS:
            con.execute(f"create schema if not exists {_identifier(schema)}")
        for table, select in statements:
            name = f"{_identifier(table.schema)}.{_identifier(table.name)}"
            con.execute(f"create or replace table {name} as {select}")
            if table.description:
                con.execute(f"comment on table {name} is {_literal(table.description)}")
            for column, text in table.column_descriptions.items():
                if text:
                    con.execute(f"comment on column {name}.{_identifier(column)} is {_literal(text)}")
        con.execute("commit")
    finally:  # closing without the commit rolls everything back
        con.close()
    names = [f"{t.schema}.{t.name}" for t in tables]
    log.info("copied %d tables built on Spark into %s", len(names), warehouse)
    return names
