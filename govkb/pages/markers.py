"""Markers in hand-written pages, replaced by content generated from the data.

A marker is an HTML comment such as ``<!-- kb:headline-figures -->`` on a line of its own, indented as the block
it stands in (an admonition's body). An unknown marker is an error, so a typo never leaves a silent gap in a page.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

from .. import urls
from ..content.models import ChartKind
from ..content.problems import ContentError, Problem
from .edition import Edition
from .html import markdown_text
from .indicators import format_value
from .parts import contribute_invitation

_MARKER = re.compile(r"^([ \t]*)<!--[ \t]*kb:([a-z-]+)[ \t]*-->[ \t]*$", re.MULTILINE)


def headline_figures(ed: Edition, uri: str) -> str:
    """The study's one-number findings as cards, each leading to its indicator."""
    cards = []
    for entry in ed.kb.indicators.values():
        meta = entry.meta
        if meta.chart is not ChartKind.single_figure or not meta.values:
            continue
        cards.append(f"-   [{markdown_text(format_value(ed, meta.values[0].value, meta))}]"
                     f"({urls.relative(uri, urls.indicator(entry.slug))}){{ .kb-figure }}\n\n"
                     f"    {markdown_text(ed.indicator(entry).labels[0])}")
    return '<div class="grid cards kb-headlines" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>"


def contribute(ed: Edition, uri: str) -> str:
    """The links that lead a contributor on: the form for a new case, the guide in the reader's language."""
    return str(contribute_invitation(ed))


MARKERS: dict[str, Callable[[Edition, str], str]] = {
    "headline-figures": headline_figures,
    "contribute": contribute,
}


def unknown_markers(text: str, source: str) -> list[Problem]:
    """Markers in one page's text that no function expands, each with its line."""
    return [Problem(source, text.count("\n", 0, match.start()) + 1, "",
                    f"unknown marker 'kb:{match.group(2)}'; known markers: {', '.join(sorted(MARKERS))}")
            for match in _MARKER.finditer(text) if match.group(2) not in MARKERS]


def marker_problems(docs_dir: Path, display_prefix: str) -> list[Problem]:
    """Unknown markers in hand-written pages, found before the build starts writing."""
    return [problem for path in sorted(docs_dir.rglob("*.md"))
            for problem in unknown_markers(path.read_text(encoding="utf-8", errors="replace"),
                                           f"{display_prefix}/{path.relative_to(docs_dir).as_posix()}")]


def expand_markers(ed: Edition, uri: str, markdown: str, source: str) -> str:
    problems = unknown_markers(markdown, source)
    if problems:
        raise ContentError(problems)
    return _MARKER.sub(lambda match: textwrap.indent(MARKERS[match.group(2)](ed, uri), match.group(1)), markdown)
