"""One sitemap for every edition of the site, each page with its alternates in the other languages.

Each edition's MkDocs build writes a sitemap of its own pages. Search engines want one, in which every page
names its translations (``xhtml:link rel="alternate" hreflang``); this writes it at the site's root from the
editions' own, and removes theirs.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from markupsafe import escape

from . import urls
from .languages import DEFAULT, LANGUAGES

SITEMAP = "sitemap.xml"  # an edition's, the site's, and each page folder's probe (answer_sitemap_probes)
_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML = "http://www.w3.org/1999/xhtml"


def merge_sitemaps(site_dir: Path, site_url: str) -> None:
    """``site_url`` is the default edition's address, e.g. https://example.org/kb/."""
    pages: dict[str, dict[str, str | None]] = {}  # path within an edition -> language -> lastmod
    for language in LANGUAGES:
        edition = site_dir / urls.edition_root(language)
        sitemap = edition / SITEMAP
        if not sitemap.is_file():
            continue
        prefix = site_url + urls.edition_root(language)
        for entry in ET.parse(sitemap).getroot().iter(f"{{{_SITEMAP}}}url"):
            location = entry.findtext(f"{{{_SITEMAP}}}loc", "")
            pages.setdefault(location.removeprefix(prefix), {})[language] = entry.findtext(f"{{{_SITEMAP}}}lastmod")
        if language != DEFAULT:
            sitemap.unlink()
            (edition / "sitemap.xml.gz").unlink(missing_ok=True)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{_SITEMAP}" xmlns:xhtml="{_XHTML}">']
    for path in sorted(pages):
        editions = pages[path]
        alternates: list[tuple[str, str]] = [(code, site_url + urls.edition_root(code) + path) for code in editions]
        if DEFAULT in editions:
            alternates.append(("x-default", site_url + path))
        for edition_language, lastmod in editions.items():
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(site_url + urls.edition_root(edition_language) + path)}</loc>")
            if lastmod:
                lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
            lines += [f'    <xhtml:link rel="alternate" hreflang="{code}" href="{escape(href)}"/>'
                      for code, href in alternates]
            lines.append("  </url>")
    lines.append("</urlset>")
    text = "\n".join(lines) + "\n"
    (site_dir / SITEMAP).write_text(text, encoding="utf-8")
    # mtime 0: the same bytes on every build, so that builds are reproducible.
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


# An empty sitemap: what a page folder answers when asked for one (see answer_sitemap_probes).
EMPTY_SITEMAP = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{_SITEMAP}"/>\n'


def answer_sitemap_probes(site_dir: Path) -> None:
    """Material's script fetches ``sitemap.xml`` beside the address of every ``<link rel="alternate">`` of a page,
    expecting those to be editions' home pages. Ours name the same page in each edition (as search engines
    want), so it asks each page's folder: an empty sitemap there answers, instead of a 404 page, three times
    over on every page a reader opens. A folder that has one keeps it: an edition kept from the previous build
    (``govkb.preview.KeptEditions``) has its probes, and an edition's own sitemap was merged and removed
    (``merge_sitemaps``) before this runs."""
    for page in site_dir.rglob("index.html"):
        probe = page.parent / SITEMAP
        if page.parent != site_dir and urls.SEARCH_BUNDLE.strip("/") not in page.relative_to(site_dir).parts \
                and not probe.is_file():
            probe.write_text(EMPTY_SITEMAP, encoding="utf-8")
