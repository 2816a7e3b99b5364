"""Indicator pages (a figure of the study with its chart and data) and the indicators index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..charts.data import ChartWords
from ..charts.theme import THEMES
from ..content.knowledge import Entry
from ..content.models import ChartKind, Indicator, Origin
from .citation import cite_indicator
from .edition import Edition
from .html import Linker, Markdown, emphasis, facts, markdown_text, paragraph, scrolling_table, ul
from .page import PER_PAGE, Page, aside, make_page, section
from .parts import area_link, case_list, study, translation_notice


def indicator_item(ed: Edition, entry: Entry[Indicator], links: Linker) -> Markup:
    """An indicator in a list: its title (with ours beside a title the study prints in Spanish), what it shows,
    and a mark when the study prints no figures for it."""
    words = ed.indicator(entry)
    title = links.a(words.title, urls.indicator(entry.slug))
    if words.title_translation and words.title_translation != words.title:
        title = Markup('{} <span class="kb-translation">({})</span>').format(title, words.title_translation)
    mark = (Markup(' <span class="kb-tag">{}</span>').format(ed.t("No figures printed"))
            if entry.meta.chart is ChartKind.none else "")
    return Markup('{}{} <span class="kb-item-summary">{}</span>').format(title, mark, words.finding)


def indicator_block(ed: Edition, area_id: str, links: Linker, heading: str | None = None) -> list:
    """The survey results of an area or axis (context figures are listed apart, on the indicators index)."""
    indicators = [i for i in ed.kb.indicators_by_area.get(area_id, []) if i.meta.origin is Origin.survey]
    if not indicators:
        return []
    return section(heading or ed.t("Survey indicators"),
                   ul([indicator_item(ed, i, links) for i in indicators], "kb-case-list"))


def indicators_index(ed: Edition) -> Page:
    uri = urls.INDICATORS
    links = Linker(uri)
    kb = ed.kb
    survey = len(kb.indicators) - len(kb.context_indicators)
    blocks: list = [paragraph(Markup(ed.t(
        "The figures of the {study}: the {results} of its survey, grouped by governance area, and {figures} it gives "
        "for context. Every value is copied exactly as printed; all of them are also in {csv}.")).format(
        study=emphasis(study(ed)), results=ed.n("{count} result", "{count} results", survey),
        figures=ed.n("{count} figure", "{count} figures", len(kb.context_indicators)),
        csv=links.a(ed.t("one CSV file"), urls.ALL_FIGURES_CSV)))]
    for axis in kb.taxonomy.axes:
        for ident in [axis.id, *(a.id for a in axis.areas if a.id != axis.id)]:
            blocks.append(indicator_block(ed, ident, links, heading=ed.area_name(ident)))
    if kb.context_indicators:
        blocks.append(section(ed.t("Figures the study gives for context"), paragraph(ed.t(
            "Not results of the survey: figures the study quotes from other sources, and the number of cities "
            "that took part.")), ul([indicator_item(ed, i, links) for i in kb.context_indicators], "kb-case-list")))
    return make_page(uri, ed.t("Survey indicators"), ed.t("Every figure of the study: its survey results by governance "
                                                          "area, and the figures it gives for context."), blocks)


def indicator_page(ed: Edition, entry: Entry[Indicator], chart_sizes: dict[str, tuple[int, int]]) -> Page:
    uri = urls.indicator(entry.slug)
    links = Linker(uri)
    meta = entry.meta
    words = ed.indicator(entry)
    t = ed.t
    rows = [
        (t("Figure:"), t("a result of the study's survey") if meta.origin is Origin.survey
         else t("context: not a result of the survey; a figure the study quotes, or a fact about the study")),
        (t("Area:"), area_link(ed, meta.area, links) if meta.area else ""),
        (t("Unit:"), unit_label(ed, meta) if meta.unit else t("not stated in the study")),
        (t("Base:"), words.base),
        (t("Source:"), Markup("{} › {}").format(emphasis(meta.source.study), words.section)),
        (t("Note:"), words.notes or ""),
    ]
    # A title the study prints in Spanish, with ours in the reader's language (none when that is Spanish too).
    translation = (paragraph(emphasis(words.title_translation))
                   if words.title_translation and words.title_translation != words.title else None)
    shown = data_table(ed, entry) if meta.chart is ChartKind.none else figure(ed, entry, uri, chart_sizes)
    blocks: list = [translation_notice(ed, words.written_in, words.translated_from), translation,
                    paragraph(words.finding, "kb-lead"), shown, facts(rows), Markdown(words.body.strip()),
                    cite_indicator(ed, entry)]
    related = (ed.cases_of_area(meta.area) or ed.in_order(ed.kb.cases_in_axis(meta.area))) if meta.area else []
    if related:
        blocks.append(aside(t("Cases in this area"), case_list(ed, related[:PER_PAGE], links)))
    return make_page(uri, words.title, words.finding, blocks, edit_path=entry.path, untrusted_body=True,
                     kind=t("Indicator"), trail=((t("Survey indicators"), urls.INDICATORS),))


# Vega's number formats per language, for the axes vl-convert draws.
NUMBER_FORMAT_LOCALES = {"en": "en-US", "es": "es-ES", "fr": "fr-FR"}


def chart_words(ed: Edition, entry: Entry[Indicator]) -> ChartWords:
    """What the indicator's chart and CSV say in this edition's language."""
    meta = entry.meta
    words = ed.indicator(entry)
    figures = [v for row in meta.table.rows for v in row.values] if meta.table else [v.value for v in meta.values or []]
    unit = unit_label(ed, meta)
    return ChartWords(language=ed.language, title=words.title, unit=unit, base=words.base, section=words.section,
                      subtitle=ed.t("{unit}. Base: {base}", unit=unit[:1].upper() + unit[1:], base=words.base),
                      labels=words.rows if meta.table else words.labels, columns=words.columns,
                      shown=[format_value(ed, v, meta) for v in figures],
                      number_format_locale=NUMBER_FORMAT_LOCALES[ed.language])


def text_alternative(ed: Edition, entry: Entry[Indicator]) -> str:
    """What the chart shows, in words: the finding, then every figure."""
    words = chart_words(ed, entry)
    if entry.meta.table:
        per_row = len(words.columns)
        parts = [f"{row}: " + ", ".join(f"{column} {shown}" for column, shown in
                                        zip(words.columns, words.shown[i * per_row:(i + 1) * per_row], strict=True))
                 for i, row in enumerate(words.labels)]
    else:
        parts = [f"{label} {shown}" for label, shown in zip(words.labels, words.shown, strict=True)]
    return ed.t("{finding} Figures: {figures}.", finding=ed.indicator(entry).finding, figures="; ".join(parts))


def unit_label(ed: Edition, meta: Indicator) -> str:
    # "out of 10": the study writes "over 10" and never states the lowest point of that scale.
    t = ed.t
    return {"percent": t("% of cities"), "percent-of-population": t("% of the world's population"),
            "percent-of-plans": t("% of strategic plans"), "score-1-5": t("score on a 1–5 scale"),
            "score-0-10": t("score out of 10"), "count": t("number of cities")}[meta.chart_unit.value]


# Below this width (Material's column is 688 px above it) a phone's narrow drawing replaces the wide one.
NARROW_MEDIA = "(max-width: 44.9375em)"


def figure(ed: Edition, entry: Entry[Indicator], page_uri: str, sizes: dict[str, tuple[int, int]]) -> list[Markup]:
    """The chart in a <figure> (each palette's SVG, wide or narrow by the screen's width) with its caption, then its
    data table and downloads. ``sizes`` holds each layout's size, so the page keeps the chart's room as it loads."""
    meta = entry.meta
    links = Linker(page_uri)
    words = ed.indicator(entry)

    def src(suffix: str) -> str:
        return links.href(urls.chart(entry.slug, suffix))

    (wide_width, wide_height), (narrow_width, narrow_height) = sizes[""], sizes["narrow-"]
    alt = text_alternative(ed, entry)
    # Material shows the image whose address ends in #only-light or #only-dark as the palette asks; the narrow
    # drawings follow, as the <img> keeps that address whichever source the browser picks.
    pictures = Markup("").join(Markup(
        '<picture><source media="{}" srcset="{}" width="{}" height="{}">'
        '<img class="kb-chart-svg" src="{}#only-{}" alt="{}" width="{}" height="{}"></picture>').format(
        NARROW_MEDIA, src(f"-narrow-{name}.svg"), narrow_width, narrow_height, src(f"-{name}.svg"), name, alt,
        wide_width, wide_height) for name in THEMES)
    # The title is the page's heading and the chart's own: the caption says what the figures measure.
    caption = ed.t("{unit}; base: {base}.", unit=unit_label(ed, meta), base=words.base)
    files = [(ed.t("Data (CSV)"), ".csv"), (ed.t("Vega-Lite specification (JSON)"), ".vl.json"),
             (ed.t("Chart (SVG)"), "-light.svg")]
    downloads = Markup(" · ").join(Markup('<a href="{}" download>{}</a>').format(src(suffix), label)
                                   for label, suffix in files)
    return [Markup('<figure class="kb-chart">{}<figcaption>{}</figcaption></figure>').format(pictures, caption),
            Markup('<details class="kb-data"><summary>{}</summary>{}</details>').format(ed.t("Data table"),
                                                                                    data_table(ed, entry)),
            Markup('<p class="kb-downloads">{} {}</p>').format(ed.t("Download:"), downloads)]


def data_table(ed: Edition, entry: Entry[Indicator]) -> Markup | Markdown:
    """The figures as a table: the chart's text equivalent, and the whole story when there is no chart."""
    meta = entry.meta
    words = ed.indicator(entry)
    if meta.table:
        header = Markup("<tr><td></td>{}</tr>").format(
            Markup("").join(Markup('<th scope="col">{}</th>').format(c) for c in words.columns))
        rows = Markup("").join(
            Markup('<tr><th scope="row">{}</th>{}</tr>').format(
                label, Markup("").join(Markup('<td class="kb-number">{}</td>').format(format_value(ed, v, meta))
                                       for v in row.values))
            for label, row in zip(words.rows, meta.table.rows, strict=True))
        return scrolling_table(ed.t("Data table"), header, rows)
    if meta.values:
        rows = Markup("").join(Markup('<tr><th scope="row">{}</th><td class="kb-number">{}</td></tr>').format(
            label, format_value(ed, v.value, meta)) for label, v in zip(words.labels, meta.values, strict=True))
        return scrolling_table(ed.t("Data table"), Markup('<tr><td></td><th scope="col">{}</th></tr>').format(
            ed.t("Value")), rows)
    return Markdown(f'!!! note "{markdown_text(ed.t("No figures printed"))}"\n    ' + markdown_text(ed.t(
        "The study shows this chart, but its text edition prints no figures for it, so none are reproduced here.")))


def format_value(ed: Edition, value, meta: Indicator) -> str:
    """A figure as printed, in this language's number format: 48% in English, 48 % in French."""
    if meta.unit and meta.unit.is_percentage:
        return ed.messages.percent(value)
    return ed.messages.number(value)
