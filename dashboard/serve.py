"""`citra dashboard serve`: the site on 127.0.0.1 for a look on this machine. For the office's
network put the static folder behind its web server with a login (docs/dashboard.md); this
server has none and binds to the loopback address only.

Every response carries the headers docs/dashboard.md asks of the office's server too, among them a
Content-Security-Policy that lets a page load nothing but the site's own files, so a request to
another host fails in the browser (and in `make test-dashboard`) instead of leaving the machine.
"""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

HOST = "127.0.0.1"
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files of one site folder, with the dashboard's security headers, quietly."""

    def end_headers(self) -> None:
        for name, value in HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


def make_server(folder: Path, port: int) -> http.server.ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1:``port`` (0: any free port), not yet serving."""
    handler = functools.partial(Handler, directory=str(folder))
    return http.server.ThreadingHTTPServer((HOST, port), handler)
