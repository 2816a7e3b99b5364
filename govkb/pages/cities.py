"""City profiles, the cities index with its map, and one page per UCLG region."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..cache import TextCache
from ..content.models import City
from ..languages import folded
from .citymaps import locator_map_block, world_map_block
from .edition import Edition
from .html import Linker, emphasis, external, facts, join, paragraph, ul
from .page import Page, aside, make_page, paginated, section
from .parts import area_link, case_item, city_link, contribute_invitation, method_note, sdg_badge, study
from .related import related_cities


def city_pages(ed: Edition, city: City, land_cache: TextCache | None = None) -> list[Page]:
    uri = urls.city(city.id)
    links = Linker(uri)
    t = ed.t
    cases = ed.cases_of_city(city.id)
    name = ed.city_name(city.id)
    population = ""
    if city.population:
        population = t("{value} ({year}; source: {source})", value=ed.messages.number(city.population.value),
                       year=city.population.year, source=city.population.source)
    lat, lon = (ed.messages.degrees(degrees) for degrees in (city.coordinates.lat, city.coordinates.lon))
    coordinates = t("{lat}, {lon} (source: {source})", lat=lat, lon=lon, source=city.coordinates_source)
    rows = [
        (t("Country:"), f"{ed.country_name(city)} ({city.country})"),
        (t("UCLG region:"), ed.region_name(city.region)),
        (t("Also written:"), ", ".join(other for other in [city.name, *city.other_names] if other != name)),
        (t("Population:"), population),
        (t("Official website:"), external(city.website, city.website) if city.website else ""),
        (t("Coordinates:"), coordinates),
    ]
    editions = ed.kb.editions_of_city.get(city.id, [])
    if editions:
        intro = Markup(t("{city} took part in the {study}.")).format(
            city=name, study=join(emphasis(edition.title) for edition in editions))
    else:
        intro = Markup(t("{city} did not take part in the study; it joined the knowledge base to share its own "
                         "cases.")).format(city=name)
    from_study = sum(not case.meta.contributed for case in cases)
    if from_study:
        intro += " " + ed.n("The study names {count} best practice from the city.",
                            "The study names {count} best practices from the city.", from_study)
    if len(cases) > from_study:
        intro += " " + ed.n("{count} more case was contributed to the knowledge base.",
                            "{count} more cases were contributed to the knowledge base.", len(cases) - from_study)
    if not cases:
        intro += Markup(" {} {}").format(t("The study names no best practice from the city yet."),
                                         contribute_invitation(ed))
    opening: list = [paragraph(intro), facts(rows), locator_map_block(ed, city.id, uri, land_cache)]
    if not cases:
        opening.append(section(t("Cases"), paragraph(Markup("<em>{}</em>").format(t("No case yet.")))))
    closing: list = []
    if cases:
        areas = dict.fromkeys(a for c in cases for a in c.meta.areas)
        goals = sorted({n for c in cases for n in c.meta.sdgs})
        closing.append(section(t("Areas and goals covered"), ul([
            Markup("<strong>{}</strong> {}").format(t("Areas:"), join(area_link(ed, a, links) for a in areas)),
            Markup("<strong>{}</strong> {}").format(t("SDGs:"), join((sdg_badge(ed, n, links) for n in goals), " "))]),
            method_note(ed, links)))
    similar = related_cities(ed.kb, city.id)
    if similar:
        closing.append(aside(t("Cities with cases in the same areas"),
                             paragraph(join(city_link(ed, c, links) for c in similar))))
    same_region = [c for c in ed.kb.cities.values() if c.region == city.region and c.id != city.id]
    if same_region:
        closing.append(aside(t("Other cities in {region}", region=ed.region_name(city.region)),
                             paragraph(join(city_link(ed, c.id, links) for c in same_region))))
    description = t("{city}, {country}: its part in the {study} and its best-practice cases.", city=name,
                    country=ed.country_name(city), study=study(ed))
    return paginated(ed, uri, name, description, opening, [(t("Cases"), cases)] if cases else [],
                     lambda case, page_links: case_item(ed, case, page_links, show_cities=False), closing,
                     edit_path="data/cities.yaml", kind=t("City"),
                     trail=((t("Cities"), urls.CITIES), (ed.region_name(city.region), urls.region(city.region))))


def cities_index(ed: Edition) -> Page:
    uri = urls.CITIES
    links = Linker(uri)
    kb = ed.kb
    regions = sorted({c.region for c in kb.cities.values()}, key=ed.region_name)
    items = []
    for region in regions:
        cities = [c for c in kb.cities.values() if c.region == region]
        cases = sum(len(kb.cases_by_city.get(c.id, [])) for c in cities)
        items.append(Markup("{} — {}, {}").format(links.a(ed.region_name(region), urls.region(region)),
                                                  ed.n("{count} city", "{count} cities", len(cities)),
                                                  ed.n("{count} case", "{count} cases", cases)))
    blocks = [paragraph(Markup(ed.t("The {cities} that took part in the {study}: on the map, in the list below it, "
                                    "and by UCLG world region.")).format(
        cities=ed.n("{count} city", "{count} cities", len(kb.study_cities)), study=emphasis(study(ed)))),
        joined_cities(ed, links), world_map_block(ed, uri), section(ed.t("By UCLG world region"), ul(items))]
    return make_page(uri, ed.t("Cities"), ed.t("The cities that took part in the study and their cases."), blocks,
                     edit_path="data/cities.yaml")


def joined_cities(ed: Edition, links: Linker) -> Markup | None:
    """The cities that joined with contributions of their own, after those of the study."""
    joined = [city for city in ed.kb.cities if city not in ed.kb.editions_of_city]
    if not joined:
        return None
    return paragraph(Markup(ed.n("{count} more city joined the knowledge base with cases of its own: {cities}.",
                                 "{count} more cities joined the knowledge base with cases of their own: {cities}.",
                                 len(joined))).format(cities=join(city_link(ed, c, links) for c in joined)))


def region_pages(ed: Edition, region: str) -> list[Page]:
    """One UCLG region's cities with their countries and number of cases, in pages of PER_PAGE."""
    cities = sorted((c for c in ed.kb.cities.values() if c.region == region), key=lambda c: folded(ed.city_name(c.id)))

    def render(city: City, links: Linker) -> Markup:
        count = len(ed.kb.cases_by_city.get(city.id, []))
        return Markup("{} — {}, {}").format(city_link(ed, city.id, links), ed.country_name(city),
                                            ed.n("{count} case", "{count} cases", count))

    uri = urls.region(region)
    name = ed.region_name(region)
    intro = [paragraph(Markup(ed.t("{cities} in the UCLG region {region}. {all}.")).format(
        cities=ed.n("{count} participating city", "{count} participating cities", len(cities)), region=name,
        all=Linker(uri).a(ed.t("All cities and the map"), urls.CITIES)))]
    return paginated(ed, uri, ed.t("Cities in {region}", region=name),
                     ed.t("The participating cities in {region}.", region=name), intro, [("", cities)], render,
                     list_class="kb-city-list", trail=((ed.t("Cities"), urls.CITIES),), edit_path="data/cities.yaml")
