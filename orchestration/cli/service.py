"""`citra service install`: run the Dagster webserver and daemon as systemd services.

Alerts, the landing sensor and the monthly schedule work only while the daemon runs, not only
while someone has `make ui` open. The units start at boot, restart on failure, log to the
journal (rotated by journald), keep the run history in DAGSTER_HOME (SQLite files that survive
restarts), and clean CITRA_HOME/logs of files older than 30 days (systemd-tmpfiles).
docs/deployment.md walks through it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from orchestration.settings import REPO_ROOT, apply_defaults, ensure_dagster_home

UNIT_DIR = Path("/etc/systemd/system")
TMPFILES_DIR = Path("/etc/tmpfiles.d")
ENV_FILE = Path("/etc/citra/citra.env")

COMMON = """\
[Unit]
Description={description}
Documentation=file://{repo}/docs/deployment.md
After=network-online.target
Wants=network-online.target
StartLimitIntervalSec=600
StartLimitBurst=10

[Service]
Type=simple
User={user}
WorkingDirectory={repo}
Environment=CITRA_HOME={home}
Environment=CITRA_WAREHOUSE={warehouse}
Environment=DAGSTER_HOME={dagster_home}
Environment=DO_NOT_TRACK=1
# secrets (CITRA_SMTP_*, CITRA_TELEGRAM_*, CITRA_ALERT_WEBHOOK_URL): root-owned, mode 0600
EnvironmentFile=-{env_file}
ExecStart={exec_start}
Restart=on-failure
RestartSec=10
TimeoutStopSec=60
StandardOutput=journal
StandardError=journal
SyslogIdentifier={identifier}
NoNewPrivileges=true
ProtectSystem=full
PrivateTmp=true

[Install]
WantedBy=multi-user.target
"""


@dataclass(frozen=True)
class ServiceSettings:
    """Where Citra lives and how its services run."""

    repo: Path
    venv_bin: Path
    home: Path
    warehouse: Path
    dagster_home: Path
    user: str
    host: str = "127.0.0.1"
    port: int = 3000
    env_file: Path = ENV_FILE

    @classmethod
    def from_environment(cls, user: str | None, host: str, port: int) -> ServiceSettings:
        apply_defaults()
        return cls(
            repo=REPO_ROOT,
            venv_bin=Path(sys.executable).parent,
            home=Path(os.environ["CITRA_HOME"]),
            warehouse=Path(os.environ["CITRA_WAREHOUSE"]),
            dagster_home=Path(os.environ["DAGSTER_HOME"]),
            user=user or getpass.getuser(),
            host=host,
            port=port,
        )


def units(s: ServiceSettings) -> dict[str, str]:
    """File name -> content: the two services and the log clean-up rule."""
    workspace = s.repo / "workspace.yaml"
    shared = {
        "repo": s.repo,
        "user": s.user,
        "home": s.home,
        "warehouse": s.warehouse,
        "dagster_home": s.dagster_home,
        "env_file": s.env_file,
    }
    return {
        "citra-daemon.service": COMMON.format(
            description="Citra: Dagster daemon (landing sensor, monthly report schedule, run queue)",
            exec_start=f"{s.venv_bin / 'dagster-daemon'} run -w {workspace}",
            identifier="citra-daemon",
            **shared,
        ),
        "citra-webserver.service": COMMON.format(
            description="Citra: Dagster UI (127.0.0.1 only; put an authenticating proxy in front)",
            exec_start=f"{s.venv_bin / 'dagster-webserver'} -w {workspace} -h {s.host} -p {s.port}",
            identifier="citra-webserver",
            **shared,
        ),
        "citra.conf": (
            "# systemd-tmpfiles: create Citra's folders and delete build logs older than 30 days\n"
            f"d {s.home} 0750 {s.user} {s.user} -\n"
            f"d {s.home / 'logs'} 0750 {s.user} {s.user} 30d\n"
            f"d {s.dagster_home} 0750 {s.user} {s.user} -\n"
        ),
    }


def install(args: argparse.Namespace) -> int:
    """Write the units (or print them with --dry-run) and say what to run next."""
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"citra service: --host {args.host} would expose the Dagster UI, which has no login; keep "
            "127.0.0.1 and put an authenticating reverse proxy in front (docs/security.md).",
            file=sys.stderr,
        )
        return 2
    settings = ServiceSettings.from_environment(args.user, args.host, args.port)
    files = units(settings)
    if args.dry_run:
        for name, text in files.items():
            print(f"# ---- {name}\n{text}")
        return 0
    unit_dir = Path(args.target) if args.target else UNIT_DIR
    tmpfiles_dir = Path(args.target) if args.target else TMPFILES_DIR
    try:
        for name, text in files.items():
            folder = tmpfiles_dir if name.endswith(".conf") else unit_dir
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    except PermissionError as error:
        print(f"citra service: cannot write {error.filename}: run with sudo, or --target DIR", file=sys.stderr)
        return 2
    ensure_dagster_home()
    print(f"Wrote citra-daemon.service and citra-webserver.service to {unit_dir}, citra.conf to {tmpfiles_dir}.")
    print(
        "Next (as root):\n"
        f"  install -m 600 /dev/null {settings.env_file}   # then put CITRA_SMTP_*, CITRA_TELEGRAM_* ... in it\n"
        "  systemd-tmpfiles --create citra.conf && systemctl daemon-reload\n"
        "  systemctl enable --now citra-daemon citra-webserver\n"
        "  citra status   # daemon alive, last sensor tick, last build, next report"
    )
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("service", help="run the Dagster daemon and UI as systemd services")
    cmd = p.add_subparsers(dest="service_command", required=True)
    q = cmd.add_parser("install", help="write systemd units for the daemon and the webserver")
    q.add_argument("--dry-run", action="store_true", help="print the units instead of writing them")
    q.add_argument("--target", help="write into this folder instead of /etc/systemd/system and /etc/tmpfiles.d")
    q.add_argument("--user", help="the system user the services run as (default: you)")
    q.add_argument("--host", default="127.0.0.1")
    q.add_argument("--port", type=int, default=3000)
