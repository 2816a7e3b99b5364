"""One pass over the content: load and check it once, then render every edition (language) of the site: its
generated pages and assets, ready for MkDocs.

The hooks call ``edition_build`` before MkDocs writes anything (so bad content keeps the last good site), then
hand MkDocs one edition's pages and assets, then ask its ``SiteBuild`` to finish each rendered page's HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from . import csvtext, urls
from .cache import TextCache, hash_of
from .charts.data import all_figures_csv
from .charts.files import chart_files
from .charts.render import ChartRenderer
from .content.frontmatter import split_front_matter
from .content.knowledge import KnowledgeBase
from .content.layout import Layout
from .content.load import load
from .content.models import ChartKind
from .content.problems import ContentError
from .languages import DEFAULT, LANGUAGES, Language
from .opendata.citations import CitationFormatter
from .opendata.dataset import Publication, load_publication
from .opendata.jsonld import StructuredData
from .opendata.package import package_files
from .opendata.tables import tables
from .pages.areas import area_pages, areas_index, axis_page
from .pages.cases import case_page, cases_index
from .pages.citation import citation_files
from .pages.cities import cities_index, city_pages, region_pages
from .pages.datapage import data_page, readme
from .pages.edition import Edition
from .pages.explorer import cases_json, explorer_pages
from .pages.indicators import chart_words, indicator_page, indicators_index
from .pages.markers import expand_markers, marker_problems
from .pages.page import RENDERED_PLACEHOLDER, Page
from .pages.parts import breadcrumb, translation_notice
from .pages.sdgs import sdg_pages, sdgs_index
from .pages.search import search_page
from .pages.styles import sdg_stylesheet
from .sanitize import sanitize_html
from .sidebyside import forked_map


@dataclass(frozen=True)
class GeneratedFile:
    uri: str
    content: str | bytes  # bytes for a binary file (the data package's zip)
    edit_path: str | None = None


@dataclass
class SiteBuild:
    """One edition of the site: its pages and assets, in one language."""

    layout: Layout
    edition: Edition
    pages: dict[str, Page]
    assets: list[GeneratedFile] = field(default_factory=list)
    charts_rendered: int = 0
    charts_cached: int = 0
    structured_data: StructuredData | None = None

    @property
    def kb(self) -> KnowledgeBase:
        return self.edition.kb

    def summary(self) -> str:
        return (f"{self.edition.language}: {len(self.kb.cases)} cases, {len(self.kb.cities)} cities, "
                f"{len(self.kb.indicators)} indicators; charts: {self.charts_rendered} rendered, "
                f"{self.charts_cached} from cache")

    def head_data(self, uri: str, title: str, description: str) -> str:
        """The page's structured data (a JSON-LD script element) for its head; title and description as text."""
        return self.structured_data.for_page(uri, title, description) if self.structured_data else ""

    def generated_files(self) -> list[GeneratedFile]:
        return [*(GeneratedFile(p.uri, p.markdown, p.edit_path) for p in self.pages.values()), *self.assets]

    def hand_over_files(self) -> list[GeneratedFile]:
        """Every generated page and file, for MkDocs, once: the edition then lets go of its files, which the hooks
        write into the site folder at once. MkDocs would hold them until it writes them, after rendering every
        page: an edition's files were about 45 MB at 5,000 cases."""
        files, self.assets = self.generated_files(), []
        return files

    def breadcrumb(self, uri: str) -> str:
        """A generated page's breadcrumb, finished HTML ('' for a page with none)."""
        page = self.pages.get(uri)
        return str(breadcrumb(self.edition, page)) if page else ""

    def page_markdown(self, uri: str, markdown: str, source: str) -> str:
        """The Markdown of a hand-written page with its data markers expanded."""
        return expand_markers(self.edition, uri, markdown, source)

    def finished_blocks(self, uri: str) -> tuple[str, ...]:
        """The finished HTML blocks ``finish_html`` puts into a page after MkDocs has rendered its Markdown."""
        page = self.pages.get(uri)
        return tuple(page.html_blocks) if page else ()

    def finish_html(self, uri: str, html: str) -> str:
        """Sanitise pages that carry a contributor's Markdown body (the second line of defence), then put
        the page's finished HTML blocks in place of their placeholders, once: the blocks are then let go of."""
        page = self.pages.get(uri)
        if page is None:
            return html
        if page.untrusted_body:
            html = sanitize_html(html)
        blocks = page.html_blocks

        def block(match) -> str:
            # Text that merely looks like a placeholder (say, typed in a body) is left as it is.
            index = int(match.group(1))
            return blocks[index] if index < len(blocks) else match.group(0)

        finished = RENDERED_PLACEHOLDER.sub(block, html)
        self.let_go(uri)
        return finished

    def let_go(self, uri: str) -> None:
        """The page's HTML is finished (or handed back from an earlier build): let go of its HTML blocks, which
        nothing reads again. MkDocs holds every page's HTML from its rendering to its writing, which come in two
        rounds over all pages; with the blocks beside it, that was about 100 MB for an edition at 5,000 cases."""
        page = self.pages.get(uri)
        if page is not None:
            self.pages[uri] = replace(page, html_blocks=())

    def digest(self, hand_written: dict[str, str]) -> str:
        """A hash of all that the hooks take from this edition: every generated page and file, and, for the
        hand-written pages (docs-relative URI -> Markdown), what their data markers expand to. With the bytes of
        the files MkDocs reads itself (see ``govkb.preview.KeptEditions``), it names what the edition's site is
        made from. Each page's structured data goes in with an empty title and description, which come from the
        page's own text."""
        pages = {**hand_written, **{asset.uri: asset.content for asset in self.assets
                                    if asset.uri.endswith(".md") and isinstance(asset.content, str)}}
        return hash_of([
            *(part for uri, page in sorted(self.pages.items())
              for part in (repr(page), self.breadcrumb(uri), self.head_data(uri, "", ""))),
            *(part for asset in self.assets for part in (asset.uri, asset.content, asset.edit_path or "")),
            *(part for uri, markdown in sorted(pages.items())
              for part in (uri, self.page_markdown(uri, markdown, uri), self.head_data(uri, "", ""))),
        ])


@dataclass(frozen=True)
class CheckedContent:
    """The content loaded and checked once, with what renders any edition of it."""

    layout: Layout
    kb: KnowledgeBase
    publication: Publication
    renderer: ChartRenderer
    citations: CitationFormatter
    cache: TextCache
    charts: dict[Language, EditionCharts] = field(default_factory=dict)
    editions: dict[Language, Edition] = field(default_factory=dict)

    def draw_charts(self, languages: tuple[Language, ...]) -> None:
        """Draw these editions' charts now, so that an edition rendered in a forked process (see ``edition_build``)
        finds them done."""
        with self.renderer.drawing():
            for language in languages:
                if language not in self.charts:
                    self.charts[language] = _edition_charts(self._edition(language), self.renderer)

    def edition(self, language: Language, alone: bool = False) -> SiteBuild:
        """The edition's pages and files; ``alone``: it is the only edition this build renders, so its pages may be
        made in forked processes, one per core (see ``generated_pages``)."""
        self.draw_charts((language,))
        return _edition_build(self.layout, self._edition(language), self.publication, self.charts[language],
                              self.cache, alone)

    def _edition(self, language: Language) -> Edition:
        if language not in self.editions:
            self.editions[language] = Edition(self.kb, language, self.publication, self.citations)
        return self.editions[language]


def load_checked(root: Path, cache_dir: Path | None = None) -> CheckedContent:
    """Load and check everything once (a ContentError lists every problem)."""
    layout = Layout(root)
    cache = TextCache(cache_dir)
    kb = load(layout, cache.within("content"))
    unknown_markers = [problem for language in LANGUAGES if layout.pages_dir(language).is_dir()
                       for problem in marker_problems(layout.pages_dir(language), layout.display(
                           layout.pages_dir(language)))]
    if unknown_markers:
        raise ContentError(unknown_markers)
    return CheckedContent(layout, kb, load_publication(layout), ChartRenderer(cache.within("charts")),
                          CitationFormatter(cache.within("citations")), cache)


def prepare(root: Path, cache_dir: Path | None = None,
            languages: tuple[Language, ...] = LANGUAGES) -> dict[Language, SiteBuild]:
    """Load and check everything once, then render each language's edition."""
    content = load_checked(root, cache_dir)
    return {language: content.edition(language) for language in languages}


@dataclass(frozen=True)
class EditionCharts:
    """An edition's chart files, with each charted indicator's data as CSV and its drawings' sizes."""

    assets: list[GeneratedFile]
    csvs: list[str]
    sizes: dict[str, dict[str, tuple[int, int]]]
    rendered: int  # drawings that missed the cache
    cached: int


def _edition_charts(ed: Edition, renderer: ChartRenderer) -> EditionCharts:
    rendered, cached = renderer.rendered, renderer.cached
    assets: list[GeneratedFile] = []
    csvs: list[str] = []
    sizes: dict[str, dict[str, tuple[int, int]]] = {}
    charted = [(entry, chart_words(ed, entry)) for entry in ed.kb.indicators.values()
               if entry.meta.chart is not ChartKind.none]
    for (entry, _), files in zip(charted, chart_files(charted, renderer), strict=True):
        assets += [GeneratedFile(asset.uri, asset.content) for asset in files.assets]
        csvs.append(files.csv)
        sizes[entry.slug] = files.sizes
    return EditionCharts(assets, csvs, sizes, renderer.rendered - rendered, renderer.cached - cached)


def _edition_build(layout: Layout, ed: Edition, publication: Publication, charts: EditionCharts,
                   cache: TextCache, alone: bool = False) -> SiteBuild:
    assets = list(charts.assets)
    assets.append(GeneratedFile(urls.ALL_FIGURES_CSV, csvtext.published(all_figures_csv(charts.csvs))))
    assets.append(GeneratedFile(urls.SDG_STYLESHEET, sdg_stylesheet(ed.kb.sdg_catalogue.goals)))
    assets.append(GeneratedFile(urls.EXPLORER_DATA, cases_json(ed)))
    pages = generated_pages(ed, cache.within("maps"), charts.sizes, side_by_side=alone)
    # The open data package, the data page that documents it, and every citation to download.
    data_tables = tables(ed, publication)
    package = package_files(ed, publication, data_tables, readme(ed, publication, data_tables),
                            cache.within("opendata"))
    assets += [GeneratedFile(file.uri, file.content) for file in package]
    assets += [GeneratedFile(uri, text) for uri, text in citation_files(ed)]
    pages[urls.DATA] = data_page(ed, publication, data_tables, package)
    fallbacks = [GeneratedFile(uri, text, edit) for uri, text, edit in untranslated_pages(layout, ed)]
    return SiteBuild(layout, ed, pages, [*assets, *fallbacks], charts.rendered, charts.cached,
                     StructuredData(ed, publication, data_tables))


def untranslated_pages(layout: Layout, ed: Edition) -> list[tuple[str, str, str]]:
    """Hand-written pages this edition lacks: the default edition's, with a notice in the reader's language
    (uri, Markdown, source file)."""
    if ed.language == DEFAULT:
        return []
    found = []
    source_dir, edition_dir = layout.pages_dir(DEFAULT), layout.pages_dir(ed.language)
    for source in sorted(source_dir.rglob("*.md")):
        uri = source.relative_to(source_dir).as_posix()
        if not (edition_dir / uri).is_file():
            front, body = split_front_matter(source.read_text(encoding="utf-8"))
            notice = translation_notice(ed, DEFAULT, None)
            found.append((uri, f'{front}{notice}\n\n<div lang="{DEFAULT}" markdown>\n\n{body}\n\n</div>\n',
                          layout.display(source)))
    return found


def generated_pages(ed: Edition, land_cache: TextCache,
                    chart_sizes: dict[str, dict[str, tuple[int, int]]] | None = None,
                    side_by_side: bool = False) -> dict[str, Page]:
    """Every generated page of one edition, keyed by its docs-relative URI. ``chart_sizes`` gives each charted
    indicator's drawings their size (see ``ChartFiles.sizes``). ``side_by_side``: from a few hundred cases on, the
    pages are made in forked processes, one per core (for an edition built alone: the editions of a build in
    several languages already share the cores)."""
    kb = ed.kb
    regions = sorted({c.region for c in kb.cities.values()})
    makers: list[Callable[[], Page | Iterable[Page]]] = [
        partial(cases_index, ed), partial(cities_index, ed), partial(areas_index, ed), partial(sdgs_index, ed),
        partial(indicators_index, ed),
        *(partial(case_page, ed, case) for case in kb.cases.values()),
        *(partial(city_pages, ed, city, land_cache) for city in kb.cities.values()),
        *(partial(region_pages, ed, region) for region in regions),
        *(partial(axis_page, ed, axis_id) for axis_id in kb.axes if axis_id not in kb.areas),
        *(partial(area_pages, ed, area_id) for area_id in kb.areas),
        *(partial(sdg_pages, ed, goal) for goal in kb.sdg_catalogue.goals if kb.cases_by_sdg.get(goal.number)),
        *(partial(indicator_page, ed, entry, (chart_sizes or {}).get(entry.slug, {}))
          for entry in kb.indicators.values()),
        partial(explorer_pages, ed), partial(search_page, ed),
    ]
    side_by_side = side_by_side and len(kb.cases) >= _SIDE_BY_SIDE_FROM_CASES
    made = forked_map(_made_pages, makers, at_least=1) if side_by_side else map(_made_pages, makers)
    return {page.uri: page for pages in made for page in pages}


def _made_pages(maker: Callable[[], Page | Iterable[Page]]) -> list[Page]:
    made = maker()
    return [made] if isinstance(made, Page) else list(made)


# With fewer cases than this, an edition's pages are made in the build's process: forking would cost more than it
# saves.
_SIDE_BY_SIDE_FROM_CASES = 300


# The content that the build of the default language loaded, and the editions it rendered, for the builds of the
# other languages it starts from the same process (each loads its own copy of the hook module, so this cannot live
# in the hook).
_checked: dict[Path, CheckedContent] = {}
_prepared: dict[Path, dict[Language, SiteBuild]] = {}


def edition_build(root: Path, language: Language, cache_dir: Path | None = None,
                  languages: tuple[Language, ...] = LANGUAGES,
                  before_rendering: Callable[[], None] | None = None) -> SiteBuild:
    """The edition of ``language``. The default language loads and checks the content afresh (a new build, or a
    preview's rebuild), draws the charts of ``languages``, calls ``before_rendering`` (which may start the other
    editions' processes: each renders its own from the checked content, see ``other_edition``), and renders its
    own edition. An edition built on its own loads the content itself."""
    if language == DEFAULT:
        content = _checked[root] = load_checked(root, cache_dir)
        content.draw_charts(languages)
        _prepared[root] = {}
        if before_rendering is not None:
            before_rendering()
        _prepared[root][DEFAULT] = content.edition(DEFAULT, alone=languages == (DEFAULT,))
        return _prepared[root][DEFAULT]
    if root in _checked:
        return other_edition(root, language)
    return prepare(root, cache_dir, (language,))[language]


def other_edition(root: Path, language: Language) -> SiteBuild:
    """An edition other than the default, from the content the default edition's build checked, rendered once
    for the process: its process renders it first (to learn that it renders, and in a preview whether it
    changed), then MkDocs' build of that edition asks ``edition_build`` for it."""
    prepared = _prepared[root]
    if language not in prepared:
        prepared[language] = _checked[root].edition(language)
    return prepared[language]


def forget_editions(root: Path) -> None:
    """Let go of the content and editions ``edition_build`` kept for the build of ``root``: it is over."""
    _checked.pop(root, None)
    _prepared.pop(root, None)
