"""Exactly once under the conditions a server meets: two builds notifying at the same time, and
a build killed while it sends. Real processes, a real DuckDB file lock, a local webhook."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from alert_servers import http_receiver
from alert_warehouse import at, background, build, burst

from alerts.channels import WebhookChannel
from alerts.config import load_config
from alerts.run import notify, refresh

pytestmark = pytest.mark.slow
DAY = date(2025, 10, 6)

# one build's alert steps: refresh (detect, publish), then notify
BUILD = r"""
import sys
from datetime import datetime
from pathlib import Path
from alerts.channels import WebhookChannel
from alerts.config import load_config
from alerts.run import notify, refresh
warehouse, url, now = Path(sys.argv[1]), sys.argv[2], datetime.fromisoformat(sys.argv[3])
cfg = load_config()
refresh(warehouse, warehouse.parent / "none", warehouse.parent / "q", cfg, now, sys.argv[4])
print(len(notify(warehouse, [WebhookChannel(url)], cfg, now, sys.argv[4])))
"""


def _start(warehouse: Path, url: str, run_id: str, timeout: str = "5") -> subprocess.Popen:
    env = {**os.environ, "CITRA_LOCK_WAIT_SECONDS": "120"}
    config = warehouse.parent / "alerts.yml"
    config.write_text(f"notify:\n  timeout_seconds: {timeout}\n  backoff_seconds: 0.01\n", encoding="utf-8")
    env["CITRA_ALERTS"] = str(config)
    return subprocess.Popen(
        [sys.executable, "-c", BUILD, str(warehouse), url, at(DAY, 13).isoformat(), run_id],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_builds_at_once_send_each_alert_once(tmp_path: Path) -> None:
    warehouse = build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    with http_receiver() as hook:
        hook.delay = 0.5  # a send takes a while, so the second build runs while the first sends
        builds = [_start(warehouse, hook.url, f"run-{n}") for n in (1, 2)]
        outputs = [b.communicate(timeout=240) for b in builds]
        assert [b.returncode for b in builds] == [0, 0], outputs
        # catches: a claim that is not exclusive (both builds send both alerts)
        assert len(hook.requests) == 2
        assert sorted(int(out.strip()) for out, _ in outputs) in ([0, 2], [1, 1])
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(
            "select count(*), count(distinct alert_id) from raw.alert_notifications where event = 'sent'"
        ).fetchall() == [(2, 2)]


def test_build_killed_while_sending_never_sends_again_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    with http_receiver() as hook:
        hook.delay = 60  # the first send hangs: the build is killed in the middle of it
        crashed = _start(warehouse, hook.url, "run-crash", timeout="120")
        deadline = time.monotonic() + 120
        while not hook.requests and time.monotonic() < deadline:
            time.sleep(0.2)
        assert hook.requests, crashed.stderr.read() if crashed.poll() is not None else "no request came"
        crashed.send_signal(signal.SIGKILL)
        crashed.wait(timeout=30)
        hook.delay = 0.0
        cfg = load_config()
        # the next build: both claims are there without outcome; at-most-once sends nothing
        refresh(warehouse, tmp_path / "none", tmp_path / "q", cfg, at(DAY, 14), "run-next")
        assert notify(warehouse, [WebhookChannel(hook.url)], cfg, at(DAY, 14), "run-next") == []
        assert len(hook.requests) == 1
        with duckdb.connect(str(warehouse), read_only=True) as con:
            assert con.execute("select distinct notifications from marts.issue_alerts").fetchall() == [
                ("webhook: interrupted",)
            ]
        # the office sees it in the UI, checks the group, and releases what did not arrive
        waiting = hook.requests[0][1]["alert_id"]
        with duckdb.connect(str(warehouse), read_only=True) as con:
            other = con.execute("select alert_id from marts.issue_alerts where alert_id <> ?", [waiting]).fetchall()
        from orchestration.cli import main

        monkeypatch.setenv("CITRA_WAREHOUSE", str(warehouse))
        assert main(["alerts", "resend", other[0][0], "--by", "Rina"]) == 0
        resent = notify(warehouse, [WebhookChannel(hook.url)], cfg, at(DAY, 14), "run-after")
        assert [(d.alert_id, d.outcome, d.attempt) for d in resent] == [(other[0][0], "sent", 2)]
        assert len(hook.requests) == 2
