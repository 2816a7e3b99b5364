"""Markdown for every page generated from the knowledge base.

Each function owns one kind of page and returns a ``Page``. Every value from a content file goes
through ``mdtext.text`` (or ``mdtext.link``), so front matter reaches the HTML as literal text.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import mdtext as md
from .citymaps import locator_map_block, world_map_block
from .knowledge import Entry, KnowledgeBase
from .models import Case, City, Indicator, Sdg
from .related import related_cases, related_cities

STUDY = "Smart Cities Study 2019"


@dataclass(frozen=True)
class Page:
    uri: str
    title: str
    description: str
    markdown: str
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


def build_pages(kb: KnowledgeBase, figures: dict[str, str]) -> dict[str, Page]:
    """Every generated page, keyed by its docs-relative URI. ``figures`` maps indicator slugs to chart markup."""
    pages = [
        cases_index(kb), cities_index(kb), areas_index(kb), sdgs_index(kb), indicators_index(kb),
        *(case_page(kb, case) for case in kb.cases.values()),
        *(city_page(kb, city) for city in kb.cities.values()),
        *(axis_page(kb, axis_id) for axis_id in kb.axes if axis_id not in kb.areas),
        *(area_page(kb, area_id) for area_id in kb.areas),
        *(sdg_page(kb, sdg) for sdg in kb.taxonomy.sdgs if kb.cases_by_sdg.get(sdg.number)),
        *(indicator_page(kb, entry, figures.get(entry.slug, "")) for entry in kb.indicators.values()),
    ]
    return {page.uri: page for page in pages}


# --- shared pieces -------------------------------------------------------------------------------------

def sdg_label(sdg: Sdg) -> str:
    return f"SDG {sdg.number} · {sdg.name}"


def sdg_badge(kb: KnowledgeBase, number: int, from_uri: str) -> str:
    """A goal's number and name as text, its official colour only as an accent (never the sole cue)."""
    sdg = kb.sdgs[number]
    attrs = f".kb-sdg .kb-sdg-{number}"
    if kb.cases_by_sdg.get(number):
        return md.link(sdg_label(sdg), from_uri, sdg_uri(number), attrs)
    return f"[{md.text(sdg_label(sdg))}]{{ {attrs} }}"


def city_link(kb: KnowledgeBase, city_id: str, from_uri: str) -> str:
    return md.link(kb.cities[city_id].name, from_uri, city_uri(city_id))


def area_link(kb: KnowledgeBase, area_id: str, from_uri: str) -> str:
    return md.link(kb.area_or_axis_name(area_id), from_uri, area_uri(area_id))


def case_item(kb: KnowledgeBase, case: Entry[Case], from_uri: str, show_cities: bool = True) -> str:
    """One line of a case list: linked title, cities, summary."""
    parts = [f"- {md.link(case.meta.title, from_uri, case_uri(case.slug))}"]
    if show_cities:
        parts.append(" — " + ", ".join(md.text(kb.cities[c].name) for c in case.meta.cities))
    parts.append(f"  \n  {md.text(case.meta.summary)}")
    return "".join(parts)


def case_list(kb: KnowledgeBase, cases: list[Entry[Case]], from_uri: str, show_cities: bool = True) -> str:
    if not cases:
        return "*No case yet.*"
    return "\n".join(case_item(kb, case, from_uri, show_cities) for case in cases)


def source_line(section: str) -> str:
    return f"*{md.text(STUDY)}*, {md.text(section)}"


def facts(rows: list[tuple[str, str]]) -> str:
    """A panel of labelled facts; the labels are ours, the values already escaped."""
    lines = "\n".join(f"- **{label}:** {value}" for label, value in rows if value)
    return f'<div class="kb-facts" markdown>\n\n{lines}\n\n</div>'


def aside(markdown: str) -> str:
    """Lists of other pages: shown to readers, kept out of the search index so they do not dilute it."""
    return f'<div class="kb-aside" data-pagefind-ignore markdown>\n\n{markdown}\n\n</div>'


def page_markdown(title: str, *blocks: str) -> str:
    return "\n\n".join([f"# {md.text(title)}", *(b for b in blocks if b)]) + "\n"


# --- cases ---------------------------------------------------------------------------------------------

def case_page(kb: KnowledgeBase, case: Entry[Case]) -> Page:
    uri = case_uri(case.slug)
    meta = case.meta
    city_rows = ", ".join(f"{city_link(kb, c, uri)} ({md.text(kb.cities[c].country_name)})" for c in meta.cities)
    rows = [
        ("Cities" if len(meta.cities) > 1 else "City", city_rows),
        ("Governance areas" if len(meta.areas) > 1 else "Governance area",
         ", ".join(area_link(kb, a, uri) for a in meta.areas)),
        ("Sustainable Development Goals", " ".join(sdg_badge(kb, n, uri) for n in meta.sdgs)),
        ("SDG targets", ", ".join(md.text(t) for t in meta.sdg_targets)),
        ("Started", md.text(meta.year_started) if meta.year_started else ""),
        ("Status", md.text(meta.status.value) if meta.status else ""),
        ("Source", f"*{md.text(meta.source.study)}*, {md.text(meta.source.section)}"),
        ("Official links", ", ".join(md.external(link.title, link.url) for link in meta.links)),
    ]
    related = related_cases(kb, case)
    related_block = aside("## Related cases\n\n" + case_list(kb, related, uri)) if related else ""
    markdown = page_markdown(meta.title, f"{md.text(meta.summary)}\n{{ .kb-lead }}", facts(rows),
                             case.body.strip(), related_block)
    return Page(uri, meta.title, meta.summary, markdown, edit_path=case.path, untrusted_body=True)


def cases_index(kb: KnowledgeBase) -> Page:
    uri = "cases/index.md"
    sections = []
    for axis in kb.taxonomy.axes:
        for area in axis.areas:
            cases = [c for c in kb.sorted_cases if c.meta.areas[0] == area.id]
            if cases:
                sections.append(f"## {md.text(area.name)}\n\n{case_list(kb, cases, uri)}")
    intro = (f"{md.plural(len(kb.cases), 'case')} from {md.plural(len(kb.cases_by_city), 'city', 'cities')}, "
             "grouped by the governance area each one is filed under. Browse them by "
             f"[city]({md.relative(uri, 'cities/index.md')}), [area]({md.relative(uri, 'areas/index.md')}) "
             f"or [Sustainable Development Goal]({md.relative(uri, 'sdgs/index.md')}), or filter them all in the "
             f"[case explorer]({md.relative(uri, 'explore.md')}).")
    return Page(uri, "Cases", "Every best-practice case in the knowledge base.",
                page_markdown("Cases", intro, *sections))


# --- cities --------------------------------------------------------------------------------------------

def city_page(kb: KnowledgeBase, city: City) -> Page:
    uri = city_uri(city.id)
    cases = kb.cases_by_city.get(city.id, [])
    population = ""
    if city.population:
        population = (f"{city.population.value:,} ({md.text(city.population.year)}; source: "
                      f"{md.text(city.population.source)})")
    rows = [
        ("Country", f"{md.text(city.country_name)} ({md.text(city.country)})"),
        ("UCLG region", md.text(city.region)),
        ("Also written", ", ".join(md.text(n) for n in city.other_names)),
        ("Population", population),
        ("Official website", md.external(city.website, city.website) if city.website else ""),
        ("Coordinates", f"{city.coordinates.lat:.4f}, {city.coordinates.lon:.4f} "
                        f"(source: {md.text(city.coordinates_source)})"),
    ]
    intro = f"{md.text(city.name)} took part in the *{md.text(STUDY)}*."
    if cases:
        intro += f" The study names {md.plural(len(cases), 'best practice')} from the city."
    else:
        intro += " The study names no best practice from the city yet; new cases are welcome."
    blocks = [intro, facts(rows), locator_map_block(kb, city.id, uri), f"## Cases\n\n{case_list(kb, cases, uri, show_cities=False)}"]
    if cases:
        areas = dict.fromkeys(a for c in cases for a in c.meta.areas)
        goals = sorted({n for c in cases for n in c.meta.sdgs})
        blocks.append("## Areas and goals covered\n\n"
                      + "- **Areas:** " + ", ".join(area_link(kb, a, uri) for a in areas) + "\n"
                      + "- **SDGs:** " + " ".join(sdg_badge(kb, n, uri) for n in goals))
    similar = related_cities(kb, city.id)
    if similar:
        blocks.append(aside("## Cities with cases in the same areas\n\n"
                            + ", ".join(city_link(kb, c, uri) for c in similar)))
    same_region = [c for c in kb.cities.values() if c.region == city.region and c.id != city.id]
    if same_region:
        blocks.append(aside(f"## Other cities in {md.text(city.region)}\n\n"
                            + ", ".join(city_link(kb, c.id, uri) for c in same_region)))
    description = f"{city.name}, {city.country_name}: its part in the {STUDY} and its best-practice cases."
    return Page(uri, city.name, description, page_markdown(city.name, *blocks),
                edit_path="data/cities.yaml")


def cities_index(kb: KnowledgeBase) -> Page:
    uri = "cities/index.md"
    blocks = [f"The {md.plural(len(kb.cities), 'city', 'cities')} that took part in the *{md.text(STUDY)}*: "
              "on the map, in the list beside it, and by UCLG world region below.", world_map_block(kb, uri)]
    regions = sorted({c.region for c in kb.cities.values()})
    for region in regions:
        rows = [f"| {city_link(kb, c.id, uri)} | {md.text(c.country_name)} | "
                f"{len(kb.cases_by_city.get(c.id, []))} |"
                for c in sorted(kb.cities.values(), key=lambda c: c.name) if c.region == region]
        blocks.append(f"## {md.text(region)}\n\n| City | Country | Cases |\n| --- | --- | --: |\n" + "\n".join(rows))
    return Page(uri, "Cities", "The cities that took part in the study and their cases.",
                page_markdown("Cities", *blocks))


# --- areas ---------------------------------------------------------------------------------------------

def areas_index(kb: KnowledgeBase) -> Page:
    uri = "areas/index.md"
    blocks = ["The study organises Smart Governance in two axes, Open Government and Advanced Strategic "
              "Management, with principles and values that run through both."]
    for axis in kb.taxonomy.axes:
        items = "\n".join(
            f"- {area_link(kb, a.id, uri)} — {md.plural(len(kb.cases_by_area.get(a.id, [])), 'case')}, "
            f"{md.plural(len(kb.indicators_by_area.get(a.id, [])), 'indicator')}" for a in axis.areas)
        heading = area_link(kb, axis.id, uri) if axis.id not in kb.areas else md.text(axis.name)
        blocks.append(f"## {heading}\n\n{md.text(axis.description)}\n\n{items}")
    blocks.append(area_sdg_matrix(kb, uri))
    return Page(uri, "Governance areas", "The governance axes and areas of the study, with their cases.",
                page_markdown("Governance areas", *blocks))


def area_sdg_matrix(kb: KnowledgeBase, uri: str) -> str:
    """Areas × SDGs: each cell counts the cases tagged with both and links to the goal's page."""
    goals = [n for n in sorted(kb.sdgs) if kb.cases_by_sdg.get(n)]
    header = "| Area | " + " | ".join(f"SDG {n}" for n in goals) + " |"
    rule = "| --- |" + " --: |" * len(goals)
    rows = []
    for area_id, area in kb.areas.items():
        cells = []
        for n in goals:
            count = sum(1 for c in kb.cases_by_area.get(area_id, []) if n in c.meta.sdgs)
            cells.append(f"[{count}]({md.relative(uri, sdg_uri(n))}#{area_id})" if count else "0")
        rows.append(f"| {area_link(kb, area_id, uri)} | " + " | ".join(cells) + " |")
    return ("## Areas and Sustainable Development Goals\n\nThe number of cases tagged with each area and goal; "
            "a number leads to the goal's cases in that area.\n\n" + "\n".join([header, rule, *rows]))


def axis_page(kb: KnowledgeBase, axis_id: str) -> Page:
    uri = area_uri(axis_id)
    axis = kb.axes[axis_id]
    blocks = [md.text(axis.description)]
    for area in axis.areas:
        cases = kb.cases_by_area.get(area.id, [])
        blocks.append(f"## {area_link(kb, area.id, uri)}\n\n{md.text(area.description)}\n\n"
                      f"{md.plural(len(cases), 'case')}.")
    blocks.append(indicator_block(kb, axis_id, uri))
    return Page(uri, axis.name, axis.description, page_markdown(axis.name, *blocks))


def area_page(kb: KnowledgeBase, area_id: str) -> Page:
    uri = area_uri(area_id)
    area = kb.areas[area_id]
    axis = kb.axis_of_area[area_id]
    cases = kb.cases_by_area.get(area_id, [])
    part_of = "" if axis.id == area_id else f"Part of {area_link(kb, axis.id, uri)}. "
    blocks = [f"{md.text(area.description)}\n\n{part_of}{md.plural(len(cases), 'case')} from "
              f"{md.plural(len({c for case in cases for c in case.meta.cities}), 'city', 'cities')}."]
    by_region: dict[str, list[Entry[Case]]] = {}
    for case in cases:
        region = kb.cities[case.meta.cities[0]].region
        by_region.setdefault(region, []).append(case)
    for region in sorted(by_region):
        blocks.append(f"## Cases in {md.text(region)}\n\n{case_list(kb, by_region[region], uri)}")
    if not cases:
        blocks.append("## Cases\n\n*No case yet.*")
    blocks.append(indicator_block(kb, area_id, uri))
    return Page(uri, area.name, area.description, page_markdown(area.name, *blocks))


def indicator_block(kb: KnowledgeBase, area_id: str, uri: str) -> str:
    indicators = kb.indicators_by_area.get(area_id, [])
    if not indicators:
        return ""
    items = "\n".join(f"- {md.link(i.meta.title, uri, indicator_uri(i.slug))}  \n  {md.text(i.meta.finding)}"
                      for i in indicators)
    return f"## Survey indicators\n\n{items}"


# --- SDGs ----------------------------------------------------------------------------------------------

def sdgs_index(kb: KnowledgeBase) -> Page:
    uri = "sdgs/index.md"
    rows = []
    for sdg in kb.taxonomy.sdgs:
        count = len(kb.cases_by_sdg.get(sdg.number, []))
        shown = md.plural(count, "case") if count else "no case yet"
        rows.append(f"- {sdg_badge(kb, sdg.number, uri)} — {shown}")
    intro = ("The 17 United Nations Sustainable Development Goals and the cases that serve each. Most Smart "
             "Governance cases serve goal 16 (strong institutions) and goal 11 (sustainable cities).")
    return Page(uri, "Sustainable Development Goals", "The 17 SDGs and the cases that serve each.",
                page_markdown("Sustainable Development Goals", intro,
                              '<div class="kb-sdg-list" markdown>\n\n' + "\n".join(rows) + "\n\n</div>"))


def sdg_page(kb: KnowledgeBase, sdg: Sdg) -> Page:
    uri = sdg_uri(sdg.number)
    cases = kb.cases_by_sdg.get(sdg.number, [])
    blocks = [f"{sdg_badge(kb, sdg.number, uri)}\n\n{md.plural(len(cases), 'case')} serve this goal."]
    for area_id, area in kb.areas.items():
        in_area = [c for c in cases if area_id in c.meta.areas]
        if in_area:
            blocks.append(f"## {md.text(area.name)} {{ #{area_id} }}\n\n{case_list(kb, in_area, uri)}")
    return Page(uri, sdg_label(sdg), f"Cases that serve {sdg_label(sdg)}.", page_markdown(sdg_label(sdg), *blocks))


# --- indicators ----------------------------------------------------------------------------------------

def indicators_index(kb: KnowledgeBase) -> Page:
    uri = "indicators/index.md"
    blocks = [f"The {md.plural(len(kb.indicators), 'survey figure')} printed in the *{md.text(STUDY)}*, "
              "grouped by governance area. Every value is copied exactly as printed."]
    for axis in kb.taxonomy.axes:
        for ident in [axis.id, *(a.id for a in axis.areas if a.id != axis.id)]:
            listed = indicator_block(kb, ident, uri)
            if listed:
                blocks.append(listed.replace("## Survey indicators", f"## {md.text(kb.area_or_axis_name(ident))}"))
    return Page(uri, "Survey indicators", "Every survey figure of the study, by governance area.",
                page_markdown("Survey indicators", *blocks))


def indicator_page(kb: KnowledgeBase, entry: Entry[Indicator], figure: str) -> Page:
    uri = indicator_uri(entry.slug)
    meta = entry.meta
    rows = [
        ("Area", area_link(kb, meta.area, uri)),
        ("Unit", md.text(meta.unit.label) if meta.unit else "not stated in the study"),
        ("Base", md.text(meta.base)),
        ("Source", source_line(meta.source.section)),
        ("Note", md.text(meta.notes) if meta.notes else ""),
    ]
    translation = f"*{md.text(meta.title_translation)}*" if meta.title_translation else ""
    blocks = [translation, f"{md.text(meta.finding)}\n{{ .kb-lead }}", figure or data_table(meta), facts(rows),
              entry.body.strip()]
    related = kb.cases_by_area.get(meta.area) or (kb.cases_in_axis(meta.area) if meta.area in kb.axes else [])
    if related:
        blocks.append(f"## Cases in this area\n\n{case_list(kb, related, uri)}")
    return Page(uri, meta.title, meta.finding, page_markdown(meta.title, *blocks), edit_path=entry.path,
                untrusted_body=True)


def data_table(meta: Indicator) -> str:
    """The figures as a Markdown table: the chart's text equivalent, and the whole story when there is no chart."""
    if meta.table:
        header = "| | " + " | ".join(md.text(c) for c in meta.table.columns) + " |"
        rule = "| --- |" + " --: |" * len(meta.table.columns)
        rows = [f"| {md.text(r.label)} | " + " | ".join(format_value(v, meta) for v in r.values) + " |"
                for r in meta.table.rows]
        return "\n".join([header, rule, *rows])
    if meta.values:
        rows = [f"| {md.text(v.label)} | {format_value(v.value, meta)} |" for v in meta.values]
        return "\n".join(["| | Value |", "| --- | --: |", *rows])
    return ("!!! note \"No figures printed\"\n    The study shows this chart, but its text edition prints no "
            "figures for it, so none are reproduced here.")


def format_value(value, meta: Indicator) -> str:
    return md.text(f"{value}%" if meta.unit and meta.unit.value == "percent" else f"{value}")
