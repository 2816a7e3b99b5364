"""Citations of a page or of the whole dataset: one CSL-JSON item each, formatted in APA and Chicago styles by
``citeproc-py`` with the vendored CSL styles, and written as BibTeX and RIS.

CSL-JSON is the model: every other form is made from the same item. BibTeX and RIS are written here, by two
short functions, rather than with pybtex: its BibTeX writer leaves braces, backslashes and carets unescaped and
escapes the URL, which breaks it; RIS is one tagged line per value.

citeproc-py took 17–21 ms to format one citation in these large styles, most of it searching the style's XML
again for what never changes (see ``_keep_style_lookups``): with those answers kept, 4–7 ms. Each formatted
citation is also kept in the disk cache, named by its item, style and locale: a warm build formats only what
changed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nh3

from ..cache import TextCache
from ..languages import Language

STYLES_DIR = Path(__file__).parent / "styles"
# The styles offered, by file name, with how readers know them; and each edition's CSL locale.
STYLES = {"apa": "APA", "chicago-author-date": "Chicago"}
CSL_LOCALES: dict[Language, str] = {"en": "en-US", "es": "es-ES", "fr": "fr-FR"}
# What a formatted citation may hold: citeproc-py's italics, bold and small capitals, without attributes.
_FORMATTING_TAGS = {"i", "b", "sup", "sub"}


@dataclass(frozen=True)
class Work:
    """What a citation says about a page or the dataset, in one language."""

    id: str  # a slug: the case's or indicator's id, or the dataset's name
    kind: str  # CSL type: 'webpage' or 'dataset'
    title: str
    author: str  # a group author, written as one name
    container: str | None  # the site, for a page of it
    year: int
    version: str
    url: str
    language: Language
    # What kind of work it is, in its language ("Conjunto de datos"): the CSL locales citeproc-py ships leave
    # some of these terms in English, so the citation says it itself.
    genre: str | None = None

    def csl(self) -> dict:
        """The CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
        item = {"id": self.id, "type": self.kind, "title": self.title, "author": [{"literal": self.author}],
                "issued": {"date-parts": [[self.year]]}, "version": self.version, "URL": self.url,
                "language": self.language}
        if self.container:
            item["container-title"] = self.container
        if self.genre:
            item["genre"] = self.genre
        return item


def csl_json(work: Work) -> str:
    """A CSL-JSON file: a list of one item, as reference managers import it."""
    return json.dumps([work.csl()], ensure_ascii=False, indent=2) + "\n"


_BIBTEX_SPECIAL = re.compile(r"[\\{}$&%#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_BIBTEX_LANGUAGES = {"en": "english", "es": "spanish", "fr": "french"}


def _bibtex_text(value: str) -> str:
    """Text as BibTeX reads it: every LaTeX special character escaped, whitespace on one line (UTF-8 kept, as
    biber and modern BibTeX read it)."""
    one_line = " ".join(value.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(), "\\" + m.group()), one_line)


def bibtex(work: Work) -> str:
    """A BibTeX @misc entry (biblatex reads its url, version and langid too)."""
    fields = [("author", "{" + _bibtex_text(work.author) + "}"), ("title", _bibtex_text(work.title)),
              ("howpublished", _bibtex_text(work.container or work.author)), ("year", str(work.year)),
              ("version", _bibtex_text(work.version)), ("url", work.url),
              ("langid", _BIBTEX_LANGUAGES[work.language])]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{work.id},\n{body}\n}}\n"


def ris(work: Work) -> str:
    """A RIS record (ELEC for a web page, DATA for a dataset), lines ending in CRLF as the format asks."""
    lines = [("TY", "DATA" if work.kind == "dataset" else "ELEC"), ("AU", work.author), ("TI", work.title),
             *([("T2", work.container)] if work.container else []), ("PY", str(work.year)),
             ("ET", work.version), ("UR", work.url), ("LA", work.language), ("ER", "")]
    return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)


# The files offered with each citation: suffix -> (the name readers know it by, its writer).
FILES = {".bib": ("BibTeX", bibtex), ".ris": ("RIS", ris), ".csl.json": ("CSL-JSON", csl_json)}


@cache
def _keep_style_lookups() -> None:
    """Make citeproc-py keep the answers it looks up in a style's tree, which never changes once parsed.

    For every variable of every citation, citeproc-py searches the tree with XPath for a macro by its name, and
    walks a group's descendants to learn whether it calls a variable: about 60 % of its time in a profile of
    these styles. Both answers depend on the style alone. (lxml hands back the same Python element for a node
    while a reference to it lives, so elements key the kept answers; the styles live as long as the process.)
    test_opendata checks the output against citeproc-py's own, unchanged.
    """
    from citeproc import model

    search = model.CitationStylesElement.xpath_search
    kept = cache(lambda element, expression: tuple(search(element, expression)))
    # A new list each time, as lxml gives: no caller can change the kept answer.
    model.CitationStylesElement.xpath_search = lambda element, expression: list(kept(element, expression))
    for kind in (model.Parent, model.Text):  # the two that ask their descendants; the others answer a constant
        kind.calls_variable = cache(kind.calls_variable)


@cache
def _style(name: str, locale: str):
    from citeproc import CitationStylesStyle  # imported on a cache miss only

    _keep_style_lookups()
    return CitationStylesStyle(str(STYLES_DIR / f"{name}.csl"), locale=locale, validate=False)


def _format(work: Work, style: str) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # citeproc-py's HTML puts the item's text in as it is: it is escaped here, so that a "<" in a title stays text.
    item = work.csl()
    item.update({key: html.escape(item[key], quote=False) for key in ("title", "container-title", "genre")
                 if key in item})
    item["author"] = [{"literal": html.escape(work.author, quote=False)}]
    # One item per bibliography: two items of the same author and year would get "2026a" and "2026b".
    bibliography = CitationStylesBibliography(_style(style, CSL_LOCALES[work.language]), CiteProcJSON([item]),
                                              formatter.html)
    bibliography.register(Citation([CitationItem(work.id)]))
    return str(bibliography.bibliography()[0])


class CitationFormatter:
    """Formatted citations (HTML with only italics and bold), kept in the disk cache."""

    def __init__(self, cache: TextCache):
        self.cache = cache
        self.formatted = 0  # citations that missed the cache in this build

    def html(self, work: Work) -> dict[str, str]:
        """The work's citation in each style, by style name."""
        found = {}
        for style in STYLES:
            key = f"{style}|{CSL_LOCALES[work.language]}|{json.dumps(work.csl(), sort_keys=True)}"
            text = self.cache.get(key, ".html")
            if text is None:
                self.formatted += 1
                # The text is escaped before formatting; cleaning is the second line of defence.
                text = self.cache.put(key, nh3.clean(_format(work, style), tags=_FORMATTING_TAGS, attributes={}),
                                      ".html")
            found[style] = text
        return found
