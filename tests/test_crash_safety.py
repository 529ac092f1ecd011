"""Killing the pipeline (SIGKILL) at random moments never loses or duplicates data: the next
normal run completes and the marts equal those of an uninterrupted run."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from sample_data.generate import generate

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DBT = str(Path(sys.executable).parent / "dbt")
INGEST = (
    "import sys; from pathlib import Path; from ingestion.load import ingest_media; "
    "h = Path(sys.argv[1]); ingest_media(h / 'warehouse.duckdb', h / 'landing' / 'media', h / 'quarantine')"
)
VOLATILE = {"ingested_at", "loaded_at", "first_seen_at", "rejected_at", "file_path"}  # where and when, not what
KILLS = 10


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CITRA_HOME": str(home),
        "CITRA_WAREHOUSE": str(home / "warehouse.duckdb"),
        "CITRA_PSEUDONYM_KEY": "crash-test",
        "PYTHONPATH": str(ROOT),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def _ingest_cmd(home: Path) -> list[str]:
    return [sys.executable, "-c", INGEST, str(home)]


def _dbt_cmd(home: Path) -> list[str]:
    return [
        DBT,
        "build",
        "--project-dir",
        str(ROOT),
        "--profiles-dir",
        str(ROOT),
        "--target-path",
        str(home / "target"),
        "--log-path",
        str(home / "logs"),
        "--quiet",
    ]


def _run(cmd: list[str], home: Path) -> None:
    done = subprocess.run(cmd, env=_env(home), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _kill_after(cmd: list[str], home: Path, delay: float) -> None:
    proc = subprocess.Popen(cmd, env=_env(home), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.kill()
    proc.wait()


def _snapshot(warehouse: Path, schemas: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Every table of ``schemas``, sorted, without the columns that record when a run happened."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in (select unnest($s::varchar[])) order by all",
            {"s": list(schemas)},
        ).fetchall()
        snap = {}
        for schema, table in tables:
            cols = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where "
                    "table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, table],
                ).fetchall()
                if r[0] not in VOLATILE
            ]
            select = ", ".join('"' + c + '"' for c in cols)
            snap[f"{schema}.{table}"] = con.execute(
                f'select {select} from "{schema}"."{table}" order by all'
            ).fetchall()
    return snap


def _assert_raw_is_whole(warehouse: Path) -> None:
    """Every registered file has exactly its rows; no row without its file (no partial file)."""
    if not warehouse.exists():
        return
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = {
            r[0]
            for r in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        }
        if "ingest_files" not in tables:
            return
        mismatched = con.execute(
            """select f.file_name, f.rows_loaded, count(m.mention_id)
               from raw.ingest_files f left join raw.media_mentions m on m.source_file_id = f.file_id
               group by all having count(m.mention_id) <> coalesce(f.rows_loaded, 0)"""
        ).fetchall()
        orphans = con.execute(
            "select count(*) from raw.media_mentions where source_file_id not in (select file_id from raw.ingest_files)"
        ).fetchall()[0][0]
    assert (mismatched, orphans) == ([], 0)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A reference home built without interruption, and a copy of its exports to torture."""
    ref = tmp_path_factory.mktemp("reference")
    generate(ref, mentions=1500, months=3)
    victim = tmp_path_factory.mktemp("victim")
    shutil.copytree(ref / "landing", victim / "landing", copy_function=shutil.copy2)
    _run(_ingest_cmd(ref), ref)
    _run(_dbt_cmd(ref), ref)
    return ref, victim


def test_killed_ingestions_leave_no_partial_file_and_the_next_run_loads_everything_once(homes) -> None:
    ref, victim = homes
    rng = random.Random(20260206)
    expected = _snapshot(ref / "warehouse.duckdb", ("raw",))
    for kill in range(KILLS):
        (victim / "warehouse.duckdb").unlink(missing_ok=True)
        _kill_after(_ingest_cmd(victim), victim, rng.uniform(0.4, 2.2))
        _assert_raw_is_whole(victim / "warehouse.duckdb")
        _run(_ingest_cmd(victim), victim)
        assert _snapshot(victim / "warehouse.duckdb", ("raw",)) == expected, f"after kill {kill}"


def test_killed_dbt_builds_recover_and_the_marts_equal_an_uninterrupted_run(homes) -> None:
    ref, victim = homes
    rng = random.Random(31)
    if not (victim / "warehouse.duckdb").exists():
        _run(_ingest_cmd(victim), victim)
    raw = _snapshot(victim / "warehouse.duckdb", ("raw",))
    for _ in range(KILLS):
        _kill_after(_dbt_cmd(victim), victim, rng.uniform(2.0, 9.0))
        assert _snapshot(victim / "warehouse.duckdb", ("raw",)) == raw  # the warehouse opens, raw untouched
    _run(_dbt_cmd(victim), victim)
    assert _snapshot(victim / "warehouse.duckdb", ("marts",)) == _snapshot(ref / "warehouse.duckdb", ("marts",))
