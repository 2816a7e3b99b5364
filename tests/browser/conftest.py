"""Browser fixtures: the built site served on 127.0.0.1 by the tests, and Debian's Chromium via Playwright.

No browser test is skipped: without /usr/bin/chromium they fail and say how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kbtools.statichost import published_path, serve_site

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def base_url(site) -> str:
    """The site's root URL, without a trailing slash, e.g. http://127.0.0.1:PORT/smart-governance-kb."""
    with serve_site(site, published_path(ROOT / "mkdocs.yml")) as url:
        yield url


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
