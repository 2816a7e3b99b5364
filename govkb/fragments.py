"""Template fragments that are identical across many pages, rendered once per build.

Material renders the whole navigation (tabs and sidebar) into every page. Generated pages are not in the
navigation, so for pages at the same depth under the same section that HTML is the same: with thousands of
case pages, rendering it once per kind saves a large share of the build.
"""

from __future__ import annotations


class FragmentCache:
    def __init__(self) -> None:
        self._store: dict[str, str] = {}

    def get(self, key: str | None) -> str | None:
        return self._store.get(key) if key else None

    def remember(self, key: str | None, html: str) -> str:
        if key:
            self._store[key] = html
        return html


def shared_nav_key(page_url: str) -> str:
    """Pages outside the navigation share their navigation HTML with pages of the same section and depth."""
    parts = page_url.strip("/").split("/")
    return f"{parts[0]}:{page_url.count('/')}"
