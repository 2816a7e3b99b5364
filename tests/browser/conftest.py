"""Browser fixtures: the built site served on 127.0.0.1 by the tests, and Debian's Chromium via Playwright.

No browser test is skipped: without /usr/bin/chromium they fail and say how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from kbtools.statichost import published_path, serve_site

from ..conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def site_url() -> str:
    """The published address of the site (mkdocs.yml's site_url)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return config["site_url"]


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


def _open_context(browser, base_url, color_scheme="light", **options):
    context = browser.new_context(color_scheme=color_scheme, accept_downloads=True, **options)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    # The pages name their published address in their head (canonical, hreflang), and Material's script asks it
    # for sitemaps: that address is the site's own, so it is answered from the built site here too.
    published = site_url()
    context.route(published + "**", lambda route: _serve_published(route, base_url, published))
    return context, requests


def close(context) -> None:
    """Close a context without failing on requests its routes are still answering."""
    context.unroute_all(behavior="ignoreErrors")
    context.close()


def _serve_published(route, base_url: str, published: str) -> None:
    response = route.fetch(url=base_url + "/" + route.request.url.removeprefix(published))
    route.fulfill(response=response)


PHONE = {"width": 390, "height": 844}
PLAYWRIGHT_VIEWPORT = {"width": 1280, "height": 720}  # what a new context has unless told otherwise


@pytest.fixture(scope="session")
def kept_tab(browser, base_url):
    """A tab per palette and screen, kept open for the tests of this process that open and read pages.

    A fresh context costs Chromium a new renderer process and cold caches: measured here, about 1.3 s of CPU to
    open a case page that way against 0.35 s in a tab already open, and a hundred tests open one. Each test gets
    the tab with no request on record, its storage empty and its screen size; its history and HTTP cache carry
    over, as for a reader going from page to page. A test that changes more (permissions, JavaScript, routes)
    opens a context of its own."""
    tabs: dict[tuple, tuple] = {}

    def tab(color_scheme: str, viewport: dict):
        key = (color_scheme, viewport["width"], viewport["height"])
        if key not in tabs or tabs[key][1].is_closed():
            context, requests = _open_context(browser, base_url, color_scheme=color_scheme, viewport=viewport)
            tabs[key] = (context, context.new_page(), requests)
        return tabs[key]

    yield tab
    for context, _, _ in tabs.values():
        close(context)


def _reused(kept_tab, base_url: str, color_scheme: str, viewport: dict):
    _, page, requests = kept_tab(color_scheme, viewport)
    requests.clear()
    yield page
    if page.url.startswith(base_url):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.set_viewport_size(viewport)
    assert_own_origin(requests, base_url)


@pytest.fixture
def page(kept_tab, base_url):
    """A light-palette page; at the end, every request it made must have gone to the site itself."""
    yield from _reused(kept_tab, base_url, "light", PLAYWRIGHT_VIEWPORT)


@pytest.fixture
def phone(kept_tab, base_url):
    """A light-palette page on a phone's screen, held upright."""
    yield from _reused(kept_tab, base_url, "light", PHONE)


@pytest.fixture
def themed_page(kept_tab, base_url, scheme):
    """A page in the palette a test is parametrized with (``scheme``: light or dark)."""
    yield from _reused(kept_tab, base_url, scheme, PLAYWRIGHT_VIEWPORT)


def assert_own_origin(requests: list[str], base_url: str) -> None:
    own = {urlsplit(base_url).netloc, urlsplit(site_url()).netloc}
    foreign = [url for url in requests
               if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc not in own]
    assert not foreign, f"requests left the site: {foreign[:5]}"
