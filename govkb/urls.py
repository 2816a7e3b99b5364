"""Every address the site generates: its pages, downloads and assets. No other module spells out a path.

Pages are named as MkDocs names their files, docs-relative Markdown paths ('cases/x.md'); ``served_url`` turns
one into the link a browser follows from another page, with MkDocs' directory URLs.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from .content.slugs import slugify
from .languages import DEFAULT

HOME = "index.md"
CASES = "cases/index.md"
CITIES = "cities/index.md"
AREAS = "areas/index.md"
SDGS = "sdgs/index.md"
INDICATORS = "indicators/index.md"
EXPLORER = "explore.md"
SEARCH = "search.md"
DATA = "data.md"  # the open data page: downloads, licence, how to cite, the data dictionary
SDG_METHOD = "sdg-method.md"  # hand-written: how cases are tagged with goals and targets
AREA_SDG_TABLE = "areas/index.md#areas-and-goals"  # the areas index's table of areas and goals, in every language

# The navigation's page of each folder of generated pages (which are outside the navigation): the tab they
# show as active, and the start of their breadcrumb.
SECTIONS = {"cases/": CASES, "cities/": CITIES, "areas/": AREAS, "sdgs/": SDGS, "indicators/": INDICATORS,
            "explore/": EXPLORER}

EXPLORER_DATA = "assets/data/cases.json"
ALL_FIGURES_CSV = "assets/data/smart-cities-study-2019-figures.csv"
SDG_STYLESHEET = "assets/stylesheets/sdg.css"
SEARCH_BUNDLE = "pagefind/"
SEARCH_SCRIPT = "assets/javascripts/search.js"
_CHARTS = "assets/charts"

# The open data package of an edition: its folder holds datapackage.json, each table as CSV and JSON, and the zip.
DATA_FOLDER = "data/"
DATA_PACKAGE = "data/datapackage.json"
CITIES_GEOJSON = "data/cities.geojson"
CASES_JSON_INDEX = "data/cases/index.json"

# Ids that would give an entry the address of a page the generator owns (a folder's index, the regions), with
# what lives there: cases, cities, areas (and axes) and indicators are each named by an id in their folder.
RESERVED_IDS = {
    "cases": {"index": "the list of cases"},
    "cities": {"index": "the list of cities", "regions": "the pages of the regions"},
    "areas": {"index": "the list of governance areas"},
    "indicators": {"index": "the list of indicators"},
}


def section_of(uri: str) -> str | None:
    """The navigation's page of the section a generated page belongs to ('cases/x.md' -> 'cases/index.md'); None
    for that page itself and for a page in no section."""
    section = SECTIONS.get(uri.partition("/")[0] + "/")
    return section if section != uri else None


def generated_page_at(folder: str, ident: str) -> str | None:
    """What the generator publishes at ``folder/ident`` ('the list of cities'), or None when the id is free."""
    return RESERVED_IDS[folder].get(ident)


# One page per entry, named by its id: urls.case("decidim-barcelona") -> "cases/decidim-barcelona.md".
case = "cases/{}.md".format
city = "cities/{}.md".format
area = "areas/{}.md".format
sdg = "sdgs/{}.md".format
indicator = "indicators/{}.md".format


def region(name: str) -> str:
    return f"cities/regions/{slugify(name)}.md"


def chart(slug: str, suffix: str) -> str:
    """A chart's files: its SVG per layout and palette ('-light.svg', '-narrow-dark.svg'), Vega-Lite spec
    ('.vl.json'), data ('.csv')."""
    return f"{_CHARTS}/{slug}{suffix}"


def data_table(name: str, suffix: str) -> str:
    """A table of the data package: data_table("cases", "csv") -> "data/cases.csv"."""
    return f"{DATA_FOLDER}{name}.{suffix}"


def data_zip(package_name: str) -> str:
    return f"{DATA_FOLDER}{package_name}.zip"


def case_json(slug: str) -> str:
    """One case as JSON, at an address that stays: data/cases/decidim-barcelona.json."""
    return f"{DATA_FOLDER}cases/{slug}.json"


def citation(folder: str, slug: str, suffix: str) -> str:
    """A page's citation to download: citation("cases", "x", ".bib") -> "cite/cases/x.bib"; the dataset's is
    citation("", "smart-governance-kb", ".ris") -> "cite/smart-governance-kb.ris"."""
    return f"cite/{folder}/{slug}{suffix}" if folder else f"cite/{slug}{suffix}"


def explorer_filtered(**filters: str) -> str:
    """The case explorer with its filters set, as its address bar keeps them: explore.md?area=open-data&sdg=16."""
    return f"{EXPLORER}?{urlencode(filters)}"


def numbered(uri: str, number: int) -> str:
    """Page 1 of a list keeps its address; later pages live beside it (areas/x.md -> areas/x/page-2.md)."""
    return uri if number == 1 else f"{uri.removesuffix('.md')}/page-{number}.md"


def relative(from_uri: str, to_uri: str) -> str:
    """A link from one docs-relative Markdown file to another, as MkDocs resolves and validates it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def served_url(from_uri: str, to_uri: str) -> str:
    """The shortest URL of ``to_uri`` from the page of ``from_uri``, with MkDocs' directory URLs.

    For raw HTML, which MkDocs does not rewrite: from 'explore.md' (served at explore/), 'cases/x.md' is
    '../cases/x/'; from 'cases/index.md' (served at cases/), it is 'x/'. A '#fragment' or '?query' is kept.
    """
    # Plain string work rather than posixpath.relpath, which asks the OS for the working directory: this runs
    # for every link of every generated page.
    to_uri, mark, rest = to_uri.partition("#") if "#" in to_uri else to_uri.partition("?")
    here = served_path(from_uri).split("/")[:-1]  # the page's folder: 'cities/' -> ['cities'], '' -> []
    there = served_path(to_uri).split("/")  # a page ends in '' ('cases/x/'), a file in its name
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return ("../" * (len(here) - common) + "/".join(there[common:]) or "./") + mark + rest


def served_path(uri: str) -> str:
    """Where MkDocs serves a docs file, from the site root: 'cases/x.md' -> 'cases/x/', 'index.md' -> ''."""
    if not uri.endswith(".md"):
        return uri
    target = uri.removesuffix(".md").removesuffix("index")
    return target.rstrip("/") + "/" if target else ""


def edition_root(language: str) -> str:
    """Where a language's edition lives, from the site's root: '' for English, 'es/' for Spanish."""
    return "" if language == DEFAULT else f"{language}/"


def site_wide(from_uri: str, language: str, path: str) -> str:
    """A link from a page of one edition to a file all editions share at the site's root (the search index)."""
    return "../" * (language != DEFAULT) + served_url(from_uri, path)


def in_other_edition(page_url: str, language: str, other: str) -> str:
    """The same page in another edition, relative to this one: from 'cases/x/' in English, 'es/cases/x/'; from
    'cases/x/' in Spanish, '../../../fr/cases/x/'. ``page_url`` is MkDocs' URL of the page within its edition."""
    up = page_url.count("/") + (language != DEFAULT)
    return "../" * up + edition_root(other) + page_url or "./"


# On the repository's host (GitHub): the contributors' guide, the form for a new case, an issue about a page.


def contributing_guide(repository: str, language: str) -> str:
    """CONTRIBUTING.md, or its summary in the reader's language (CONTRIBUTING.es.md)."""
    return f"{repository}/blob/main/CONTRIBUTING{'' if language == DEFAULT else '.' + language}.md"


def new_case_form(repository: str, language: str) -> str:
    """The issue form for a new case in the reader's language (.github/ISSUE_TEMPLATE/new-case.es.yml)."""
    name = "new-case.yml" if language == DEFAULT else f"new-case.{language}.yml"
    return f"{repository}/issues/new?{urlencode({'template': name})}"


def suggest_change(repository: str, title: str, address: str) -> str:
    """A new issue about one page, named after it and giving its address."""
    return f"{repository}/issues/new?{urlencode({'title': title, 'body': address})}"


def template_urls() -> dict[str, str]:
    """Site-root paths the theme templates link to (the 404 page and the header's search form)."""
    return {name: served_path(uri) for name, uri in
            {"home": HOME, "search": SEARCH, "explorer": EXPLORER, "cities": CITIES, "indicators": INDICATORS}.items()}
