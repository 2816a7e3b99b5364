"""Browser fixtures: the built site served on 127.0.0.1 by the tests, and Debian's Chromium via Playwright.

No browser test is skipped: without /usr/bin/chromium they fail and say how to install it.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def site_path() -> str:
    """The path the site is published under, from site_url (e.g. '/smart-governance-kb/')."""
    import yaml

    from ..conftest import ROOT

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config.get("site_url", "/")).path or "/"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like its static host: under the published path, with 404.html for a missing page."""

    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The site's root URL, without a trailing slash, e.g. http://127.0.0.1:PORT/smart-governance-kb."""
    prefix = site_path()
    handler = functools.partial(type("Handler", (SiteHandler,), {"prefix": prefix}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix.rstrip('/')}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium) "
                    "or run ./scripts/test, which does")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(params=["light", "dark"])
def scheme(request) -> str:
    return request.param


def _open_context(browser, base_url, color_scheme="light", **options):
    context = browser.new_context(color_scheme=color_scheme, accept_downloads=True, **options)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    return context, requests


@pytest.fixture
def page(browser, base_url):
    """A light-palette page; at the end, every request it made must have gone to the site itself."""
    context, requests = _open_context(browser, base_url)
    yield context.new_page()
    context.close()
    assert_own_origin(requests, base_url)


@pytest.fixture
def themed_page(browser, base_url, scheme):
    context, requests = _open_context(browser, base_url, color_scheme=scheme)
    yield context.new_page()
    context.close()
    assert_own_origin(requests, base_url)


def assert_own_origin(requests: list[str], base_url: str) -> None:
    origin = urlsplit(base_url).netloc
    foreign = [url for url in requests
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert not foreign, f"requests left the site: {foreign[:5]}"
