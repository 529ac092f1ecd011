"""Drop-to-serving latency: `dagster dev` running, an export dropped into landing/, how long until
the serving snapshot holds it (its build stamp names a new run).

The export is written elsewhere, then moved into landing/media/ with a fresh modification time,
as a browser finishes a download (so the sensor's "stopped growing" rule applies in full).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from orchestration.settings import REPO_ROOT

STAMP = Path("serving") / ".build-stamp.json"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_id(home: Path) -> str | None:
    try:
        return json.loads((home / STAMP).read_text())["run_id"]
    except (OSError, ValueError, KeyError):
        return None


def _sensor_ticks(home: Path) -> int:
    """Ticks of the landing sensor recorded so far (the daemon is evaluating it)."""
    db = home / "dagster" / "schedules" / "schedules.db"
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as con:
            return con.execute("select count(*) from job_ticks where selector_id is not null").fetchall()[0][0]
    except sqlite3.Error:
        return 0


def drop_to_serving(home: Path, export: Path, timeout: float = 600) -> dict:
    """Start `dagster dev` on ``home`` (already built once), wait for the landing sensor's first
    tick, drop ``export``, and time until the serving stamp changes. Returns seconds and details."""
    env = {
        **os.environ,
        "CITRA_HOME": str(home),
        "CITRA_WAREHOUSE": str(home / "warehouse.duckdb"),
        "DAGSTER_HOME": str(home / "dagster"),
    }
    port = free_port()
    dagster = str(Path(sys.executable).with_name("dagster"))
    log = (home / "dagster_dev.log").open("w")
    args = [dagster, "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(port)]
    proc = subprocess.Popen(args, env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        started = time.perf_counter()
        while _sensor_ticks(home) == 0:
            if proc.poll() is not None or time.perf_counter() - started > timeout:
                raise RuntimeError(f"dagster dev did not start its sensor; see {log.name}")
            time.sleep(0.5)
        ready = time.perf_counter() - started
        before = _run_id(home)
        target = home / "landing" / "media" / export.name
        os.replace(export, target)
        os.utime(target)  # a download's last write is now
        dropped = time.perf_counter()
        while _run_id(home) == before:
            if time.perf_counter() - dropped > timeout:
                raise RuntimeError(f"serving/ was not updated within {timeout:.0f} s; see {log.name}")
            time.sleep(0.25)
        return {"seconds": time.perf_counter() - dropped, "dagster_ready_seconds": ready, "port": port}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
