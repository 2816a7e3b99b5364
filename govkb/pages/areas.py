"""Governance areas: one page per area and per axis, the areas index and its area × SDG matrix."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case
from .html import Linker, paragraph, ul
from .indicators import indicator_block
from .page import Page, make_page, paginated, section
from .parts import area_link, case_item, method_note, plural


def areas_index(kb: KnowledgeBase) -> Page:
    uri = urls.AREAS
    links = Linker(uri)
    blocks: list = [paragraph("The study organises Smart Governance in two axes, Open Government and Advanced "
                              "Strategic Management, with principles and values that run through both.")]
    for axis in kb.taxonomy.axes:
        items = [Markup("{} — {}, {}").format(area_link(kb, a.id, links),
                                              plural(len(kb.cases_by_area.get(a.id, [])), "case"),
                                              plural(len(kb.indicators_by_area.get(a.id, [])), "indicator"))
                 for a in axis.areas]
        more = None if axis.id in kb.areas else paragraph(links.a(f"About {axis.name}", urls.area(axis.id)))
        blocks.append(section(axis.name, paragraph(axis.description), ul(items), more))
    blocks.append(area_sdg_matrix(kb, links))
    return make_page(uri, "Governance areas", "The governance axes and areas of the study, with their cases.",
                     blocks)


def area_sdg_matrix(kb: KnowledgeBase, links: Linker) -> list:
    """Areas × SDGs: each cell counts the cases tagged with both and links to the goal's cases in that area."""
    goals = [n for n in sorted(kb.goals) if kb.cases_by_sdg.get(n)]
    header = Markup('<tr><th scope="col">Area</th>{}</tr>').format(
        Markup("").join(Markup('<th scope="col">SDG {}</th>').format(n) for n in goals))
    rows = []
    for area_id in kb.areas:
        cells = []
        for n in goals:
            count = sum(1 for c in kb.cases_by_area.get(area_id, []) if n in c.meta.sdgs)
            cells.append(Markup('<td><a href="{}">{}</a></td>').format(
                links.href(urls.explorer_filtered(area=area_id, sdg=str(n))), count) if count else Markup("<td>0</td>"))
        rows.append(Markup('<tr><th scope="row">{}</th>{}</tr>').format(area_link(kb, area_id, links),
                                                                        Markup("").join(cells)))
    return section("Areas and Sustainable Development Goals",
                   paragraph(Markup("The number of cases tagged with each area and goal; a number opens those "
                                    "cases in the case explorer. Each goal's page lists its cases by target.")),
                   method_note(links),
                   Markup('<div class="kb-matrix"><table><thead>{}</thead><tbody>{}</tbody></table></div>').format(
                       header, Markup("").join(rows)))


def axis_page(kb: KnowledgeBase, axis_id: str) -> Page:
    uri = urls.area(axis_id)
    links = Linker(uri)
    axis = kb.axes[axis_id]
    blocks: list = [paragraph(axis.description)]
    for area in axis.areas:
        cases = kb.cases_by_area.get(area.id, [])
        blocks.append(section(area.name, paragraph(area.description),
                              paragraph(Markup("{}.").format(links.a(plural(len(cases), "case"), urls.area(area.id))))))
    blocks.append(indicator_block(kb, axis_id, links))
    return make_page(uri, axis.name, axis.description, blocks)


def area_pages(kb: KnowledgeBase, area_id: str) -> list[Page]:
    uri = urls.area(area_id)
    links = Linker(uri)
    area = kb.areas[area_id]
    axis = kb.axis_of_area[area_id]
    cases = kb.cases_by_area.get(area_id, [])
    part_of = "" if axis.id == area_id else Markup("Part of {}. ").format(area_link(kb, axis.id, links))
    city_count = len({c for case in cases for c in case.meta.cities})
    intro: list = [paragraph(area.description),
                   paragraph(Markup("{}{} from {}.").format(part_of, plural(len(cases), "case"),
                                                            plural(city_count, "city", "cities")))]
    intro.append(indicator_block(kb, area_id, links))
    by_region: dict[str, list[Entry[Case]]] = {}
    for case in cases:
        by_region.setdefault(kb.cities[case.meta.cities[0]].region, []).append(case)
    groups = [(f"Cases in {region}", by_region[region]) for region in sorted(by_region)]
    if not cases:
        intro.append(section("Cases", paragraph(Markup("<em>No case yet.</em>"))))
    return paginated(uri, area.name, area.description, intro, groups,
                     lambda case, page_links: case_item(kb, case, page_links))
