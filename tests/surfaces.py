"""Everything a `citra build` writes, as text, for the privacy scans: every text cell of every
schema of the warehouse and of the serving copy, every Parquet value, the report's HTML and
PDF text, Dagster's event log (materialization and check metadata, log lines) and the logs."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pypdf import PdfReader

from ingestion.normalize import quote_ident


def duckdb_text(path: Path) -> str:
    """Every text cell of every table and view, in every schema of the DuckDB file."""
    with duckdb.connect(str(path), read_only=True) as con:
        columns = con.execute(
            """select table_schema, table_name, column_name from information_schema.columns
               where data_type = 'VARCHAR' and table_catalog = current_database()"""
        ).fetchall()
        cells = [
            value
            for schema, table, column in columns
            for (value,) in con.execute(
                f"select distinct {quote_ident(column)} from {quote_ident(schema)}.{quote_ident(table)}"
                f" where {quote_ident(column)} is not null"
            ).fetchall()
        ]
    assert cells, f"{path} holds no text"
    return "\n".join(cells)


def parquet_text(folder: Path) -> str:
    """Every value of every Parquet file in ``folder``, as text."""
    files = sorted(folder.glob("*.parquet"))
    assert files, f"no Parquet file in {folder}"
    with duckdb.connect() as con:
        return "\n".join(
            str(v)
            for file in files
            for row in con.execute("select * from read_parquet(?)", [str(file)]).fetchall()
            for v in row
        )


def event_log_text(home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every event Dagster recorded for the runs in ``home/dagster``, as text."""
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
        assert runs, "the build recorded no run"
        return "\n".join(str(event) for run in runs for event in instance.all_logs(run.run_id))


def report_texts(home: Path, month: str) -> dict[str, str]:
    """The report of ``month`` (YYYY-MM): its HTML and the text of its PDF."""
    folder = home / "reports" / month
    pdf = PdfReader(folder / f"laporan_{month}.pdf")
    return {
        "report html": (folder / f"laporan_{month}.html").read_text(encoding="utf-8"),
        "report pdf": "\n".join(page.extract_text() for page in pdf.pages),
    }


def build_surfaces(home: Path, month: str, monkeypatch: pytest.MonkeyPatch, output: str = "") -> dict[str, str]:
    """Every place a build writes, lower-cased, by name; ``output`` is what the build printed."""
    serving = home / "serving"
    surfaces = {
        "warehouse": duckdb_text(home / "warehouse.duckdb"),
        "serving/citra.duckdb": duckdb_text(serving / "citra.duckdb"),
        "serving/parquet": parquet_text(serving / "parquet"),
        **report_texts(home, month),
        "dagster events": event_log_text(home, monkeypatch),
        "logs": "\n".join(
            p.read_text(encoding="utf-8", errors="replace") for p in sorted((home / "logs").rglob("*.log"))
        ),
        "build output": output,
    }
    return {name: text.lower() for name, text in surfaces.items()}
