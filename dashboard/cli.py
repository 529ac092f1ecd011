"""`citra dashboard ...`: build the dashboard from the serving copy, or serve it on 127.0.0.1.

citra dashboard build                  the province's site: CITRA_HOME/dashboard/site/
citra dashboard build --region 6303    one kabupaten/kota's: CITRA_HOME/dashboard/region-6303/
citra dashboard build --all-regions    the province's and all 13 kabupaten/kota's
citra dashboard serve [--port 8050] [--region 6303]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from dashboard.scope import UnknownRegionError
from dashboard.site import ServingCopyMissingError, SiteResult, build_site, build_sites, region_codes

DEFAULT_PORT = 8050


def _home() -> Path:
    from orchestration.settings import apply_defaults  # the same CITRA_HOME as `citra build`

    apply_defaults()
    return Path(os.environ["CITRA_HOME"])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citra dashboard",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="write the site(s) from CITRA_HOME/serving/citra.duckdb; prints each folder")
    which = build.add_mutually_exclusive_group()
    which.add_argument("--region", help="a kabupaten/kota code of dim_region (e.g. 6303): only that region's site")
    which.add_argument("--all-regions", action="store_true", help="the province's site and every kabupaten/kota's")
    serve = sub.add_parser("serve", help="serve a built site on 127.0.0.1 (no login: see docs/dashboard.md)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--region", help="serve that kabupaten/kota's site instead of the province's")
    return parser


def describe(result: SiteResult) -> str:
    """One line per site: the folder, then what was written."""
    left_out = f"; left out (mart missing): {', '.join(result.left_out)}" if result.left_out else ""
    return (
        f"{result.folder}\n  {result.scope.name}: {len(result.written)} pages written, "
        f"{len(result.skipped)} unchanged, in {result.seconds:.1f} s{left_out}"
    )


def _build(args: argparse.Namespace, home: Path) -> int:
    serving, root = home / "serving" / "citra.duckdb", home / "dashboard"
    if args.all_regions:
        results = build_sites(serving, root, region_codes(serving))
    else:
        results = [build_site(serving, root, args.region)]
    for result in results:
        print(describe(result))
    return 0


def _serve(args: argparse.Namespace, home: Path) -> int:
    from dashboard.serve import make_server

    folder = home / "dashboard" / (f"region-{args.region}" if args.region else "site")
    if not (folder / "index.html").exists():
        hint = f" --region {args.region}" if args.region else ""
        print(f"{folder} holds no site yet: run `citra dashboard build{hint}` first.", file=sys.stderr)
        return 1
    server = make_server(folder, args.port)
    print(f"Dasbor Citra: http://127.0.0.1:{server.server_address[1]}/ ({folder}); Ctrl+C stops it.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    home = _home()
    try:
        return _build(args, home) if args.command == "build" else _serve(args, home)
    except (ServingCopyMissingError, UnknownRegionError) as error:
        print(f"citra dashboard: {error}", file=sys.stderr)
        return 1
