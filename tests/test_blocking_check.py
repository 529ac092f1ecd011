"""A failing blocking check stops `citra build`: it exits non-zero, names the failing test, and
leaves what readers use (serving/ for BI tools, reports/ for the office) as the last good build."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import main
from sample_data.generate import generate

pytestmark = pytest.mark.slow
TODAY = "2025-03-10"
FAILING_TEST = "accepted_values_fct_mentions_sentiment__positive__neutral__negative"


def _files(folder: Path) -> dict[str, bytes | str]:
    """Every file under ``folder`` by relative path with its bytes; links with their target."""
    return {
        str(p.relative_to(folder)): (f"-> {p.readlink()}" if p.is_symlink() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def _build() -> tuple[int, str]:
    output = io.StringIO()
    with redirect_stdout(output), redirect_stderr(output):
        code = main(["build"])
    return code, output.getvalue()


def test_a_failing_error_test_fails_the_build_names_the_test_and_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "citra"
    monkeypatch.setenv("CITRA_TODAY", TODAY)
    monkeypatch.setenv("CITRA_HOME", str(home))
    monkeypatch.setenv("CITRA_WAREHOUSE", str(home / "warehouse.duckdb"))
    monkeypatch.setenv("DAGSTER_HOME", str(home / "dagster"))
    generate(home, mentions=400, seed=3, last_month=date(2025, 2, 1), months=2)
    code, output = _build()
    assert code == 0, output[-3000:]
    # the row planted below bypasses the file registry, so the build stamp would say nothing is new
    # and no run would start: drop the stamp, as a new export in landing/ would outdate it
    (home / "serving" / ".build-stamp.json").unlink()
    serving, reports = _files(home / "serving"), _files(home / "reports")
    assert "citra.duckdb" in serving and "2025-02/laporan_2025-02.pdf" in reports

    # a row that reached raw without ingestion's checks (an older version, a hand-made insert):
    # its sentiment is none of positive, neutral, negative
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        con.execute(
            """insert into raw.media_mentions (mention_id, source_file_id, source_row, vendor, profile,
                   published_at, title, url, sentiment, export_date, ingested_at)
               values ('planted', 'planted-file', 1, 'meltwater', 'meltwater', timestamptz '2025-02-20 10:00:00+08',
                       'Baris tanam', 'https://contoh.id/tanam', 'mixed', date '2025-03-01', now())"""
        )
    code, output = _build()
    assert code != 0
    assert f"failed check {FAILING_TEST} on marts/fct_mentions (1 failing rows)" in output
    assert "citra build FAILED" in output and "citra build OK" not in output
    assert _files(home / "serving") == serving
    assert _files(home / "reports") == reports
