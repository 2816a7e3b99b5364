"""One pass over the content: load and check it, then render every generated page and asset, ready for MkDocs.

The hooks call ``prepare`` before MkDocs writes anything (so bad content keeps the last good site), then
hand MkDocs the pages and assets, then ask ``SiteBuild`` to finish each rendered page's HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import urls
from .cache import TextCache
from .charts.data import all_figures_csv
from .charts.files import chart_files
from .charts.render import ChartRenderer
from .content.knowledge import KnowledgeBase
from .content.layout import Layout
from .content.load import load
from .content.models import ChartKind
from .content.problems import ContentError
from .pages.areas import area_pages, areas_index, axis_page
from .pages.cases import case_page, cases_index
from .pages.cities import cities_index, city_pages, region_pages
from .pages.explorer import cases_json, explorer_pages
from .pages.indicators import indicator_page, indicators_index
from .pages.markers import expand_markers, marker_problems
from .pages.page import RENDERED_PLACEHOLDER, Page
from .pages.sdgs import sdg_pages, sdgs_index
from .pages.search import search_page
from .pages.styles import sdg_stylesheet
from .sanitize import sanitize_html


@dataclass(frozen=True)
class GeneratedFile:
    uri: str
    content: str
    edit_path: str | None = None


@dataclass
class SiteBuild:
    layout: Layout
    kb: KnowledgeBase
    pages: dict[str, Page]
    assets: list[GeneratedFile] = field(default_factory=list)
    charts_rendered: int = 0
    charts_cached: int = 0

    def summary(self) -> str:
        return (f"{len(self.kb.cases)} cases, {len(self.kb.cities)} cities, {len(self.kb.indicators)} indicators; "
                f"charts: {self.charts_rendered} rendered, {self.charts_cached} from cache")

    def generated_files(self) -> list[GeneratedFile]:
        return [*(GeneratedFile(p.uri, p.markdown, p.edit_path) for p in self.pages.values()), *self.assets]

    def page_markdown(self, uri: str, markdown: str) -> str:
        """The Markdown of a hand-written page with its data markers expanded."""
        return expand_markers(self.kb, uri, markdown, f"{self.layout.docs_dir_name}/{uri}")

    def finish_html(self, uri: str, html: str) -> str:
        """Sanitise pages that carry a contributor's Markdown body (the second line of defence), then put
        the page's finished HTML blocks in place of their placeholders."""
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

        return RENDERED_PLACEHOLDER.sub(block, html)


def prepare(root: Path, docs_dir: Path | None = None, cache_dir: Path | None = None) -> SiteBuild:
    layout = Layout(root, docs_dir.relative_to(root).as_posix()) if docs_dir else Layout(root)
    cache = TextCache(cache_dir)
    kb = load(layout, cache.within("content"))
    unknown_markers = marker_problems(layout.docs_dir, layout.docs_dir_name)
    if unknown_markers:
        raise ContentError(unknown_markers)
    renderer = ChartRenderer(cache.within("charts"))
    chart_descriptions: dict[str, str] = {}
    assets: list[GeneratedFile] = []
    indicator_csvs: list[str] = []
    for entry in kb.indicators.values():
        if entry.meta.chart is ChartKind.none:
            continue
        files = chart_files(entry, renderer)
        assets += [GeneratedFile(asset.uri, asset.content) for asset in files.assets]
        indicator_csvs.append(files.csv)
        chart_descriptions[entry.slug] = files.text_alternative
    assets.append(GeneratedFile(urls.ALL_FIGURES_CSV, all_figures_csv(indicator_csvs)))
    assets.append(GeneratedFile(urls.SDG_STYLESHEET, sdg_stylesheet(kb.sdg_catalogue.goals)))
    assets.append(GeneratedFile(urls.EXPLORER_DATA, cases_json(kb)))
    pages = generated_pages(kb, chart_descriptions, cache.within("maps"))
    return SiteBuild(layout, kb, pages, assets, renderer.rendered, renderer.cached)


def generated_pages(kb: KnowledgeBase, chart_descriptions: dict[str, str], land_cache: TextCache) -> dict[str, Page]:
    """Every generated page, keyed by its docs-relative URI."""
    regions = sorted({c.region for c in kb.cities.values()})
    pages = [
        cases_index(kb), cities_index(kb), areas_index(kb), sdgs_index(kb), indicators_index(kb),
        *(case_page(kb, case) for case in kb.cases.values()),
        *(page for city in kb.cities.values() for page in city_pages(kb, city, land_cache)),
        *(page for region in regions for page in region_pages(kb, region)),
        *(axis_page(kb, axis_id) for axis_id in kb.axes if axis_id not in kb.areas),
        *(page for area_id in kb.areas for page in area_pages(kb, area_id)),
        *(page for goal in kb.sdg_catalogue.goals if kb.cases_by_sdg.get(goal.number) for page in sdg_pages(kb, goal)),
        *(indicator_page(kb, entry, chart_descriptions.get(entry.slug)) for entry in kb.indicators.values()),
        *explorer_pages(kb), search_page(),
    ]
    return {page.uri: page for page in pages}
