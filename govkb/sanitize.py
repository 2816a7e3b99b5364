"""HTML sanitising for pages that carry a contributor's Markdown body (nh3, the Ammonia sanitiser)."""

from __future__ import annotations

import nh3

from .content.bodies import leaves_repository

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
    """Strip scripts, event handlers, iframes and javascript:/data: URLs, and the address of an image from
    another site (a reader's browser would call it); keep the page's own markup."""
    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None,
                     strip_comments=True, attribute_filter=_own_images_only)


def _own_images_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and leaves_repository(value):
        return None
    return value
