"""Exactly once under the conditions a server meets: two builds notifying at the same time, two
connections of one process claiming at once, and a build killed while it sends. Real processes,
a real DuckDB file lock, a local webhook."""

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
from alerts.due import due_notices
from alerts.outbox import claim
from alerts.run import notify, refresh

DAY = date(2025, 10, 6)

# one build's alert steps: refresh (detect, publish), then notify
BUILD = r"""
import sys
from datetime import datetime
from pathlib import Path
from alerts.channels import WebhookChannel
from alerts.config import load_config
from alerts.due import due_notices
from alerts.outbox import claim
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


@pytest.mark.slow
def test_two_builds_at_once_send_each_alert_once(tmp_path: Path) -> None:
    warehouse = build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    with http_receiver() as hook:
        hook.gate.clear()  # every send is held open until the test lets the service answer
        builds = [_start(warehouse, hook.url, f"run-{n}", timeout="120") for n in (1, 2)]
        # one build claims both alerts and hangs in its first send; the other must run its whole
        # alert step meanwhile (refresh, then notify: find the claims, send nothing) and end
        deadline = time.monotonic() + 240
        while all(b.poll() is None for b in builds) and time.monotonic() < deadline:
            time.sleep(0.2)
        [finished] = [b for b in builds if b.poll() is not None]
        [sending] = [b for b in builds if b is not finished]
        out, err = finished.communicate()
        assert (finished.returncode, out.strip()) == (0, "0"), err
        # the overlap, proven: the other build is still in the middle of its first send
        assert sending.poll() is None and len(hook.requests) == 1
        hook.gate.set()
        out, err = sending.communicate(timeout=240)
        assert (sending.returncode, out.strip()) == (0, "2"), err
        # catches: a claim that is not exclusive (both builds send both alerts)
        assert len(hook.requests) == 2
    run = f"run-{builds.index(sending) + 1}"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute(
            "select count(*), count(distinct alert_id) from raw.alert_notifications where event = 'sent'"
        ).fetchall() == [(2, 2)]
        assert con.execute("select distinct run_id from raw.alert_notifications").fetchall() == [(run,)]


class RacedConnection:
    """A connection whose commit comes just after another connection of the same process
    committed the same claims (what two threads of one process racing do)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, rival: duckdb.DuckDBPyConnection, wanted: list) -> None:
        self.con, self.rival, self.wanted, self.won = con, rival, wanted, []

    def execute(self, sql: str, *params):
        if sql == "commit":
            self.won = claim(self.rival, self.wanted, at(DAY, 13), "run-rival")
        return self.con.execute(sql, *params)


def test_claim_that_loses_a_race_within_one_process_sends_nothing_and_leaves_the_connection_usable(
    tmp_path: Path,
) -> None:
    warehouse = build(tmp_path / "warehouse.duckdb", background(until=DAY) + burst(DAY, 8, 30))
    cfg = load_config()
    refresh(warehouse, tmp_path / "none", tmp_path / "q", cfg, at(DAY, 13), "run-1")
    with duckdb.connect(str(warehouse)) as con, duckdb.connect(str(warehouse)) as rival:
        wanted = due_notices(con, ["webhook"], cfg["notify"], at(DAY, 13))
        raced = RacedConnection(con, rival, wanted)
        # catches: DuckDB refuses the loser's commit and has already rolled it back; a
        # `rollback` that is not guarded then fails the whole build
        assert claim(raced, wanted, at(DAY, 13), "run-1") == []
        assert len(wanted) == 2 and raced.won == wanted
        assert con.execute("select run_id, event, count(*) from raw.alert_notifications group by all").fetchall() == [
            ("run-rival", "claimed", 2)
        ]


@pytest.mark.slow
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
