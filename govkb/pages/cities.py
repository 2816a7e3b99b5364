"""City profiles, the cities index with its map, and one page per UCLG region."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..cache import TextCache
from ..content.knowledge import KnowledgeBase
from ..content.models import City
from ..maps.citymaps import locator_map_block, world_map_block
from .html import Linker, emphasis, external, facts, join, paragraph, ul
from .page import Page, aside, make_page, paginated, section
from .parts import STUDY, area_link, case_item, city_link, method_note, plural, sdg_badge
from .related import related_cities


def city_pages(kb: KnowledgeBase, city: City, land_cache: TextCache | None = None) -> list[Page]:
    uri = urls.city(city.id)
    links = Linker(uri)
    cases = kb.cases_by_city.get(city.id, [])
    population = ""
    if city.population:
        population = (f"{city.population.value:,} ({city.population.year}; source: "
                      f"{city.population.source})")
    rows = [
        ("Country", f"{city.country_name} ({city.country})"),
        ("UCLG region", city.region),
        ("Also written", ", ".join(city.other_names)),
        ("Population", population),
        ("Official website", external(city.website, city.website) if city.website else ""),
        ("Coordinates", f"{city.coordinates.lat:.4f}, {city.coordinates.lon:.4f} "
                        f"(source: {city.coordinates_source})"),
    ]
    intro = Markup("{} took part in the {}.").format(city.name, emphasis(STUDY))
    if cases:
        intro += f" The study names {plural(len(cases), 'best practice')} from the city."
    else:
        intro += " The study names no best practice from the city yet; new cases are welcome."
    opening: list = [paragraph(intro), facts(rows), locator_map_block(kb, city.id, uri, land_cache)]
    if not cases:
        opening.append(section("Cases", paragraph(Markup("<em>No case yet.</em>"))))
    closing: list = []
    if cases:
        areas = dict.fromkeys(a for c in cases for a in c.meta.areas)
        goals = sorted({n for c in cases for n in c.meta.sdgs})
        closing.append(section("Areas and goals covered", ul([
            Markup("<strong>Areas:</strong> {}").format(join(area_link(kb, a, links) for a in areas)),
            Markup("<strong>SDGs:</strong> {}").format(join((sdg_badge(kb, n, links) for n in goals), " "))]),
            method_note(links)))
    similar = related_cities(kb, city.id)
    if similar:
        closing.append(aside("Cities with cases in the same areas",
                             paragraph(join(city_link(kb, c, links) for c in similar))))
    same_region = [c for c in kb.cities.values() if c.region == city.region and c.id != city.id]
    if same_region:
        closing.append(aside(f"Other cities in {city.region}",
                             paragraph(join(city_link(kb, c.id, links) for c in same_region))))
    description = f"{city.name}, {city.country_name}: its part in the {STUDY} and its best-practice cases."
    return paginated(uri, city.name, description, opening, [("Cases", cases)] if cases else [],
                     lambda case, page_links: case_item(kb, case, page_links, show_cities=False), closing,
                     edit_path="data/cities.yaml")


def cities_index(kb: KnowledgeBase) -> Page:
    uri = urls.CITIES
    links = Linker(uri)
    regions = sorted({c.region for c in kb.cities.values()})
    items = []
    for region in regions:
        cities = [c for c in kb.cities.values() if c.region == region]
        cases = sum(len(kb.cases_by_city.get(c.id, [])) for c in cities)
        items.append(Markup("{} — {}, {}").format(links.a(region, urls.region(region)),
                                                  plural(len(cities), "city", "cities"), plural(cases, "case")))
    blocks = [paragraph(Markup("The {} that took part in the {}: on the map, in the list beside it, and by UCLG "
                               "world region.").format(plural(len(kb.cities), "city", "cities"), emphasis(STUDY))),
              world_map_block(kb, uri), section("By UCLG world region", ul(items))]
    return make_page(uri, "Cities", "The cities that took part in the study and their cases.", blocks)


def region_pages(kb: KnowledgeBase, region: str) -> list[Page]:
    """One UCLG region's cities with their countries and number of cases, in pages of PER_PAGE."""
    cities = sorted((c for c in kb.cities.values() if c.region == region), key=lambda c: c.name)

    def render(city: City, links: Linker) -> Markup:
        count = len(kb.cases_by_city.get(city.id, []))
        return Markup("{} — {}, {}").format(city_link(kb, city.id, links), city.country_name, plural(count, "case"))

    uri = urls.region(region)
    intro = [paragraph(Markup("{} in the UCLG region {}. {}.").format(
        plural(len(cities), "participating city", "participating cities"), region,
        Linker(uri).a("All cities and the map", urls.CITIES)))]
    return paginated(uri, f"Cities in {region}", f"The participating cities in {region}.", intro,
                     [("", cities)], render, list_class="kb-city-list")
