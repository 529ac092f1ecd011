"""DuckDB against local Spark: the same dbt models on the same mentions (docs/scale.md).

`python -m benchmarks --only engines --mentions 1000000 --mentions 10000000`

A base home holds the sample (20,000 mentions over 12 months, with the platform exports),
ingested once. For each size its raw mentions are copied until there are N (each copy a new
mention id, so deduplication keeps them all; the same months, issues and texts). Then, timed
separately: the full dbt build on DuckDB (seeds and models, as `make demo` runs them but without
the data tests), the lake export of the raw tables, and the same build on Spark local[2] with
2 GB of driver memory (the profile's defaults). A build that runs past `--engine-timeout` is
stopped and reported as such: that is a finding, not an error.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import duckdb

from benchmarks.machine import Timed, machine, timed
from ingestion.load import ingest_media
from ingestion.platforms.load import ingest_platforms
from lake.raw import export_new_files
from orchestration.settings import REPO_ROOT

BASE_MENTIONS = 20_000
BUILD = ["build", "--exclude", "resource_type:test", "resource_type:unit_test", "--full-refresh"]


def base_home(root: Path) -> Path:
    home = root / "base"
    if (home / "warehouse.duckdb").exists():
        return home
    from sample_data.__main__ import main as write_sample

    write_sample(["--home", str(home), "--mentions", str(BASE_MENTIONS), "--months", "12"])
    ingest_media(home / "warehouse.duckdb", home / "landing" / "media", home / "quarantine")
    ingest_platforms(home / "warehouse.duckdb", home / "landing" / "platform", home / "quarantine")
    return home


def scaled_home(root: Path, base: Path, mentions: int) -> Path:
    """A home whose raw.media_mentions holds ``mentions`` rows (copies of the base's)."""
    home = root / f"n{mentions}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    shutil.copyfile(base / "warehouse.duckdb", home / "warehouse.duckdb")
    with duckdb.connect(str(home / "warehouse.duckdb")) as con:
        have = con.execute("select count(*) from raw.media_mentions").fetchall()[0][0]
        copies = -(-mentions // have)
        con.execute("create temp table base as select * from raw.media_mentions")
        con.execute("delete from raw.media_mentions")
        con.execute(
            "insert into raw.media_mentions select base.* replace (mention_id || '~' || copy as mention_id)"
            " from base, range(?) as copies(copy) limit ?",
            [copies, mentions],
        )
        con.execute("checkpoint")
    return home


def dbt(home: Path, engine: str, timeout_s: int) -> Timed:
    env = {
        **os.environ,
        "CITRA_HOME": str(home),
        "CITRA_WAREHOUSE": str(home / "warehouse.duckdb"),
        "CITRA_LAKE": str(home / "lake"),
        "CITRA_ENGINE": engine,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    dbt_bin = str(Path(sys.executable).with_name("dbt"))
    args = [dbt_bin, *BUILD, "--project-dir", str(REPO_ROOT), "--profiles-dir", str(REPO_ROOT)]
    args += ["--target-path", str(home / f"target_{engine}"), "--log-path", str(home / f"logs_{engine}")]
    return timed(["timeout", "--kill-after=30", str(timeout_s), *args], env=env)


def _row(label: str, run: Timed, cpu: bool = True) -> str:
    """One table row. Spark's JVM is not reaped by dbt, so its CPU time is not in the child's
    rusage: left out (the wall time and the sampled memory of the tree are)."""
    status = "ok" if run.returncode == 0 else ("stopped at the timeout" if run.returncode in (124, 137) else "FAILED")
    return (
        f"| {label} | {run.seconds:,.0f} s | {f'{run.cpu_seconds:,.0f} s' if cpu else 'n/a'} | {run.peak_mb:,.0f} MB"
        f" | {run.largest_process_mb:,.0f} MB | {status} |"
    )


def main(sizes: list[int], root: Path, timeout_s: int) -> None:
    print(machine())
    base = base_home(root)
    print("| build | wall | CPU (tree) | peak memory (tree) | largest process | result |")
    print("|---|---|---|---|---|---|")
    for mentions in sizes:
        home = scaled_home(root, base, mentions)
        duck = dbt(home, "duckdb", timeout_s)
        print(_row(f"{mentions:,} mentions, DuckDB", duck), flush=True)
        started = time.perf_counter()
        export = export_new_files(home / "warehouse.duckdb", home / "lake", "kalsel")
        print(
            f"| {mentions:,} mentions, lake export ({export.rows:,} rows) | {time.perf_counter() - started:,.0f} s | | | | ok |"
        )
        spark = dbt(home, "spark", timeout_s)
        print(_row(f"{mentions:,} mentions, Spark local[2]", spark, cpu=False), flush=True)
        if spark.returncode not in (0, 124, 137):
            print(spark.output[-3000:])
        shutil.rmtree(home / "lake" / "warehouse", ignore_errors=True)
