"""Early-warning latency: with `dagster dev` running, a media export with a burst dropped into
landing/media/ -> its webhook notification. Target 60 s (stretch 30 s).

A sample warehouse is built first (`citra build`, its historical alerts delivered then), a local
webhook receiver stands in for Slack/Mattermost, and the drop is a generic-template CSV with 40
negative `banjir` mentions in Banjarmasin on the sample's last day. The baseline, measured in
the same run, is what a build without alerts would take: drop -> end of the dbt step.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration.settings import REPO_ROOT

BURST_DAY = "2026-10-31"  # the last day of the default sample (24 months from 2024-11)
TIMEOUT = 1800  # seconds, for dagster dev to come up and, after the drop, for the notification


def _test_servers():
    """The tests' local webhook receiver (tests/alert_servers.py), not a copy of it."""
    sys.path.insert(0, str(REPO_ROOT / "tests"))
    import alert_servers

    return alert_servers


def _burst_csv(path: Path) -> None:
    rows = ["date,title,outlet,media_type,issue,sentiment,region,document_id"]
    rows += [
        f"{BURST_DAY} 08:{i:02d},Tanggul jebol di Banjarmasin nomor {i},Media {i % 4},online,Banjir,negatif,"
        f"Kota Banjarmasin,bench-burst-{i}"
        for i in range(40)
    ]
    staged = path.with_name(".staged.csv")
    staged.write_text("\n".join(rows) + "\n", encoding="utf-8")
    os.replace(staged, path)  # appears whole, like a finished copy


def _ticks(instance, after: float) -> int:
    from dagster._core.scheduler.instigation import InstigatorType

    states = {s.instigator_name: s for s in instance.all_instigator_state(instigator_type=InstigatorType.SENSOR)}
    sensor = states.get("landing_sensor")
    if sensor is None:
        return 0
    return sum(
        t.timestamp > after for t in instance.get_ticks(sensor.instigator_origin_id, sensor.selector_id, limit=20)
    )


def _steps(instance, run_id: str) -> dict[str, float]:
    """Step key -> seconds since epoch at which the step ended."""
    import dagster as dg

    ends = {}
    for entry in instance.all_logs(
        run_id, of_type={dg.DagsterEventType.STEP_SUCCESS, dg.DagsterEventType.STEP_FAILURE}
    ):
        ends[entry.step_key] = entry.timestamp
    return ends


def main(mentions: int = 20_000) -> None:
    import dagster as dg

    print(f"Alert latency with `dagster dev` ({mentions:,}-mention sample, no official accounts): drop -> webhook")
    with tempfile.TemporaryDirectory(prefix="citra-bench-latency-") as tmp, ExitStack() as stack:
        home = Path(tmp) / "home"
        servers = _test_servers()
        hook = stack.enter_context(servers.http_receiver())
        config = Path(tmp) / "alerts.yml"
        config.write_text("notify:\n  max_age_hours:\n", encoding="utf-8")  # the sample's days are past
        env = {
            **os.environ,
            "CITRA_HOME": str(home),
            "CITRA_WAREHOUSE": str(home / "warehouse.duckdb"),
            "DAGSTER_HOME": str(home / "dagster"),
            "CITRA_ALERTS": str(config),
            "CITRA_ALERT_WEBHOOK_URL": hook.url,
            "CITRA_TODAY": "2026-11-15",
        }
        bin_dir = Path(sys.executable).parent
        subprocess.run(
            [sys.executable, "-m", "sample_data", "--home", str(home), "--mentions", str(mentions), "--no-platforms"],
            env=env,
            cwd=REPO_ROOT,
            check=True,
            capture_output=True,
        )
        started = time.perf_counter()
        built = subprocess.run(
            [str(bin_dir / "citra"), "build"], env=env, cwd=REPO_ROOT, capture_output=True, text=True
        )
        if built.returncode != 0:
            print(f"  the initial build failed:\n{built.stdout}\n{built.stderr}")
            return
        print(f"  initial build: {time.perf_counter() - started:.0f} s, {len(hook.requests)} historical alerts sent")
        hook.requests.clear()
        log = stack.enter_context(open(Path(tmp) / "dagster_dev.log", "wb"))  # noqa: SIM115
        port = str(servers.free_port())
        dev = subprocess.Popen(
            [str(bin_dir / "dagster"), "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-p", port],
            env=env,
            cwd=REPO_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        stack.callback(_stop, dev)
        os.environ["DAGSTER_HOME"] = env["DAGSTER_HOME"]
        with dg.DagsterInstance.get() as instance:
            up = time.time()
            deadline = time.monotonic() + TIMEOUT
            while _ticks(instance, up) < 2 and time.monotonic() < deadline:  # sensor running, landing/ known
                time.sleep(1)
            print(
                f"  dagster dev up, sensor ticking after {time.time() - up:.0f} s; load average {os.getloadavg()[0]:.1f}"
            )
            dropped = time.time()
            _burst_csv(home / "landing" / "media" / "burst_banjarmasin.csv")
            notified = None
            deadline = time.monotonic() + TIMEOUT
            while notified is None and time.monotonic() < deadline:
                if any(b["issue"] == "banjir" and _wita_day(b["window_start"]) == BURST_DAY for b in hook.bodies()):
                    notified = time.time()
                time.sleep(0.2)
            runs = instance.get_runs(dg.RunsFilter(tags={"dagster/sensor_name": "landing_sensor"}), limit=1)
            # the webhook hears of the alert before the step's own end is stored: wait for the run
            finish = time.monotonic() + 300
            while runs and not runs[0].is_finished and time.monotonic() < finish:
                time.sleep(1)
                runs = instance.get_runs(dg.RunsFilter(run_ids=[runs[0].run_id]))
            record = instance.get_run_record_by_id(runs[0].run_id) if runs else None
            ends = _steps(instance, runs[0].run_id) if runs else {}
        marks = [
            ("run requested by the sensor", record.create_timestamp.timestamp() if record else None),
            ("run started", record.start_time if record else None),
            ("ingestion done (raw_media)", ends.get("raw_media")),
            ("baseline: dbt build done", ends.get("citra_dbt_models")),
            ("alerts detected and sent (issue_alerts)", ends.get("issue_alerts")),
            ("webhook received the alert", notified),
            ("serving snapshot published (run ends later)", ends.get("serving__citra_duckdb")),
        ]
        print(f"  {'step':<40} {'s after drop':>13}")
        for label, at in marks:
            print(f"  {label:<40} {'-' if at is None else f'{at - dropped:>13.1f}'}")
        print(f"  load average at the end: {os.getloadavg()[0]:.1f} (2 cores)")
        if notified is None:
            kept = Path(tempfile.gettempdir()) / "citra-bench-latency-dagster-dev.log"
            log.flush()
            kept.write_bytes(Path(log.name).read_bytes())
            print(f"  no notification within {TIMEOUT} s of the drop; dagster dev's log: {kept}")
            return
        latency = notified - dropped
        verdict = "OK" if latency <= 60 else "TOO SLOW"
        baseline = ends.get("citra_dbt_models")
        extra = "" if baseline is None else f"; {notified - baseline:.1f} s of it after the dbt step"
        print(f"  drop -> notification: {latency:.1f} s (target 60 s, stretch 30 s): {verdict}{extra}")


def _wita_day(iso: str) -> str:
    """The WITA day of a webhook's window_start (sent in UTC)."""
    return datetime.fromisoformat(iso).astimezone(ZoneInfo("Asia/Makassar")).date().isoformat()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
