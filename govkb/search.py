"""The site's search: a Pagefind index built over the finished HTML.

Pagefind folds accents ("Medellin" finds "Medellín"), ranks headings first so a city's profile leads
its results, and splits its index into chunks that a reader downloads only as a query needs them.
Only each page's own content (``data-pagefind-body``) is indexed; permalink marks are left out.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from pathlib import Path

from .htmlparts import Html
from .pages import Page, make_page

SEARCH_URI = "search.md"
BUNDLE_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    pass


class SearchIndexer:
    """Feeds each finished page to a Pagefind service while the rest of the site is still rendering.

    Pagefind runs in its own process, so indexing uses the second core instead of adding a pass over
    the whole site at the end of the build.
    """

    def __init__(self) -> None:
        from pagefind.index import PagefindIndex

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._pending: list[concurrent.futures.Future] = []
        service = self._wait(_prompt_service())
        self._index = self._wait(service.create_index({"exclude_selectors": [".headerlink"]}))
        assert isinstance(self._index, PagefindIndex)

    def add(self, html: str, url: str) -> None:
        """Queue one page; ``url`` is its address from the site root, e.g. '/cases/decidim-barcelona/'."""
        self._pending.append(asyncio.run_coroutine_threadsafe(self._index.add_html_file(content=html, url=url),
                                                              self._loop))

    def finish(self, bundle_dir: Path) -> None:
        """Wait for every queued page, then write the index bundle."""
        try:
            for future in self._pending:
                future.result()
            self._wait(self._index.write_files(output_path=str(bundle_dir)))
        except Exception as error:  # the service reports its own errors; name the step that failed
            raise SearchIndexError(f"Pagefind could not index the site: {error}") from error
        finally:
            self.close()

    def close(self) -> None:
        if self._loop.is_running():
            service = getattr(self._index, "_service", None)
            if service is not None:
                self._wait(service.close())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)

    def _wait(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()


async def _prompt_service():
    """A Pagefind service that reads each answer as soon as it arrives.

    pagefind 1.5.2's service client sleeps 100 ms before reading every response, which caps it at ten
    pages a second (500 s for 5,000 pages). This reader awaits the pipe instead; the protocol is the
    library's own (base64 JSON, comma-separated).
    """
    import base64
    import json

    from pagefind.service import PagefindService

    class PromptService(PagefindService):
        async def _wait_for_responses(self) -> None:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                response = json.loads(base64.b64decode(output[:-1]))
                if response is None:
                    continue
                message_id = response.get("message_id")
                if message_id is None and (original := response["payload"].get("original_message")):
                    message_id = json.loads(original).get("message_id")
                future = self._responses.get(message_id)
                if future is None or future.done():
                    continue
                payload = response["payload"]
                if payload["type"] == "Error":
                    future.set_exception(RuntimeError(payload["message"]))
                else:
                    future.set_result(payload)

    return await PromptService().launch()


def search_page() -> Page:
    """The page the header's search form opens; without JavaScript it says where else to look."""
    # Pagefind's UI loads on this page only, not with every page of the site.
    html = ('<link rel="stylesheet" href="../pagefind/pagefind-ui.css">\n'
            '<div class="kb-search" id="kb-search" data-bundle="../pagefind/" data-pagefind-ignore="all">\n'
            '<noscript><p>Search needs JavaScript. Without it, browse the <a href="../cases/">cases</a>, '
            '<a href="../cities/">cities</a> and <a href="../explore/">the case explorer</a>.</p></noscript>\n'
            "</div>\n"
            '<script src="../pagefind/pagefind-ui.js"></script>\n'
            '<script src="../assets/javascripts/search.js"></script>')
    intro = ("Search every case, city, area, goal and survey figure. Accents are optional: "
             "*Medellin* finds Medellín and *Sao Paulo* finds São Paulo.")
    return make_page(SEARCH_URI, "Search", "Search the Smart Governance knowledge base.", [intro, Html(html)],
                     searchable=False)
