"""The site's search index: Pagefind over the finished HTML.

Pagefind folds accents ("Medellin" finds "Medellín"), ranks headings first so a city's profile leads
its results, and splits its index into chunks that a reader downloads only as a query needs them.
Only each page's own content (``data-pagefind-body``) is indexed; permalink marks are left out.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .urls import SEARCH_BUNDLE


class SearchIndexError(RuntimeError):
    pass


def build_index(site_dir: Path) -> None:
    """Index every page that carries data-pagefind-body into ``site_dir/pagefind``.

    Measured at 1,000 cases: the CLI over the finished site costs the same as feeding Pagefind's service
    page by page during the build (its service does the work when the index is written), so the simpler,
    public CLI it is.
    """
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir",
                             SEARCH_BUNDLE.strip("/"), "--exclude-selectors", ".headerlink", "--silent"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stderr or result.stdout}")
    _sort_languages(site_dir / SEARCH_BUNDLE / ENTRY_FILE)


# Pagefind's entry file, which lists the index of each language.
ENTRY_FILE = "pagefind-entry.json"


def _sort_languages(entry: Path) -> None:
    """Pagefind writes its languages in a different order on each run; in the order of their codes, two builds
    of the same commit give the same bytes. Nothing else in the file changes, and the reader's script looks a
    language up by its code."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
