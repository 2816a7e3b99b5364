"""One page per Sustainable Development Goal with its cases, and the SDG index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import KnowledgeBase
from ..content.models import Sdg
from .html import Linker, paragraph, ul
from .page import Page, make_page, paginated
from .parts import case_item, plural, sdg_badge, sdg_label


def sdgs_index(kb: KnowledgeBase) -> Page:
    uri = urls.SDGS
    links = Linker(uri)
    items = []
    for sdg in kb.taxonomy.sdgs:
        count = len(kb.cases_by_sdg.get(sdg.number, []))
        items.append(Markup("{} — {}").format(sdg_badge(kb, sdg.number, links),
                                              plural(count, "case") if count else "no case yet"))
    intro = paragraph("The 17 United Nations Sustainable Development Goals and the cases that serve each. Most "
                      "Smart Governance cases serve goal 16 (strong institutions) and goal 11 (sustainable cities).")
    return make_page(uri, "Sustainable Development Goals", "The 17 SDGs and the cases that serve each.",
                     [intro, ul(items, "kb-sdg-list")])


def sdg_pages(kb: KnowledgeBase, sdg: Sdg) -> list[Page]:
    uri = urls.sdg(sdg.number)
    cases = kb.cases_by_sdg.get(sdg.number, [])
    intro = [paragraph(sdg_badge(kb, sdg.number, Linker(uri))), paragraph(f"{plural(len(cases), 'case')} "
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
