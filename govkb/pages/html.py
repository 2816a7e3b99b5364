"""Safe HTML for generated pages.

``markupsafe`` is the one way to make HTML: ``escape`` every value, ``Markup`` for finished HTML. Templates are
written ``Markup("<p>{}</p>").format(value)``; the few helpers below that run for every link of every page
build their tags with f-strings of escaped values instead, as ``Markup.format`` costs ten times as much.
Markdown a page carries (headings for the table of contents, a contributor's body) is a ``Markdown`` string,
so that neither kind can be mistaken for the other when a page is composed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from markupsafe import Markup, escape

from ..urls import served_url


class Markdown(str):
    """Markdown source, rendered by Python-Markdown with the rest of the page."""


# Every character Python-Markdown (with the extensions in mkdocs.yml) gives a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: object) -> Markdown:
    """Literal text inside Markdown: HTML-escaped, then every Markdown-special character backslash-escaped.

    Quotes stay as they are: this is text, never an attribute value (Python-Markdown escapes those itself),
    and an escaped apostrophe would leak into heading anchors as 'x27'.
    """
    escaped = str(escape(" ".join(str(value).split()))).replace("&#39;", "'").replace("&#34;", '"')
    return Markdown(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))


def _class(cls: str) -> str:
    return f' class="{escape(cls)}"' if cls else ""


class Linker:
    """Links from one page: ``href('cities/bilbao.md')`` is the URL a browser follows from that page."""

    def __init__(self, from_uri: str):
        self.from_uri = from_uri

    def href(self, to_uri: str) -> str:
        return served_url(self.from_uri, to_uri)

    def a(self, label: str, to_uri: str, cls: str = "") -> Markup:
        return Markup(f'<a href="{escape(self.href(to_uri))}"{_class(cls)}>{escape(label)}</a>')


def external(label: str, url: str) -> Markup:
    """A link off the site; URLs reaching here were validated as http(s) by the model."""
    return Markup('<a href="{}" rel="noopener">{}</a>').format(url, label)


def join(items: Iterable[str], separator: str = ", ") -> Markup:
    """Items (HTML or text) joined by a plain-text separator."""
    return escape(separator).join(items)


def ul(items: Iterable[object], cls: str = "", *, indexed: bool = True) -> Markup:
    """A list; ``indexed=False`` keeps it out of the search index (a list of other pages, found on their own)."""
    ignored = "" if indexed else " data-pagefind-ignore"
    return Markup(f"<ul{_class(cls)}{ignored}>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


def facts(rows: Sequence[tuple[str, object]]) -> Markup:
    """A panel of labelled facts; the labels are ours, with their colon as the language writes it ("Pays :"), the
    values HTML or text."""
    items = [Markup("<strong>{}</strong> {}").format(label, value) for label, value in rows if value]
    return Markup('<div class="kb-facts">{}</div>').format(ul(items))


def paragraph(content: object, cls: str = "") -> Markup:
    return Markup(f"<p{_class(cls)}>{escape(content)}</p>")


def emphasis(text: str) -> Markup:
    return Markup("<em>{}</em>").format(text)


# The end of a cell or row followed by the next: a line break between them keeps their words apart in the search
# index, which reads a page's text as written and knows nothing of table layout.
_CELL_END = re.compile(r"(</t[dhr]>)(?=<)")


def scrolling_table(label: str, head: Markup, body: Markup) -> Markup:
    """A table that scrolls sideways on its own where it is wider than the column, with shadows at the edges that
    show there is more. The region is named and takes keyboard focus, as a scrolling region must."""
    table = Markup('<div class="kb-scroll" tabindex="0" role="region" aria-label="{}"><table class="kb-table">'
                   "<thead>{}</thead><tbody>{}</tbody></table></div>").format(label, head, body)
    return Markup(_CELL_END.sub("\\1\n", str(table)))
