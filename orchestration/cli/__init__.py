"""`citra`: build the warehouse through Dagster, write monthly reports, generate sample data, open the UI.

One small module per command group: ``build`` (build, demo), ``report``, ``output`` (logs),
``alerts`` (early-warning alerts), ``rapor`` (the rapor kehumasan), ``service`` (systemd units) and ``status`` (health check).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from orchestration.cli import alerts, rapor, service, status
from orchestration.settings import REPO_ROOT, ensure_dagster_home


def ui(host: str, port: int) -> int:
    """Start the Dagster UI on localhost (put authentication in front before exposing it)."""
    ensure_dagster_home()
    args = ["dagster", "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", host, "-p", str(port)]
    os.execvp(args[0], args)


# command groups with their own parsers: `citra <group> --help` is theirs
DELEGATED = {
    "sentiment": ("sentiment.cli", "evaluate, train or run Citra's own sentiment model"),
    "issues": ("issues.cli", "evaluate the issue suggestions on a time split, or suggest issues for texts"),
    "dashboard": ("dashboard.cli", "build the dashboard from the serving copy (--region CODE), or serve it"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in DELEGATED:
        import importlib

        return importlib.import_module(DELEGATED[argv[0]][0]).main(argv[1:])
    parser = argparse.ArgumentParser(prog="citra", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_, help_text) in DELEGATED.items():
        sub.add_parser(name, help=help_text, add_help=False)
    sub.add_parser("build", help="ingest new exports and build all marts (through Dagster)")
    demo_p = sub.add_parser("demo", help="generate sample exports into CITRA_HOME, then build")
    demo_p.add_argument("--mentions", type=int, default=60_000)
    demo_p.add_argument("--seed", type=int, default=42)
    report_p = sub.add_parser("report", help="write the monthly report (PDF and HTML) of one month")
    report_p.add_argument("--month", required=True, help="the month, YYYY-MM (e.g. 2024-10)")
    report_p.add_argument("--email", action="store_true", help="also email it (needs CITRA_SMTP_* settings)")
    ui_p = sub.add_parser("ui", help="start the Dagster UI (127.0.0.1:3000 by default)")
    ui_p.add_argument("--host", default="127.0.0.1")
    ui_p.add_argument("--port", type=int, default=3000)
    alerts.add_parser(sub)
    rapor.add_parser(sub)
    service.add_parser(sub)
    status.add_parser(sub)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.command == "build":
        from orchestration.cli.build import build

        return build()
    if args.command == "demo":
        from orchestration.cli.build import demo

        return demo(args.mentions, args.seed)
    if args.command == "report":
        from orchestration.cli.report import report

        return report(args.month, args.email)
    if args.command == "alerts":
        return alerts.run(args)
    if args.command == "rapor":
        return rapor.run(args)
    if args.command == "service":
        return service.install(args)
    if args.command == "status":
        return status.status_command(args)
    return ui(args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
