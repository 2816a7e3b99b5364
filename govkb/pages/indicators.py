"""Indicator pages (a survey figure with its chart and data) and the indicators index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..charts.theme import THEMES
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import ChartKind, Indicator, Origin
from .html import Linker, Markdown, emphasis, facts, markdown_text, paragraph, ul
from .page import PER_PAGE, Page, aside, make_page, section
from .parts import STUDY, area_link, case_list, plural


def indicator_item(entry: Entry[Indicator], links: Linker) -> Markup:
    """An indicator in a list: its title (with ours beside a title the study prints in Spanish), what it shows,
    and a mark when the study prints no figures for it."""
    meta = entry.meta
    title = links.a(meta.title, urls.indicator(entry.slug))
    if meta.title_translation:
        title = Markup('{} <span class="kb-translation">({})</span>').format(title, meta.title_translation)
    mark = Markup(' <span class="kb-tag">No figures printed</span>') if meta.chart is ChartKind.none else ""
    return Markup('{}{}<span class="kb-item-summary">{}</span>').format(title, mark, meta.finding)


def indicator_block(kb: KnowledgeBase, area_id: str, links: Linker, heading: str = "Survey indicators") -> list:
    """The survey results of an area or axis (context figures are listed apart, on the indicators index)."""
    indicators = [i for i in kb.indicators_by_area.get(area_id, []) if i.meta.origin is Origin.survey]
    if not indicators:
        return []
    return section(heading, ul([indicator_item(i, links) for i in indicators], "kb-case-list"))


def indicators_index(kb: KnowledgeBase) -> Page:
    uri = urls.INDICATORS
    links = Linker(uri)
    survey = len(kb.indicators) - len(kb.context_indicators)
    blocks: list = [paragraph(Markup(
        "The figures of the {}: the {} of its survey, grouped by governance area, and {} it gives for context. Every "
        "value is copied exactly as printed; all of them are also in {}.").format(
        emphasis(STUDY), plural(survey, "result"), plural(len(kb.context_indicators), "figure"),
        links.a("one CSV file", urls.ALL_FIGURES_CSV)))]
    for axis in kb.taxonomy.axes:
        for ident in [axis.id, *(a.id for a in axis.areas if a.id != axis.id)]:
            blocks.append(indicator_block(kb, ident, links, heading=kb.area_or_axis_name(ident)))
    if kb.context_indicators:
        blocks.append(section("Figures the study gives for context", paragraph(
            "Not results of the survey: figures the study quotes from other sources, and the number of cities "
            "that took part."), ul([indicator_item(i, links) for i in kb.context_indicators], "kb-case-list")))
    return make_page(uri, "Survey indicators", "Every figure of the study: its survey results by governance area, "
                     "and the figures it gives for context.", blocks)


def indicator_page(kb: KnowledgeBase, entry: Entry[Indicator], chart_description: str | None) -> Page:
    """An indicator's page; ``chart_description`` is its chart's text alternative, None when it has no chart."""
    uri = urls.indicator(entry.slug)
    links = Linker(uri)
    meta = entry.meta
    rows = [
        ("Figure", "a result of the study's survey" if meta.origin is Origin.survey
         else "context: not a result of the survey; a figure the study quotes, or a fact about the study"),
        ("Area", area_link(kb, meta.area, links) if meta.area else ""),
        ("Unit", meta.unit.label if meta.unit else "not stated in the study"),
        ("Base", meta.base),
        ("Source", Markup("{}, {}").format(emphasis(STUDY), meta.source.section)),
        ("Note", meta.notes or ""),
    ]
    translation = paragraph(emphasis(meta.title_translation)) if meta.title_translation else None
    shown = figure(entry, uri, chart_description) if chart_description is not None else data_table(meta)
    blocks: list = [translation, paragraph(meta.finding, "kb-lead"), shown, facts(rows),
                    Markdown(entry.body.strip())]
    related = (kb.cases_by_area.get(meta.area) or kb.cases_in_axis(meta.area)) if meta.area else []
    if related:
        blocks.append(aside("Cases in this area", case_list(kb, related[:PER_PAGE], links)))
    return make_page(uri, meta.title, meta.finding, blocks, edit_path=entry.path, untrusted_body=True)


def figure(entry: Entry[Indicator], page_uri: str, description: str) -> Markdown:
    """The chart in a <figure>: light and dark SVG, caption, text alternative, data table and downloads."""
    meta = entry.meta
    slug = entry.slug
    alt_text = markdown_text(description)
    def link(suffix: str) -> str:
        return urls.relative(page_uri, urls.chart(slug, suffix))

    images = "\n".join(f"![{alt_text}]({link(f'-{name}.svg')}#only-{name}){{ .kb-chart-svg }}" for name in THEMES)
    downloads = " · ".join([
        f"[Data (CSV)]({link('.csv')}){{ download }}",
        f"[Vega-Lite specification (JSON)]({link('.vl.json')}){{ download }}",
        f"[Chart (SVG)]({link('-light.svg')}){{ download }}",
    ])
    caption = f"{markdown_text(meta.title)} — {markdown_text(meta.chart_unit.label)}; base: {markdown_text(meta.base)}."
    return Markdown(f'<figure class="kb-chart" markdown>\n\n{images}\n\n'
                    f"<figcaption markdown>{caption}</figcaption>\n\n"
                    f'<details class="kb-data" markdown>\n<summary>Data table</summary>\n\n{data_table(meta)}\n\n'
                    f"</details>\n\nDownload: {downloads}\n{{ .kb-downloads }}\n\n</figure>")


def data_table(meta: Indicator) -> Markup | Markdown:
    """The figures as a table: the chart's text equivalent, and the whole story when there is no chart."""
    if meta.table:
        header = Markup("<tr><td></td>{}</tr>").format(
            Markup("").join(Markup('<th scope="col">{}</th>').format(c) for c in meta.table.columns))
        rows = Markup("").join(
            Markup('<tr><th scope="row">{}</th>{}</tr>').format(
                r.label, Markup("").join(Markup('<td class="kb-number">{}</td>').format(format_value(v, meta))
                                         for v in r.values))
            for r in meta.table.rows)
        return Markup("<table><thead>{}</thead><tbody>{}</tbody></table>").format(header, rows)
    if meta.values:
        rows = Markup("").join(Markup('<tr><th scope="row">{}</th><td class="kb-number">{}</td></tr>').format(
            v.label, format_value(v.value, meta)) for v in meta.values)
        return Markup('<table><thead><tr><td></td><th scope="col">Value</th></tr></thead><tbody>{}</tbody>'
                      "</table>").format(rows)
    return Markdown("!!! note \"No figures printed\"\n    The study shows this chart, but its text edition prints no "
                    "figures for it, so none are reproduced here.")


def format_value(value, meta: Indicator) -> str:
    return f"{value}%" if meta.unit and meta.unit.is_percentage else f"{value}"
