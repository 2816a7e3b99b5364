"""The site's search: a Pagefind index built over the finished HTML.

Pagefind folds accents ("Medellin" finds "Medellín"), ranks headings first so a city's profile leads
its results, and splits its index into chunks that a reader downloads only as a query needs them.
Only each page's own content (``data-pagefind-body``) is indexed; permalink marks are left out.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .htmlparts import Html
from .pages import Page, make_page

SEARCH_URI = "search.md"
BUNDLE_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path) -> None:
    """Index every page that carries data-pagefind-body into ``site_dir/pagefind``.

    Measured at 1,000 cases: the CLI over the finished site costs the same as feeding Pagefind's service
    page by page during the build (its service does the work when the index is written), so the simpler,
    public CLI it is.
    """
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir",
                             BUNDLE_DIR, "--exclude-selectors", ".headerlink", "--silent"], capture_output=True,
                            text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stderr or result.stdout}")


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
