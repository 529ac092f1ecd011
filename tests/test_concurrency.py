"""Two runs at once queue up instead of corrupting the warehouse; a program holding it open
gets named, after a bounded wait."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import WarehouseBusyError
from ingestion.load import ingest_media
from sample_data.generate import generate

ROOT = Path(__file__).resolve().parents[1]
INGEST = (
    "import sys; from pathlib import Path; from ingestion.load import ingest_media; "
    "h = Path(sys.argv[1]); ingest_media(h / 'warehouse.duckdb', h / 'landing' / 'media', h / 'quarantine')"
)
HOLD = "import sys, time, duckdb; con = duckdb.connect(sys.argv[1]); print('holding', flush=True); time.sleep(60)"


def _ingest(home: Path) -> None:
    ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")


def _counts(warehouse: Path) -> tuple[int, int, int, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            """select (select count(*) from raw.media_mentions),
                      (select count(distinct (source_file_id, source_row)) from raw.media_mentions),
                      (select count(*) from raw.ingest_files),
                      (select count(distinct file_id) from raw.ingest_files)"""
        ).fetchall()[0]


pytestmark = pytest.mark.slow


@pytest.fixture
def holder(citra_home: Path):
    """Another program (think DBeaver) with the warehouse open read-write."""
    _ingest(citra_home)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(citra_home / "warehouse.duckdb")], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "holding"
    yield proc
    proc.kill()
    proc.wait()


def test_a_held_warehouse_fails_after_the_wait_naming_the_program_and_the_fix(
    citra_home: Path, holder: subprocess.Popen, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(citra_home, mentions=200, months=1)
    monkeypatch.setenv("CITRA_LOCK_WAIT_SECONDS", "1.5")
    started = time.monotonic()
    with pytest.raises(WarehouseBusyError) as caught:
        _ingest(citra_home)
    waited = time.monotonic() - started
    assert 1.5 <= waited < 10
    message = str(caught.value)
    assert message.startswith(
        f"the warehouse {citra_home / 'warehouse.duckdb'} is open in another program (PID {holder.pid}: "
    )
    assert message.endswith(
        "close DBeaver/Metabase connections to it or point them at serving/citra.duckdb, then run again"
    )
    holder.kill()
    holder.wait()
    assert _counts(citra_home / "warehouse.duckdb") == (0, 0, 0, 0)


def test_citra_build_prints_the_busy_warehouse_plainly_and_exits_non_zero(
    citra_home: Path, holder: subprocess.Popen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from orchestration.cli import main

    monkeypatch.setenv("CITRA_LOCK_WAIT_SECONDS", "0.5")
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["build"])
    assert code != 0
    assert err.getvalue().startswith(
        f"citra build did not start: the warehouse {citra_home / 'warehouse.duckdb'} "
        f"is open in another program (PID {holder.pid}"
    )
    assert "Traceback" not in err.getvalue() + out.getvalue()


def test_two_ingestions_started_at_once_both_finish_without_duplicates(citra_home: Path) -> None:
    sample = generate(citra_home, mentions=1500, months=3)
    env = {**os.environ, "CITRA_LOCK_WAIT_SECONDS": "60", "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", INGEST, str(citra_home)], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    rows, distinct_rows, files, distinct_files = _counts(citra_home / "warehouse.duckdb")
    assert rows == distinct_rows and files == distinct_files == len(sample.files)
    with duckdb.connect(str(citra_home / "warehouse.duckdb"), read_only=True) as con:
        loaded = con.execute("select sum(rows_loaded) from raw.ingest_files").fetchall()[0][0]
    assert rows == loaded > 0
