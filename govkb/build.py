"""One pass over the content: load, validate, render every generated page and asset, ready for any site builder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .charts import ChartRenderer
from .diskcache import TextCache
from .explorer import DATA_URI as EXPLORER_DATA
from .explorer import cases_json, explorer_pages
from .figures import ALL_FIGURES_CSV, all_figures_csv, chart_assets, figure_markdown
from .knowledge import KnowledgeBase
from .load import Layout, load
from .markers import expand_markers, marker_problems
from .models import ChartKind
from .pages import RENDERED_PLACEHOLDER, Page, build_pages, data_table, indicator_uri
from .problems import ContentError
from .sanitize import sanitize_html
from .search import search_page
from .styles import SDG_STYLESHEET, sdg_stylesheet


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
    layout = Layout(root, docs_dir.relative_to(root).as_posix() if docs_dir else "content")
    cache = TextCache(cache_dir)
    kb = load(layout, cache.within("content"))
    unknown_markers = marker_problems(layout.docs_dir, layout.docs_dir_name)
    if unknown_markers:
        raise ContentError(unknown_markers)
    renderer = ChartRenderer(cache.within("charts"))
    figures: dict[str, str] = {}
    assets: list[GeneratedFile] = []
    indicator_csvs: list[str] = []
    for entry in kb.indicators.values():
        if entry.meta.chart is ChartKind.none:
            continue
        for asset in chart_assets(entry, renderer):
            assets.append(GeneratedFile(asset.uri, asset.content))
            if asset.uri.endswith(".csv"):
                indicator_csvs.append(asset.content)
        figures[entry.slug] = figure_markdown(entry, indicator_uri(entry.slug), data_table(entry.meta),
                                              renderer.cache)
    assets.append(GeneratedFile(ALL_FIGURES_CSV, all_figures_csv(indicator_csvs)))
    assets.append(GeneratedFile(SDG_STYLESHEET, sdg_stylesheet(kb.taxonomy.sdgs)))
    pages = build_pages(kb, figures, cache.within("maps"))
    for extra in (*explorer_pages(kb), search_page()):
        pages[extra.uri] = extra
    assets.append(GeneratedFile(EXPLORER_DATA, cases_json(kb)))
    return SiteBuild(layout, kb, pages, assets, renderer.rendered, renderer.cached)
