"""Governance areas: one page per area and per axis, the areas index and its area × SDG matrix."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Case
from .edition import Edition
from .html import Linker, paragraph, scrolling_table, ul
from .indicators import indicator_block
from .page import Page, make_page, paginated, section
from .parts import area_link, case_item, method_note

TAXONOMY = "data/taxonomy.yaml"  # the source of the areas' and axes' names and descriptions: their edit link


def areas_index(ed: Edition) -> Page:
    uri = urls.AREAS
    links = Linker(uri)
    kb = ed.kb
    blocks: list = [paragraph(ed.t("The study organises Smart Governance in two axes, Open Government and Advanced "
                                   "Strategic Management, with principles and values that run through both."))]
    for axis in kb.taxonomy.axes:
        items = [Markup("{} — {}, {}").format(area_link(ed, a.id, links),
                                              ed.n("{count} case", "{count} cases",
                                                   len(kb.cases_by_area.get(a.id, []))),
                                              ed.n("{count} indicator", "{count} indicators",
                                                   len(kb.indicators_by_area.get(a.id, []))))
                 for a in axis.areas]
        more = None if axis.id in kb.areas else paragraph(links.a(ed.t("About {axis}", axis=ed.axis_name(axis.id)),
                                                                  urls.area(axis.id)))
        blocks.append(section(ed.axis_name(axis.id), paragraph(ed.axis_description(axis.id)), ul(items), more))
    blocks.append(area_sdg_matrix(ed, links))
    return make_page(uri, ed.t("Governance areas"),
                     ed.t("The governance axes and areas of the study, with their cases."), blocks,
                     edit_path=TAXONOMY)


def area_sdg_matrix(ed: Edition, links: Linker) -> list:
    """Areas × SDGs: each cell counts the cases tagged with both and opens them in the case explorer."""
    kb = ed.kb
    goals = [n for n in sorted(kb.goals) if kb.cases_by_sdg.get(n)]
    # Each goal by its number, which leads to its page, and its short name; its colour is an accent only.
    header = Markup('<tr><th scope="col">{}</th>{}</tr>').format(
        ed.t("Area"), Markup("").join(Markup('<th scope="col" class="kb-matrix__goal kb-sdg-{}">{} '
                                             '<span class="kb-matrix__name">{}</span></th>').format(
            n, links.a(ed.t("SDG {number}", number=n), urls.sdg(n)), ed.goal_name(n)) for n in goals))
    rows = []
    for area_id in kb.areas:
        cells = []
        for n in goals:
            count = sum(1 for c in kb.cases_by_area.get(area_id, []) if n in c.meta.sdgs)
            cells.append(Markup('<td class="kb-number"><a href="{}">{}</a></td>').format(
                links.href(urls.explorer_filtered(area=area_id, sdg=str(n))), count) if count
                else Markup('<td class="kb-number">0</td>'))
        rows.append(Markup('<tr><th scope="row">{}</th>{}</tr>').format(area_link(ed, area_id, links),
                                                                        Markup("").join(cells)))
    explanation = paragraph(ed.t("The number of cases tagged with each area and goal; a number opens those cases in "
                                 "the case explorer. Each goal's page lists its cases by target."))
    table = scrolling_table(ed.t("Areas and Sustainable Development Goals"), header, Markup("").join(rows))
    return section(ed.t("Areas and Sustainable Development Goals"), explanation, method_note(ed, links), table,
                   anchor=urls.AREA_SDG_TABLE.partition("#")[2])


def axis_page(ed: Edition, axis_id: str) -> Page:
    uri = urls.area(axis_id)
    links = Linker(uri)
    axis = ed.kb.axes[axis_id]
    blocks: list = [paragraph(ed.axis_description(axis_id))]
    for area in axis.areas:
        cases = ed.kb.cases_by_area.get(area.id, [])
        blocks.append(section(ed.area_name(area.id), paragraph(ed.area_description(area.id)),
                              paragraph(Markup("{}.").format(links.a(ed.n("{count} case", "{count} cases", len(cases)),
                                                                     urls.area(area.id))))))
    blocks.append(indicator_block(ed, axis_id, links))
    return make_page(uri, ed.axis_name(axis_id), ed.axis_description(axis_id), blocks, kind=ed.t("Area"),
                     trail=((ed.t("Governance areas"), urls.AREAS),), edit_path=TAXONOMY)


def area_pages(ed: Edition, area_id: str) -> list[Page]:
    uri = urls.area(area_id)
    links = Linker(uri)
    kb = ed.kb
    axis = kb.axis_of_area[area_id]
    cases = ed.cases_of_area(area_id)
    part_of = "" if axis.id == area_id else Markup("{} ").format(
        Markup(ed.t("Part of {axis}.")).format(axis=area_link(ed, axis.id, links)))
    city_count = len({c for case in cases for c in case.meta.cities})
    intro: list = [paragraph(ed.area_description(area_id)),
                   paragraph(Markup("{}{}").format(part_of, ed.t("{cases} from {cities}.", cases=ed.n(
                       "{count} case", "{count} cases", len(cases)), cities=ed.n("{count} city", "{count} cities",
                                                                                 city_count))))]
    intro.append(indicator_block(ed, area_id, links))
    by_region: dict[str, list[Entry[Case]]] = {}
    for case in cases:
        by_region.setdefault(kb.cities[case.meta.cities[0]].region, []).append(case)
    groups = [(ed.t("Cases in {region}", region=ed.region_name(region)), by_region[region])
              for region in sorted(by_region, key=ed.region_name)]
    if not cases:
        intro.append(section(ed.t("Cases"), paragraph(Markup("<em>{}</em>").format(ed.t("No case yet.")))))
    trail = ((ed.t("Governance areas"), urls.AREAS),
             *(((ed.axis_name(axis.id), urls.area(axis.id)),) if axis.id != area_id else ()))
    return paginated(ed, uri, ed.area_name(area_id), ed.area_description(area_id), intro, groups,
                     lambda case, page_links: case_item(ed, case, page_links), kind=ed.t("Area"), trail=trail,
                     edit_path=TAXONOMY)
