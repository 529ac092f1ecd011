"""Build benchmark: full build, one-month incremental run (short vs long history), publishing,
and a dashboard query on the serving file, each step in its own process for its peak memory.

Both histories have the same mentions per month, so the incremental run should cost the same
with 6 or 60 months behind it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from orchestration.settings import REPO_ROOT

STEP = r"""
import json, os, resource, subprocess, sys, time
from pathlib import Path
step, home, arg = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
warehouse = home / "warehouse.duckdb"
started = time.perf_counter()
out = {}
if step == "ingest":
    from ingestion.load import ingest_media
    report = ingest_media(warehouse, home / "landing" / "media", home / "quarantine" / "media")
    out["rows"] = report.rows_loaded
elif step == "dbt":
    args = [str(Path(sys.executable).with_name("dbt")), "build", "--quiet", "--profiles-dir", arg, "--project-dir", arg]
    if len(sys.argv) > 4:
        args += ["--vars", sys.argv[4]]
    subprocess.run(args, check=True, cwd=arg, env={**os.environ, "CITRA_WAREHOUSE": str(warehouse)})
elif step == "publish":
    from serving.publish import publish
    out["rows"] = publish(warehouse, home / "serving").rows.get("fct_mentions", 0)
elif step == "query":
    import duckdb
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        with duckdb.connect(str(home / "serving" / "citra.duckdb"), read_only=True) as con:
            con.execute('''select month, issue, mentions, share_of_voice, net_sentiment
                           from marts.mart_issue_sentiment_monthly
                           where month >= (select max(month) from marts.mart_issue_sentiment_monthly) - interval 11 month
                           order by month, issue''').fetchall()
        times.append(time.perf_counter() - t0)
    out["median_ms"] = sorted(times)[len(times) // 2] * 1000
seconds = time.perf_counter() - started
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, **out}))
"""


def step(name: str, home: Path, *extra: str) -> dict:
    arg = extra[0] if extra else str(REPO_ROOT)
    result = subprocess.run(
        [sys.executable, "-c", STEP, name, str(home), arg, *extra[1:]],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def history(work: Path, mentions: int, months: int) -> tuple[Path, list[tuple[str, dict]]]:
    """Generate, build all months but the last, then ingest and build the last month alone."""
    home = work / f"h{months}"
    start = date(2026, 10, 1) if months == 1 else add_months(date(2026, 10, 1), -(months - 1))
    staged = work / f"staged{months}"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sample_data",
            "--home",
            str(staged),
            "--mentions",
            str(mentions),
            "--start",
            start.isoformat(),
            "--months",
            str(months),
            "--no-platforms",
            "--no-asn",
        ],
        check=True,
        capture_output=True,
        cwd=REPO_ROOT,
    )
    last = add_months(start, months - 1)
    landing = home / "landing" / "media"
    landing.mkdir(parents=True)
    files = sorted((staged / "landing" / "media").iterdir())
    for f in files:
        if f"{last:%Y-%m}" not in f.name:
            shutil.move(f, landing)
    rows = [
        ("ingest (all but last month)", step("ingest", home)),
        ("dbt build, full", step("dbt", home)),
        ("publish serving", step("publish", home)),
    ]
    for f in files:
        if f.exists():
            shutil.move(f, landing)
    window = json.dumps({"month_start": last.isoformat(), "month_end": add_months(last, 1).isoformat()})
    rows += [
        ("ingest (last month)", step("ingest", home)),
        ("dbt build, 1 month", step("dbt", home, str(REPO_ROOT), window)),
        ("publish serving", step("publish", home)),
        ("dashboard query (median)", step("query", home)),
    ]
    shutil.rmtree(staged, ignore_errors=True)
    return home, rows


def main(mentions: int, work_dir: str | None = None) -> None:
    """Print the table for a 60-month history of `mentions` and a 6-month one with as many per month."""
    work = Path(work_dir or tempfile.mkdtemp(prefix="citra-bench-"))
    free_gb = shutil.disk_usage(work).free / 1e9
    if free_gb < mentions / 1_000_000 * 1.5:
        mentions = int(free_gb / 1.5 * 1_000_000)
        print(f"note: only {free_gb:.0f} GB free in {work}; scaled down to {mentions:,} mentions")
    print(
        f"Build benchmark: {mentions:,} mentions over 60 months, vs 6 months at the same monthly volume "
        f"({os.cpu_count()} cores)"
    )
    print(f"{'history':<8} {'step':<28} {'seconds':>8} {'peak MB':>8} {'note':>22}")
    incremental = {}
    for months, n in ((6, mentions // 10), (60, mentions)):
        home, rows = history(work, n, months)
        for name, r in rows:
            note = ""
            if "rows" in r and name.startswith("ingest") and r["seconds"]:
                note = f"{r['rows'] / r['seconds']:,.0f} rows/s"
            if "median_ms" in r:
                note = f"{r['median_ms']:.1f} ms"
            print(f"{months:>3} mo   {name:<28} {r['seconds']:>8.2f} {r['peak_mb']:>8.0f} {note:>22}", flush=True)
            if name == "dbt build, 1 month":
                incremental[months] = r["seconds"]
        shutil.rmtree(home, ignore_errors=True)
    print(f"one-month dbt build, 60 vs 6 months of history: {incremental[60] / incremental[6]:.2f}x (goal < 1.5x)")
    print("ingestion vs bare read_csv: see the ingestion table (python -m benchmarks --only ingest)")
