"""Running Citra for real: systemd units for the daemon and the UI, and `citra status`.

The slow test starts the real `dagster-daemon` and `dagster-webserver` (systemd is not what is
tested; what it runs is): the daemon must tick the landing sensor and take up the monthly
schedule, and `citra status` must say so.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dagster as dg
import pytest
from alert_servers import free_port

from orchestration.cli import main
from orchestration.cli.service import ServiceSettings, units
from orchestration.settings import REPO_ROOT

SETTINGS = ServiceSettings(
    repo=Path("/opt/citra"),
    venv_bin=Path("/opt/citra/.venv/bin"),
    home=Path("/var/lib/citra"),
    warehouse=Path("/var/lib/citra/warehouse.duckdb"),
    dagster_home=Path("/var/lib/citra/dagster"),
    user="citra",
)


def test_units_start_at_boot_restart_on_failure_and_run_this_installation() -> None:
    files = units(SETTINGS)
    assert set(files) == {"citra-daemon.service", "citra-webserver.service", "citra.conf"}
    daemon, web = files["citra-daemon.service"], files["citra-webserver.service"]
    assert "ExecStart=/opt/citra/.venv/bin/dagster-daemon run -w /opt/citra/workspace.yaml\n" in daemon
    assert "ExecStart=/opt/citra/.venv/bin/dagster-webserver -w /opt/citra/workspace.yaml -h 127.0.0.1 -p 3000\n" in web
    for unit in (daemon, web):
        # catches: a unit that does not come back after a crash or a reboot, or runs with other paths
        for line in (
            "Restart=on-failure",
            "WantedBy=multi-user.target",
            "User=citra",
            "WorkingDirectory=/opt/citra",
            "Environment=DAGSTER_HOME=/var/lib/citra/dagster",
            "Environment=CITRA_HOME=/var/lib/citra",
            "EnvironmentFile=-/etc/citra/citra.env",
            "StandardOutput=journal",
        ):
            assert line + "\n" in unit, (line, unit)
    assert "d /var/lib/citra/logs 0750 citra citra 30d\n" in files["citra.conf"]


def test_install_writes_the_units_into_a_target_folder(tmp_path: Path, citra_home: Path, capsys) -> None:
    target = tmp_path / "units"
    assert main(["service", "install", "--target", str(target), "--user", "citra"]) == 0
    assert sorted(p.name for p in target.iterdir()) == ["citra-daemon.service", "citra-webserver.service", "citra.conf"]
    assert f"Environment=CITRA_HOME={citra_home}\n" in (target / "citra-daemon.service").read_text()
    assert "systemctl enable --now citra-daemon citra-webserver" in capsys.readouterr().out
    # the instance settings the daemon needs are there: run monitoring frees a dead run's writer slot
    assert "run_monitoring:" in (citra_home / "dagster" / "dagster.yaml").read_text()


def test_dry_run_prints_and_a_public_host_is_refused(tmp_path: Path, citra_home: Path, capsys) -> None:
    assert main(["service", "install", "--dry-run"]) == 0
    assert "# ---- citra-daemon.service" in capsys.readouterr().out
    assert main(["service", "install", "--target", str(tmp_path / "u"), "--host", "0.0.0.0"]) == 2
    assert "has no login" in capsys.readouterr().err and not (tmp_path / "u").exists()


def test_status_says_the_daemon_is_not_running_when_it_is_not(citra_home: Path, capsys) -> None:
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert "the Dagster daemon is not running" in out and "07:00+08:00" in out


def _wait(what: str, check, seconds: float, processes: list[subprocess.Popen]) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        for p in processes:
            if p.poll() is not None:
                raise AssertionError(f"{p.args[0]} exited with {p.returncode} while waiting for {what}")
        time.sleep(1)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


@pytest.mark.slow
def test_started_daemon_ticks_the_sensor_takes_up_the_schedule_and_status_reports_it(
    citra_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagster._core.scheduler.instigation import InstigatorType

    dagster_home = citra_home / "dagster"
    main(["service", "install", "--target", str(citra_home / "units")])  # writes dagster.yaml
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "DAGSTER_HOME": str(dagster_home), "CITRA_HOME": str(citra_home)}
    port = free_port()
    workspace = str(REPO_ROOT / "workspace.yaml")
    logs = [open(citra_home / f"{n}.log", "wb") for n in ("daemon", "web")]  # noqa: SIM115 - closed below
    started = [
        subprocess.Popen(
            [str(bin_dir / "dagster-daemon"), "run", "-w", workspace],
            env=env,
            cwd=REPO_ROOT,
            stdout=logs[0],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
        subprocess.Popen(
            [str(bin_dir / "dagster-webserver"), "-w", workspace, "-h", "127.0.0.1", "-p", str(port)],
            env=env,
            cwd=REPO_ROOT,
            stdout=logs[1],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
    ]
    try:
        with dg.DagsterInstance.get() as instance:

            def states(kind: InstigatorType) -> dict:
                return {s.instigator_name: s for s in instance.all_instigator_state(instigator_type=kind)}

            def sensor_ticks() -> list:
                """The finished ticks (under load a tick can be seen while it is still STARTED)."""
                sensor = states(InstigatorType.SENSOR).get("landing_sensor")
                ticks = instance.get_ticks(sensor.instigator_origin_id, sensor.selector_id, limit=5) if sensor else []
                return [t for t in ticks if t.status.value != "STARTED"]

            ticks = _wait("a landing sensor tick", sensor_ticks, 240, started)
            assert ticks[0].status.value == "SKIPPED"  # an empty landing folder starts no build
            schedule = _wait(
                "the scheduler to take up the schedule", lambda: states(InstigatorType.SCHEDULE), 120, started
            )
            assert "monthly_report_schedule" in schedule
        server = _wait(
            "the webserver",
            lambda: _get(f"http://127.0.0.1:{port}/server_info"),
            240,
            started,
        )
        assert "dagster_webserver_version" in server
        status = subprocess.run(
            [str(bin_dir / "citra"), "status", "--json"], env=env, capture_output=True, text=True, timeout=120
        )
        found = json.loads(status.stdout)
        assert status.returncode == 0, status.stdout + status.stderr
        assert found["daemon_alive"] and found["healthy"]
        assert found["sensor_tick_status"] == "SKIPPED" and found["sensor_tick_age_seconds"] < 300
        assert found["schedule_state"] == "DECLARED_IN_CODE" and found["next_report"].endswith("07:00+08:00")
    finally:
        for p in started:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in started:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        for log in logs:
            log.close()


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return None
