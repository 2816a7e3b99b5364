"""HTML sanitising for pages that carry a contributor's Markdown body (nh3, the Ammonia sanitiser)."""

from __future__ import annotations

import nh3

# What Python-Markdown and Material emit for ordinary Markdown, and nothing that can run script.
_TAGS = nh3.ALLOWED_TAGS | {"figure", "figcaption", "details", "summary", "img", "span", "div", "sup", "sub"}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "title", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Strip scripts, event handlers, iframes and javascript:/data: URLs; keep the page's own markup."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None,
                     strip_comments=True)
