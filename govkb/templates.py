"""What the theme's templates are handed: page metadata escaped once, and navigation rendered once.

MkDocs' Jinja environment does not autoescape, and Material prints ``page.meta`` values raw into ``<title>``,
``<meta>`` and the header: the hook hands it escaped values (``Markup``, so never escaped twice).

Material renders the whole navigation (tabs and sidebar) into every page. Generated pages are not in the
navigation (their section's page shows as active, see the hook's on_page_context), so for pages of the same
section at the same depth that HTML is the same: with thousands of case pages, rendering it once per kind saves a
large share of the build.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import escape

from .languages import DEFAULT, LANGUAGES, NATIVE_NAMES, Language
from .urls import edition_root, in_other_edition

PRINTED_FIELDS = ("title", "description", "author")


def escaped_meta(meta: dict) -> dict:
    """The same metadata with printed text fields HTML-escaped once."""
    return {key: escape(value) if key in PRINTED_FIELDS and isinstance(value, str) else value
            for key, value in meta.items()}


def compiled_templates(cache_dir: Path) -> jinja2.BytecodeCache:
    """The theme's templates compiled once and kept on disk: the other editions and later builds load them
    instead of compiling about forty templates each time. Jinja checks each entry against its template's source
    and names it by the template's path, so an edited template is compiled afresh."""
    directory = cache_dir / f"templates-jinja-{jinja2.__version__}"
    directory.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(directory))


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
    """Pages outside the navigation share their navigation HTML with pages of the same section and depth: the
    section (the address's first folder, see urls.SECTIONS) sets the active tab, the depth the relative links."""
    parts = page_url.strip("/").split("/")
    return f"{parts[0]}:{page_url.count('/')}"


def alternates(page_url: str, language: Language, site_url: str) -> list[dict[str, str]]:
    """The page in every language, for the language menu and the head's hreflang links: its language code, its
    name in itself, a link relative to this page and its full address (``site_url`` is the default edition's)."""
    found = [{"lang": other, "name": NATIVE_NAMES[other], "href": in_other_edition(page_url, language, other),
              "url": site_url + edition_root(other) + page_url, "current": str(other == language).lower()}
             for other in LANGUAGES]
    default = next(alternate for alternate in found if alternate["lang"] == DEFAULT)
    return [*found, {**default, "lang": "x-default"}]
