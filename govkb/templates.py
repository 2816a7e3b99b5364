"""What the theme's templates are handed: page metadata escaped once, and navigation rendered once.

MkDocs' Jinja environment does not autoescape, and Material prints ``page.meta`` values raw into ``<title>``,
``<meta>`` and the header: the hook hands it escaped values (``Markup``, so never escaped twice).

Material renders the whole navigation (tabs and sidebar) into every page. Generated pages are not in the
navigation, so for pages of the same section at the same depth that HTML is the same: with thousands of case
pages, rendering it once per kind saves a large share of the build.
"""

from __future__ import annotations

from markupsafe import escape

PRINTED_FIELDS = ("title", "description", "author")


def escaped_meta(meta: dict) -> dict:
    """The same metadata with printed text fields HTML-escaped once."""
    return {key: escape(value) if key in PRINTED_FIELDS and isinstance(value, str) else value
            for key, value in meta.items()}


class FragmentCache:
    """Template output kept by key for one build (the navigation may change between builds)."""

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
