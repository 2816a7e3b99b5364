"""A generated page: Markdown headings around finished HTML blocks, with sections, asides and paged lists.

Python-Markdown renders only a page's headings (for the table of contents) and contributors' bodies; every
list and panel is finished HTML (``Markup``), held aside as a placeholder paragraph and put back after
rendering, as Python-Markdown's HTML handling was the costliest step of a build. Long lists are split into
pages of ``PER_PAGE`` items, so that no page grows with the size of the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from markupsafe import Markup

from .. import urls
from .edition import Edition
from .html import Linker, Markdown, markdown_text, paragraph, ul

T = TypeVar("T")
PER_PAGE = 100  # items per page of a long list

# A page is made of Markdown, finished HTML, or lists of either; empty strings are left out.
Block = Markdown | Markup | str | None | list["Block"]


@dataclass(frozen=True)
class Page:
    uri: str
    title: str
    description: str
    markdown: str
    # Finished HTML blocks; the Markdown holds a placeholder paragraph for each (see compose()).
    html_blocks: tuple[str, ...] = ()
    edit_path: str | None = None
    # Pages that carry a contributor's Markdown body are sanitised again after rendering.
    untrusted_body: bool = False
    # False keeps the page out of the search index (the search page itself).
    searchable: bool = True
    # What the page is, as search results say it ("Case", "City"); empty for a page of lists.
    kind: str = ""
    # The pages above this one, from its section's page down, as (title, uri): its breadcrumb before its title.
    trail: tuple[tuple[str, str], ...] = ()


def placeholder(index: int) -> str:
    return f"KBHTMLBLOCK{index}X"


# A placeholder as Python-Markdown renders it: a paragraph of its own.
RENDERED_PLACEHOLDER = re.compile(r"<p>KBHTMLBLOCK(\d+)X</p>")


def compose(title: str, *blocks: Block) -> tuple[str, tuple[str, ...]]:
    """The page's Markdown, with each HTML block replaced by a placeholder paragraph, and those blocks."""
    parts: list[str] = [f"# {markdown_text(title)}"]
    html: list[str] = []

    def add(block: Block) -> None:
        if isinstance(block, list):
            for item in block:
                add(item)
        elif isinstance(block, Markup):
            parts.append(placeholder(len(html)))
            html.append(str(block))
        elif isinstance(block, Markdown):
            parts.append(block)
        elif block:
            # A plain string could be either: HTML put together outside Markup, or Markdown never marked.
            raise TypeError(f"a page block must be Markup or Markdown, not a plain string: {block[:60]!r}")

    for block in blocks:
        add(block)
    return "\n\n".join(parts) + "\n", tuple(html)


def make_page(uri: str, title: str, description: str, blocks: list, **options) -> Page:
    markdown, html = compose(title, *blocks)
    return Page(uri, title, description, markdown, html, **options)


def section(heading: str, *blocks: Block, anchor: str = "") -> list:
    """A level-2 heading (in the table of contents) and what follows it."""
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return [Markdown(f"## {markdown_text(heading)}{suffix}"), *blocks]


def aside(heading: str, html: Markup) -> list:
    """Lists of other pages: shown to readers, kept out of the search index so they do not dilute it."""
    return section(heading, Markup('<div class="kb-aside" data-pagefind-ignore>{}</div>').format(html))


def paginated(ed: Edition, uri: str, title: str, description: str, intro: Sequence[Block],
              groups: list[tuple[str, list[T]]],
              render: Callable[[T, Linker], Markup], after: Iterable[Block] = (), list_class: str = "kb-case-list",
              anchors: dict[str, str] | None = None, per_page: int = PER_PAGE,
              frame: Callable[[Markup], Markup] | None = None, trail: tuple[tuple[str, str], ...] = (),
              **page_options) -> list[Page]:
    """A grouped list split into pages of ``per_page`` items, each page with its group headings and a pager.

    The list and the pager are kept out of the search index, as asides are: they hold other pages' titles and
    summaries, which find those pages themselves. At 5,000 cases a word from a case's summary otherwise also found
    a page of every list the case is on, and those lists held a quarter of the words Pagefind indexed.

    ``intro`` opens the first page and ``after`` closes it; later pages hold only the list. ``render``
    writes one item with the links of the page it lands on; ``anchors`` gives group headings an id. ``frame``
    puts the first page's list and pager inside HTML of its own (a list without group headings only). ``trail`` is
    the first page's breadcrumb; a later page's goes on to the first.
    """
    anchors = anchors or {}
    flat = [(heading, item) for heading, items in groups for item in items]
    chunks = [flat[i:i + per_page] for i in range(0, len(flat), per_page)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page_uri = urls.numbered(uri, number)
        links = Linker(page_uri)
        blocks: list = list(intro) if number == 1 else [paragraph(ed.t("Page {number} of {total}.", number=number,
                                                                            total=len(chunks)))]
        grouped: dict[str, list[Markup]] = {}
        for heading, item in chunk:
            grouped.setdefault(heading, []).append(render(item, links))
        listed: list = [section(heading, ul(items, list_class, indexed=False), anchor=anchors.get(heading, ""))
                        if heading else ul(items, list_class, indexed=False) for heading, items in grouped.items()]
        if len(chunks) > 1:
            listed.append(pager(ed, links, uri, number, len(chunks)))
        if frame and number == 1:
            listed = [frame(Markup("").join(listed))]
        blocks += listed
        if number == 1:
            blocks += list(after)
        page_title = title if number == 1 else ed.t("{title} (page {number})", title=title, number=number)
        pages.append(make_page(page_uri, page_title, description, blocks, **page_options,
                               trail=trail + (((title, uri),) if number > 1 else ())))
    return pages


def pager(ed: Edition, links: Linker, uri: str, current: int, total: int) -> Markup:
    items = [Markup('<span aria-current="page">{}</span>').format(n) if n == current
             else Markup('<a href="{}">{}</a>').format(links.href(urls.numbered(uri, n)), n)
             for n in range(1, total + 1)]
    return Markup('<nav class="kb-pager" aria-label="{}" data-pagefind-ignore>{}</nav>').format(
        ed.t("Pages of this list"), Markup(" ").join(items))
