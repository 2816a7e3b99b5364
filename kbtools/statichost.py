"""Serve a built site the way its static host does: under its published path, with 404.html for misses.

Used by the browser tests, the Lighthouse audit and the benchmark; binds to 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import yaml


def published_path(mkdocs_yml: Path) -> str:
    """The path the site is published under, from site_url (e.g. '/smart-governance-kb/')."""
    config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config.get("site_url", "/")).path or "/"


# Compressed on the fly, as static hosts such as GitHub Pages do, so measurements match what readers get.
_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".pf_meta", ".pf_index",
                 ".pf_fragment", ".pagefind")


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and path.name.endswith(_COMPRESSIBLE)
                and self.path.split("?", 1)[0].endswith(("/", path.name))):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        """The 404 page nearest the address asked for (/es/x gives es/404.html), as hosts such as Netlify do;
        GitHub Pages has only the root's."""
        site = Path(self.directory)
        folder = Path(self.translate_path(self.path.split("?", 1)[0])).parent
        while folder != site and site in folder.parents and not (folder / "404.html").is_file():
            folder = folder.parent
        page = folder / "404.html" if site in (folder, *folder.parents) else site / "404.html"
        return page if page.is_file() else None

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page()
        if code != 404 or page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection early (a cancelled fetch, a closed test page) is not an error here.
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve_site(site_dir: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site_dir`` on a free port; yields the site's root URL without a trailing slash."""
    handler_class = type("Handler", (SiteHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    finally:
        server.shutdown()
        server.server_close()
