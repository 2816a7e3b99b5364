"""Every page generated from the knowledge base, as Markdown headings around HTML blocks.

Each function owns one kind of page and returns its ``Page`` (or pages, for long lists). Every value
from a content file is escaped by ``htmlparts`` (or ``mdtext.text`` in headings), so front matter reaches
the HTML as literal text. Long lists are split into pages of ``PER_PAGE`` items so that no page grows
with the size of the knowledge base.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from . import mdtext as md
from .citymaps import locator_map_block, world_map_block
from .diskcache import TextCache
from .figures import ALL_FIGURES_CSV
from .htmlparts import Html, Linker, esc, external, facts, paragraph, ul
from .knowledge import Entry, KnowledgeBase
from .models import Case, City, Indicator, Sdg
from .related import related_cases, related_cities
from .slugs import slugify

T = TypeVar("T")
STUDY = "Smart Cities Study 2019"
PER_PAGE = 100  # items per page of a long list
INDEX_PREVIEW = 12  # cases shown per area on the cases index before "all N cases"


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


def case_uri(slug: str) -> str:
    return f"cases/{slug}.md"


def city_uri(city_id: str) -> str:
    return f"cities/{city_id}.md"


def area_uri(area_id: str) -> str:
    return f"areas/{area_id}.md"


def sdg_uri(number: int) -> str:
    return f"sdgs/{number}.md"


def indicator_uri(slug: str) -> str:
    return f"indicators/{slug}.md"


def build_pages(kb: KnowledgeBase, figures: dict[str, str], land_cache: TextCache | None = None) -> dict[str, Page]:
    """Every generated page, keyed by its docs-relative URI. ``figures`` maps indicator slugs to chart markup;
    ``land_cache`` keeps the city maps' coastlines between builds."""
    pages = [
        cases_index(kb), cities_index(kb), areas_index(kb), sdgs_index(kb), indicators_index(kb),
        *(case_page(kb, case) for case in kb.cases.values()),
        *(page for city in kb.cities.values() for page in city_pages(kb, city, land_cache)),
        *(page for region in sorted({c.region for c in kb.cities.values()}) for page in region_pages(kb, region)),
        *(axis_page(kb, axis_id) for axis_id in kb.axes if axis_id not in kb.areas),
        *(page for area_id in kb.areas for page in area_pages(kb, area_id)),
        *(page for sdg in kb.taxonomy.sdgs if kb.cases_by_sdg.get(sdg.number) for page in sdg_pages(kb, sdg)),
        *(indicator_page(kb, entry, figures.get(entry.slug, "")) for entry in kb.indicators.values()),
    ]
    return {page.uri: page for page in pages}


# --- shared pieces -------------------------------------------------------------------------------------

def sdg_label(sdg: Sdg) -> str:
    return f"SDG {sdg.number} · {sdg.name}"


def sdg_badge(kb: KnowledgeBase, number: int, links: Linker) -> str:
    """A goal's number and name as text, its official colour only as an accent (never the sole cue)."""
    sdg = kb.sdgs[number]
    cls = f"kb-sdg kb-sdg-{number}"
    if kb.cases_by_sdg.get(number):
        return links.a(sdg_label(sdg), sdg_uri(number), cls)
    return f'<span class="{cls}">{esc(sdg_label(sdg))}</span>'


def city_link(kb: KnowledgeBase, city_id: str, links: Linker) -> str:
    return links.a(kb.cities[city_id].name, city_uri(city_id))


def area_link(kb: KnowledgeBase, area_id: str, links: Linker) -> str:
    return links.a(kb.area_or_axis_name(area_id), area_uri(area_id))


def case_item(kb: KnowledgeBase, case: Entry[Case], links: Linker, show_cities: bool = True) -> str:
    """One entry of a case list: linked title, cities, summary."""
    cities = (" — " + ", ".join(esc(kb.cities[c].name) for c in case.meta.cities)) if show_cities else ""
    return (f"{links.a(case.meta.title, case_uri(case.slug))}{cities}"
            f'<span class="kb-item-summary">{esc(case.meta.summary)}</span>')


def case_list(kb: KnowledgeBase, cases: Iterable[Entry[Case]], links: Linker, show_cities: bool = True) -> Html:
    items = [case_item(kb, case, links, show_cities) for case in cases]
    return ul(items, "kb-case-list") if items else paragraph("<em>No case yet.</em>")


Block = str | Html | list  # Markdown, finished HTML, or a list of blocks


def section(heading: str, *blocks: Block, anchor: str = "") -> list:
    """A level-2 heading (in the table of contents) and what follows it."""
    suffix = f" {{ #{anchor} }}" if anchor else ""
    return [f"## {md.text(heading)}{suffix}", *blocks]


def aside(heading: str, html: Html) -> list:
    """Lists of other pages: shown to readers, kept out of the search index so they do not dilute it."""
    return section(heading, Html(f'<div class="kb-aside" data-pagefind-ignore>{html}</div>'))


def placeholder(index: int) -> str:
    return f"KBHTMLBLOCK{index}X"


# A placeholder as Python-Markdown renders it: a paragraph of its own.
RENDERED_PLACEHOLDER = re.compile(r"<p>KBHTMLBLOCK(\d+)X</p>")


def compose(title: str, *blocks: Block) -> tuple[str, tuple[str, ...]]:
    """The page's Markdown, with each Html block replaced by a placeholder paragraph, and those blocks."""
    parts, html = [f"# {md.text(title)}"], []

    def add(block: Block) -> None:
        if isinstance(block, list):
            for item in block:
                add(item)
        elif isinstance(block, Html):
            parts.append(placeholder(len(html)))
            html.append(str(block))
        elif block:
            parts.append(block)

    for block in blocks:
        add(block)
    return "\n\n".join(parts) + "\n", tuple(html)


def make_page(uri: str, title: str, description: str, blocks: list, **options) -> Page:
    markdown, html = compose(title, *blocks)
    return Page(uri, title, description, markdown, html, **options)


def numbered_uri(uri: str, number: int) -> str:
    """Page 1 keeps the URI; later pages live beside it: areas/open-data.md -> areas/open-data/page-2.md."""
    return uri if number == 1 else f"{uri.removesuffix('.md')}/page-{number}.md"


def paginated(uri: str, title: str, description: str, intro: list[str], groups: list[tuple[str, list[T]]],
              render: Callable[[T, Linker], str], after: Iterable[Block] = (), list_class: str = "kb-case-list",
              anchors: dict[str, str] | None = None, per_page: int = PER_PAGE, **page_options) -> list[Page]:
    """A grouped list split into pages of PER_PAGE items, each page with its group headings and a pager.

    ``intro`` opens the first page and ``after`` closes it; later pages hold only the list. ``render``
    writes one item with the links of the page it lands on; ``anchors`` gives group headings an id.
    """
    anchors = anchors or {}
    flat = [(heading, item) for heading, items in groups for item in items]
    chunks = [flat[i:i + per_page] for i in range(0, len(flat), per_page)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        page_uri = numbered_uri(uri, number)
        links = Linker(page_uri)
        blocks: list = list(intro) if number == 1 else [paragraph(f"Page {number} of {len(chunks)}.")]
        grouped: dict[str, list[str]] = {}
        for heading, item in chunk:
            grouped.setdefault(heading, []).append(render(item, links))
        blocks += [section(heading, ul(items, list_class), anchor=anchors.get(heading, "")) if heading
                   else ul(items, list_class) for heading, items in grouped.items()]
        if len(chunks) > 1:
            blocks.append(pager(links, uri, number, len(chunks)))
        if number == 1:
            blocks += list(after)
        page_title = title if number == 1 else f"{title} (page {number})"
        pages.append(make_page(page_uri, page_title, description, blocks, **page_options))
    return pages


def pager(links: Linker, uri: str, current: int, total: int) -> Html:
    items = [f'<span aria-current="page">{n}</span>' if n == current
             else f'<a href="{esc(links.href(numbered_uri(uri, n)))}">{n}</a>' for n in range(1, total + 1)]
    return Html(f'<nav class="kb-pager" aria-label="Pages of this list">{" ".join(items)}</nav>')


# --- cases ---------------------------------------------------------------------------------------------

def case_page(kb: KnowledgeBase, case: Entry[Case]) -> Page:
    uri = case_uri(case.slug)
    links = Linker(uri)
    meta = case.meta
    city_rows = ", ".join(f"{city_link(kb, c, links)} ({esc(kb.cities[c].country_name)})" for c in meta.cities)
    rows = [
        ("Cities" if len(meta.cities) > 1 else "City", city_rows),
        ("Governance areas" if len(meta.areas) > 1 else "Governance area",
         ", ".join(area_link(kb, a, links) for a in meta.areas)),
        ("Sustainable Development Goals", " ".join(sdg_badge(kb, n, links) for n in meta.sdgs)),
        ("SDG targets", ", ".join(esc(t) for t in meta.sdg_targets)),
        ("Started", esc(meta.year_started) if meta.year_started else ""),
        ("Status", esc(meta.status.value) if meta.status else ""),
        ("Source", f"<em>{esc(meta.source.study)}</em>, {esc(meta.source.section)}"),
        ("Official links", ", ".join(external(link.title, link.url) for link in meta.links)),
    ]
    related = related_cases(kb, case)
    related_block = aside("Related cases", case_list(kb, related, links)) if related else ""
    # The body stays Markdown: it is rendered, then sanitised with the rest of the page.
    return make_page(uri, meta.title, meta.summary, [paragraph(esc(meta.summary), "kb-lead"), facts(rows),
                                                     case.body.strip(), related_block],
                     edit_path=case.path, untrusted_body=True)


def cases_index(kb: KnowledgeBase) -> Page:
    uri = "cases/index.md"
    links = Linker(uri)
    sections = []
    for area_id, area in kb.areas.items():
        cases = [c for c in kb.cases_by_area.get(area_id, []) if c.meta.areas[0] == area_id]
        if not cases:
            continue
        more = ""
        if len(cases) > INDEX_PREVIEW:
            more = paragraph(links.a(f"All {len(kb.cases_by_area[area_id])} cases in {area.name}", area_uri(area_id)))
        sections.append(section(area.name, case_list(kb, cases[:INDEX_PREVIEW], links), more))
    intro = paragraph(
        f"{md.plural(len(kb.cases), 'case')} from {md.plural(len(kb.cases_by_city), 'city', 'cities')}, grouped "
        f"by the governance area each one is filed under. Browse them by {links.a('city', 'cities/index.md')}, "
        f"{links.a('area', 'areas/index.md')} or {links.a('Sustainable Development Goal', 'sdgs/index.md')}, "
        f"or filter them all in the {links.a('case explorer', 'explore.md')}.")
    return make_page(uri, "Cases", "Every best-practice case in the knowledge base.", [intro, *sections])


# --- cities --------------------------------------------------------------------------------------------

def city_pages(kb: KnowledgeBase, city: City, land_cache: TextCache | None = None) -> list[Page]:
    uri = city_uri(city.id)
    links = Linker(uri)
    cases = kb.cases_by_city.get(city.id, [])
    population = ""
    if city.population:
        population = (f"{city.population.value:,} ({esc(city.population.year)}; source: "
                      f"{esc(city.population.source)})")
    rows = [
        ("Country", f"{esc(city.country_name)} ({esc(city.country)})"),
        ("UCLG region", esc(city.region)),
        ("Also written", ", ".join(esc(n) for n in city.other_names)),
        ("Population", population),
        ("Official website", external(city.website, city.website) if city.website else ""),
        ("Coordinates", f"{city.coordinates.lat:.4f}, {city.coordinates.lon:.4f} "
                        f"(source: {esc(city.coordinates_source)})"),
    ]
    intro = f"{esc(city.name)} took part in the <em>{esc(STUDY)}</em>."
    if cases:
        intro += f" The study names {md.plural(len(cases), 'best practice')} from the city."
    else:
        intro += " The study names no best practice from the city yet; new cases are welcome."
    opening: list = [paragraph(intro), facts(rows), Html(locator_map_block(kb, city.id, uri, land_cache))]
    if not cases:
        opening.append(section("Cases", paragraph("<em>No case yet.</em>")))
    closing: list = []
    if cases:
        areas = dict.fromkeys(a for c in cases for a in c.meta.areas)
        goals = sorted({n for c in cases for n in c.meta.sdgs})
        closing.append(section("Areas and goals covered", ul([
            "<strong>Areas:</strong> " + ", ".join(area_link(kb, a, links) for a in areas),
            "<strong>SDGs:</strong> " + " ".join(sdg_badge(kb, n, links) for n in goals)])))
    similar = related_cities(kb, city.id)
    if similar:
        closing.append(aside("Cities with cases in the same areas",
                             paragraph(", ".join(city_link(kb, c, links) for c in similar))))
    same_region = [c for c in kb.cities.values() if c.region == city.region and c.id != city.id]
    if same_region:
        closing.append(aside(f"Other cities in {city.region}",
                             paragraph(", ".join(city_link(kb, c.id, links) for c in same_region))))
    description = f"{city.name}, {city.country_name}: its part in the {STUDY} and its best-practice cases."
    return paginated(uri, city.name, description, opening, [("Cases", cases)] if cases else [],
                     lambda case, page_links: case_item(kb, case, page_links, show_cities=False), closing,
                     edit_path="data/cities.yaml")


def region_uri(region: str) -> str:
    return f"cities/regions/{slugify(region)}.md"


def cities_index(kb: KnowledgeBase) -> Page:
    uri = "cities/index.md"
    links = Linker(uri)
    regions = sorted({c.region for c in kb.cities.values()})
    items = []
    for region in regions:
        cities = [c for c in kb.cities.values() if c.region == region]
        cases = sum(len(kb.cases_by_city.get(c.id, [])) for c in cities)
        items.append(f"{links.a(region, region_uri(region))} — {md.plural(len(cities), 'city', 'cities')}, "
                     f"{md.plural(cases, 'case')}")
    blocks = [paragraph(f"The {md.plural(len(kb.cities), 'city', 'cities')} that took part in the "
                        f"<em>{esc(STUDY)}</em>: on the map, in the list beside it, and by UCLG world region."),
              Html(world_map_block(kb, uri)), section("By UCLG world region", ul(items))]
    return make_page(uri, "Cities", "The cities that took part in the study and their cases.", blocks)


def region_pages(kb: KnowledgeBase, region: str) -> list[Page]:
    """One UCLG region's cities with their countries and number of cases, in pages of PER_PAGE."""
    cities = sorted((c for c in kb.cities.values() if c.region == region), key=lambda c: c.name)

    def render(city: City, links: Linker) -> str:
        count = len(kb.cases_by_city.get(city.id, []))
        return f"{city_link(kb, city.id, links)} — {esc(city.country_name)}, {md.plural(count, 'case')}"

    intro = [paragraph(f"{md.plural(len(cities), 'participating city', 'participating cities')} in the UCLG "
                       f"region {esc(region)}. {Linker(region_uri(region)).a('All cities and the map', 'cities/index.md')}.")]
    return paginated(region_uri(region), f"Cities in {region}", f"The participating cities in {region}.", intro,
                     [("", cities)], render, list_class="kb-city-list")


# --- areas ---------------------------------------------------------------------------------------------

def areas_index(kb: KnowledgeBase) -> Page:
    uri = "areas/index.md"
    links = Linker(uri)
    blocks = [paragraph("The study organises Smart Governance in two axes, Open Government and Advanced Strategic "
                        "Management, with principles and values that run through both.")]
    for axis in kb.taxonomy.axes:
        items = [f"{area_link(kb, a.id, links)} — {md.plural(len(kb.cases_by_area.get(a.id, [])), 'case')}, "
                 f"{md.plural(len(kb.indicators_by_area.get(a.id, [])), 'indicator')}" for a in axis.areas]
        more = "" if axis.id in kb.areas else paragraph(links.a(f"About {axis.name}", area_uri(axis.id)))
        blocks.append(section(axis.name, paragraph(esc(axis.description)), ul(items), more))
    blocks.append(area_sdg_matrix(kb, links))
    return make_page(uri, "Governance areas", "The governance axes and areas of the study, with their cases.",
                     blocks)


def area_sdg_matrix(kb: KnowledgeBase, links: Linker) -> list:
    """Areas × SDGs: each cell counts the cases tagged with both and links to the goal's cases in that area."""
    goals = [n for n in sorted(kb.sdgs) if kb.cases_by_sdg.get(n)]
    header = "<tr><th scope=\"col\">Area</th>" + "".join(f'<th scope="col">SDG {n}</th>' for n in goals) + "</tr>"
    rows = []
    for area_id in kb.areas:
        cells = []
        for n in goals:
            count = sum(1 for c in kb.cases_by_area.get(area_id, []) if n in c.meta.sdgs)
            cells.append(f'<td><a href="{esc(links.href(sdg_uri(n)))}#{esc(area_id)}">{count}</a></td>' if count
                         else "<td>0</td>")
        rows.append(f'<tr><th scope="row">{area_link(kb, area_id, links)}</th>{"".join(cells)}</tr>')
    return section("Areas and Sustainable Development Goals",
                   paragraph("The number of cases tagged with each area and goal; a number leads to the goal's "
                             "cases in that area."),
                   Html(f'<div class="kb-matrix"><table><thead>{header}</thead><tbody>{"".join(rows)}</tbody>'
                        "</table></div>"))


def axis_page(kb: KnowledgeBase, axis_id: str) -> Page:
    uri = area_uri(axis_id)
    links = Linker(uri)
    axis = kb.axes[axis_id]
    blocks: list = [paragraph(esc(axis.description))]
    for area in axis.areas:
        cases = kb.cases_by_area.get(area.id, [])
        blocks.append(section(area.name, paragraph(esc(area.description)),
                              paragraph(f"{links.a(md.plural(len(cases), 'case'), area_uri(area.id))}.")))
    blocks.append(indicator_block(kb, axis_id, links))
    return make_page(uri, axis.name, axis.description, blocks)


def area_pages(kb: KnowledgeBase, area_id: str) -> list[Page]:
    uri = area_uri(area_id)
    links = Linker(uri)
    area = kb.areas[area_id]
    axis = kb.axis_of_area[area_id]
    cases = kb.cases_by_area.get(area_id, [])
    part_of = "" if axis.id == area_id else f"Part of {area_link(kb, axis.id, links)}. "
    city_count = len({c for case in cases for c in case.meta.cities})
    intro: list = [paragraph(esc(area.description)),
             paragraph(f"{part_of}{md.plural(len(cases), 'case')} from {md.plural(city_count, 'city', 'cities')}.")]
    indicators = indicator_block(kb, area_id, links)
    if indicators:
        intro.append(indicators)
    by_region: dict[str, list[Entry[Case]]] = {}
    for case in cases:
        by_region.setdefault(kb.cities[case.meta.cities[0]].region, []).append(case)
    groups = [(f"Cases in {region}", by_region[region]) for region in sorted(by_region)]
    if not cases:
        intro.append(section("Cases", paragraph("<em>No case yet.</em>")))
    return paginated(uri, area.name, area.description, intro, groups,
                     lambda case, page_links: case_item(kb, case, page_links))


def indicator_block(kb: KnowledgeBase, area_id: str, links: Linker, heading: str = "Survey indicators") -> list:
    indicators = kb.indicators_by_area.get(area_id, [])
    if not indicators:
        return []
    items = [f"{links.a(i.meta.title, indicator_uri(i.slug))}"
             f'<span class="kb-item-summary">{esc(i.meta.finding)}</span>' for i in indicators]
    return section(heading, ul(items, "kb-case-list"))


# --- SDGs ----------------------------------------------------------------------------------------------

def sdgs_index(kb: KnowledgeBase) -> Page:
    uri = "sdgs/index.md"
    links = Linker(uri)
    items = []
    for sdg in kb.taxonomy.sdgs:
        count = len(kb.cases_by_sdg.get(sdg.number, []))
        items.append(f"{sdg_badge(kb, sdg.number, links)} — {md.plural(count, 'case') if count else 'no case yet'}")
    intro = paragraph("The 17 United Nations Sustainable Development Goals and the cases that serve each. Most "
                      "Smart Governance cases serve goal 16 (strong institutions) and goal 11 (sustainable cities).")
    return make_page(uri, "Sustainable Development Goals", "The 17 SDGs and the cases that serve each.",
                     [intro, ul(items, "kb-sdg-list")])


def sdg_pages(kb: KnowledgeBase, sdg: Sdg) -> list[Page]:
    uri = sdg_uri(sdg.number)
    cases = kb.cases_by_sdg.get(sdg.number, [])
    intro = [paragraph(f"{sdg_badge(kb, sdg.number, Linker(uri))}"), paragraph(f"{md.plural(len(cases), 'case')} "
                                                                              "serve this goal.")]
    groups = []
    for area_id, area in kb.areas.items():
        in_area = [c for c in cases if area_id in c.meta.areas]
        if in_area:
            groups.append((area.name, in_area))
    # The matrix links to #<area-id>: each area heading carries that anchor.
    return paginated(uri, sdg_label(sdg), f"Cases that serve {sdg_label(sdg)}.", intro, groups,
                     lambda case, page_links: case_item(kb, case, page_links),
                     anchors={area.name: area_id for area_id, area in kb.areas.items()})


# --- indicators ----------------------------------------------------------------------------------------

def indicators_index(kb: KnowledgeBase) -> Page:
    uri = "indicators/index.md"
    links = Linker(uri)
    blocks: list = [paragraph(f"The {md.plural(len(kb.indicators), 'survey figure')} printed in the "
                              f"<em>{esc(STUDY)}</em>, grouped by governance area. Every value is copied exactly "
                              f"as printed; all of them are also in {links.a('one CSV file', ALL_FIGURES_CSV)}.")]
    for axis in kb.taxonomy.axes:
        for ident in [axis.id, *(a.id for a in axis.areas if a.id != axis.id)]:
            blocks.append(indicator_block(kb, ident, links, heading=kb.area_or_axis_name(ident)))
    return make_page(uri, "Survey indicators", "Every survey figure of the study, by governance area.", blocks)


def indicator_page(kb: KnowledgeBase, entry: Entry[Indicator], figure: str) -> Page:
    uri = indicator_uri(entry.slug)
    links = Linker(uri)
    meta = entry.meta
    rows = [
        ("Area", area_link(kb, meta.area, links)),
        ("Unit", esc(meta.unit.label) if meta.unit else "not stated in the study"),
        ("Base", esc(meta.base)),
        ("Source", f"<em>{esc(STUDY)}</em>, {esc(meta.source.section)}"),
        ("Note", esc(meta.notes) if meta.notes else ""),
    ]
    translation = paragraph(f"<em>{esc(meta.title_translation)}</em>") if meta.title_translation else ""
    blocks: list = [translation, paragraph(esc(meta.finding), "kb-lead"), figure or data_table(meta), facts(rows),
                    entry.body.strip()]
    related = kb.cases_by_area.get(meta.area) or (kb.cases_in_axis(meta.area) if meta.area in kb.axes else [])
    if related:
        blocks.append(aside("Cases in this area", case_list(kb, related[:PER_PAGE], links)))
    return make_page(uri, meta.title, meta.finding, blocks, edit_path=entry.path, untrusted_body=True)


def data_table(meta: Indicator) -> Html | str:
    """The figures as a table: the chart's text equivalent, and the whole story when there is no chart."""
    if meta.table:
        header = "<tr><td></td>" + "".join(f'<th scope="col">{esc(c)}</th>' for c in meta.table.columns) + "</tr>"
        rows = "".join(f'<tr><th scope="row">{esc(r.label)}</th>'
                       + "".join(f'<td class="kb-number">{format_value(v, meta)}</td>' for v in r.values) + "</tr>"
                       for r in meta.table.rows)
        return Html(f"<table><thead>{header}</thead><tbody>{rows}</tbody></table>")
    if meta.values:
        rows = "".join(f'<tr><th scope="row">{esc(v.label)}</th><td class="kb-number">{format_value(v.value, meta)}'
                       "</td></tr>" for v in meta.values)
        return Html(f'<table><thead><tr><td></td><th scope="col">Value</th></tr></thead><tbody>{rows}</tbody></table>')
    return ("!!! note \"No figures printed\"\n    The study shows this chart, but its text edition prints no "
            "figures for it, so none are reproduced here.")


def format_value(value, meta: Indicator) -> str:
    return esc(f"{value}%" if meta.unit and meta.unit.value == "percent" else f"{value}")
