"""Everything a `citra build` writes, as text, for the privacy scans (``build_surfaces``, ``leaks``).

Every file under CITRA_HOME except the office's own files (``landing/``, ``quarantine/``): DuckDB
files cell by cell (every text column of every schema) and byte by byte, Parquet value by value,
PDFs as their text, ZIP-based files (XLSX) member by member, gzip unpacked, anything else as
its bytes (logs, Dagster's SQLite run storage and compute logs, the build stamp); Dagster's event
log through its API; the dbt target folders of the build's runs (dbt.log, the parse state,
compiled SQL), which dbt writes beside the project; and what the build printed.

A later feature that stores text (hoaxes, alerts) passes the same scan: build with a planted
handle, then ``assert leaks(build_surfaces(...), handles) == {}``.
"""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from pypdf import PdfReader

from ingestion.normalize import quote_ident

REPO = Path(__file__).resolve().parents[1]
OFFICE_FILES = ("landing", "quarantine")  # the office's own exports: they hold the handles as delivered


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
    return "\n".join(parquet_file_text(file) for file in files)


def parquet_file_text(path: Path) -> str:
    with duckdb.connect() as con:
        return "\n".join(
            str(v) for row in con.execute("select * from read_parquet(?)", [str(path)]).fetchall() for v in row
        )


def event_log_text(home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every event Dagster recorded for the runs in ``home/dagster``, as text."""
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
        assert runs, "the build recorded no run"
        return "\n".join(str(event) for run in runs for event in instance.all_logs(run.run_id))


def run_ids(home: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    with dg.DagsterInstance.get() as instance:
        return [run.run_id for run in instance.get_runs()]


def _bytes_text(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text += "\n" + data.decode("utf-16", errors="replace")
    return text


def file_text(path: Path) -> str:
    """A written file as text, read the way its format stores text."""
    suffix = path.suffix.lower()
    if suffix == ".duckdb":  # the cells, and the bytes (a page freed but not yet overwritten)
        return duckdb_text(path) + "\n" + _bytes_text(path.read_bytes())
    if suffix == ".parquet":
        return parquet_file_text(path)
    if suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return "\n".join(_bytes_text(zf.read(member)) for member in zf.namelist())
    if suffix == ".gz":
        return _bytes_text(gzip.decompress(path.read_bytes()))
    return _bytes_text(path.read_bytes())


def written_files(root: Path, skip: tuple[str, ...] = ()) -> list[Path]:
    """Every file under ``root`` (links not followed) but those under its folders ``skip``."""
    found = []
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d not in skip]
        found += [Path(folder) / f for f in files if not (Path(folder) / f).is_symlink()]
    return sorted(found)


def report_texts(home: Path, month: str) -> dict[str, str]:
    """The report of ``month`` (YYYY-MM): its HTML and the text of its PDF."""
    folder = home / "reports" / month
    pdf = PdfReader(folder / f"laporan_{month}.pdf")
    return {
        "report html": (folder / f"laporan_{month}.html").read_text(encoding="utf-8"),
        "report pdf": "\n".join(page.extract_text() for page in pdf.pages),
    }


def build_surfaces(home: Path, month: str, monkeypatch: pytest.MonkeyPatch, output: str = "") -> dict[str, str]:
    """Every place a build writes, lower-cased, by name; ``output`` is what the build printed.

    Named surfaces (``warehouse``, ``serving/citra.duckdb``, ``serving/parquet``, ``report html``,
    ``report pdf``, ``dagster events``, ``logs``, ``build output``) say where data about a person
    should be found; ``file <path>`` and ``dbt <path>`` cover every other byte."""
    files = {path: file_text(path) for path in written_files(home, OFFICE_FILES)}
    for run in run_ids(home, monkeypatch):
        for target in sorted((REPO / "target").glob(f"citra_dbt_models-{run[:7]}-*")):
            files |= {path: file_text(path) for path in written_files(target)}
    serving = home / "serving"
    surfaces = {
        "warehouse": files[home / "warehouse.duckdb"],
        "serving/citra.duckdb": files[serving / "citra.duckdb"],
        "serving/parquet": parquet_text((serving / "parquet").resolve()),
        **report_texts(home, month),
        "dagster events": event_log_text(home, monkeypatch),
        "logs": "\n".join(text for path, text in files.items() if path.suffix == ".log"),
        "build output": output,
    }
    for path, text in files.items():
        where = f"file {path.relative_to(home)}" if path.is_relative_to(home) else f"dbt {path.relative_to(REPO)}"
        surfaces[where] = text
    return {name: text.lower() for name, text in surfaces.items()}


def leaks(surfaces: dict[str, str], handles: set[str]) -> dict[str, list[str]]:
    """Surface -> the handles (lower case) found in it in clear text; empty when none leaked."""
    found = {name: sorted(h for h in handles if h.lower() in text) for name, text in surfaces.items()}
    return {name: hs for name, hs in found.items() if hs}
