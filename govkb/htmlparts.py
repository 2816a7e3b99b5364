"""Small pieces of HTML for generated pages.

Generated lists and panels are written as HTML, not Markdown: Python-Markdown's inline processing is
the most expensive step of a build, and these blocks have nothing for it to do. Every value is escaped
here; every internal link is the served URL of a docs-relative Markdown file (tests check they resolve).
"""

from __future__ import annotations

from html import escape

from .mdtext import served_url


class Html(str):
    """Finished HTML for a generated page. It skips Python-Markdown (whose HTML parsing was the costliest
    step of a build) and is put in place after the page's Markdown is rendered."""


def esc(value: object) -> str:
    return escape(str(value), quote=True)


class Linker:
    """Links from one page: ``href('cities/bilbao.md')`` is the URL a browser follows from that page."""

    def __init__(self, from_uri: str):
        self.from_uri = from_uri

    def href(self, to_uri: str) -> str:
        return served_url(self.from_uri, to_uri)

    def a(self, label: str, to_uri: str, cls: str = "") -> str:
        class_attr = f' class="{esc(cls)}"' if cls else ""
        return f'<a href="{esc(self.href(to_uri))}"{class_attr}>{esc(label)}</a>'


def external(label: str, url: str) -> str:
    """A link off the site; URLs reaching here were validated as http(s) by the model."""
    return f'<a href="{esc(url)}" rel="noopener">{esc(label)}</a>'


def ul(items: list[str], cls: str = "") -> Html:
    class_attr = f' class="{esc(cls)}"' if cls else ""
    return Html(f"<ul{class_attr}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")


def facts(rows: list[tuple[str, str]]) -> Html:
    """A panel of labelled facts; the labels are ours, the values already HTML."""
    items = [f"<strong>{esc(label)}:</strong> {value}" for label, value in rows if value]
    return Html(f'<div class="kb-facts">{ul(items)}</div>')


def paragraph(html: str, cls: str = "") -> Html:
    class_attr = f' class="{esc(cls)}"' if cls else ""
    return Html(f"<p{class_attr}>{html}</p>")
