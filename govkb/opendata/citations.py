"""Citations of a page or of the whole dataset: one CSL-JSON item each, formatted in APA and Chicago styles by
``citeproc-py`` with the vendored CSL styles, and written as BibTeX and RIS.

CSL-JSON is the model: every other form is made from the same item. BibTeX and RIS are written here, by two
short functions, rather than with pybtex: its BibTeX writer leaves braces, backslashes and carets unescaped and
escapes the URL, which breaks it; RIS is one tagged line per value.

citeproc-py took 17–21 ms to format one citation in these large styles, most of it searching the style's XML
again for what never changes (see ``_keep_style_lookups``): with those answers kept, about 4 ms. That still made
citations the largest cost of a build without a cache: six per case in three languages, 115 s of CPU at 5,000
cases. But the cases of an edition differ only in their title and address: citeproc-py formats one citation per
style and kind of work, with stand-ins for those two, and each case's citation is that pattern filled in (see
``Pattern``). A work the pattern cannot be trusted for is formatted on its own. Patterns and works formatted
alone are kept in the disk cache.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, replace
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


# Stand-ins for a work's title and address, and its id, which no citation shows. The title's words tell every
# text case of CSL apart (see _text_case), and its period shows whether a style strips periods.
_TITLE_STANDIN = "kbtitle.x of kbtitle kbTitle KBTITLE"
_URL_STANDIN, _ID_STANDIN = "https://kb.invalid/kbUrl", "kbstandinid"
_TEXT_CASES = (None, "lowercase", "uppercase", "capitalize-first", "capitalize-all", "title", "sentence")
# A mark for the title and the address in a pattern: NUL is in no formatted citation, and a work whose title or
# address holds one gets no pattern.
_TITLE_MARK, _URL_MARK = "\0title\0", "\0url\0"
_MARKS = re.compile("\0(?:title|url)\0")
# What citeproc-py treats specially at the ends of a piece of text: it drops a space or punctuation mark that
# would be doubled where two pieces meet (citeproc.string.normalize_seam).
_SEAM = frozenset(" .,;:!?")


@dataclass(frozen=True)
class Pattern:
    """A style's citation of every work of one kind (author, site, year, version, language), with marks where the
    title and address go, and the text case the style gives the title.

    Filling it in gives, byte for byte, what citeproc-py formats for a work whose title and address start and end
    with no character citeproc-py treats specially at a seam: citeproc-py then does to them nothing but the text
    case, and that is applied here by its own code. test_opendata compares the two over titles of every kind.
    """

    text: str
    title_case: str | None

    def fill(self, work: Work) -> str | None:
        """The work's citation, or None where the pattern cannot be trusted for it."""
        title = _text_case(html.escape(work.title, quote=False), self.title_case, work.language)
        if not (_inert_ends(title) and _inert_ends(work.url)):
            return None
        return _MARKS.sub(lambda mark: title if mark.group() == _TITLE_MARK else work.url, self.text)


def _inert_ends(text: str) -> bool:
    return bool(text) and text[0] not in _SEAM and text[-1] not in _SEAM and "\0" not in text


def _text_case(text: str, case: str | None, language: str) -> str:
    """``text`` in a CSL text case, by citeproc-py's own code (the one the styles' text elements inherit)."""
    if case is None:
        return text
    from citeproc.string import String

    return str(_text_caser(case).case(String(text), language))


@cache
def _text_caser(case: str):
    from citeproc.model import TextCased

    class Cased(TextCased):
        def get(self, name: str, default: str | None = None) -> str | None:
            return case if name == "text-case" else default

    return Cased()


def _pattern(work: Work, style: str) -> Pattern | None:
    """The pattern for works of ``work``'s kind, or None if the style does not show the stand-ins as given (it
    strips the title's periods, or changes the address, or shows the id)."""
    text = _format(replace(work, id=_ID_STANDIN, title=_TITLE_STANDIN, url=_URL_STANDIN), style)
    cased = {case: _text_case(_TITLE_STANDIN, case, work.language) for case in _TEXT_CASES}
    shown = {case: title for case, title in cased.items() if title in text}
    if len(set(shown.values())) != 1 or _URL_STANDIN not in text or _ID_STANDIN in text:
        return None
    case = None if None in shown else next(iter(shown))
    return Pattern(text.replace(shown[case], _TITLE_MARK).replace(_URL_STANDIN, _URL_MARK), case)


class CitationFormatter:
    """Formatted citations (HTML with only italics and bold). Patterns, and the works formatted without one, are
    kept in the disk cache, and patterns in memory too."""

    def __init__(self, cache: TextCache):
        self.cache = cache
        self._patterns: dict[str, Pattern | None] = {}

    def html(self, work: Work) -> dict[str, str]:
        """The work's citation in each style, by style name."""
        shape = json.dumps(replace(work, id="", title="", url="").csl(), sort_keys=True)  # its kind: all but those
        return {style: self._formatted(work, style, shape) for style in STYLES}

    def _formatted(self, work: Work, style: str, shape: str) -> str:
        pattern = self._pattern_of(shape, work, style)
        text = pattern.fill(work) if pattern else None
        if text is None:
            key = f"{style}|{CSL_LOCALES[work.language]}|{json.dumps(work.csl(), sort_keys=True)}"
            text = self.cache.kept(key, lambda: _format(work, style), ".html")
        # The text is escaped before formatting; cleaning is the second line of defence.
        return nh3.clean(text, tags=_FORMATTING_TAGS, attributes={})

    def _pattern_of(self, shape: str, work: Work, style: str) -> Pattern | None:
        """The pattern of ``style`` for works of ``shape``, the kind of ``work``."""
        key = f"pattern|{style}|{CSL_LOCALES[work.language]}|{shape}"
        if key not in self._patterns:
            def make() -> str:
                pattern = _pattern(work, style)
                return json.dumps(pattern.__dict__ if pattern else None)
            kept = json.loads(self.cache.kept(key, make, ".json"))
            self._patterns[key] = Pattern(**kept) if kept else None
        return self._patterns[key]
