"""Case pages and the cases index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case
from .html import Linker, Markdown, emphasis, external, facts, join, paragraph, ul
from .page import Page, aside, make_page, section
from .parts import area_link, case_list, city_link, method_note, plural, sdg_badge, target_link
from .related import related_cases

INDEX_PREVIEW = 12  # cases shown per area on the cases index before "all N cases"


def case_page(kb: KnowledgeBase, case: Entry[Case]) -> Page:
    uri = urls.case(case.slug)
    links = Linker(uri)
    meta = case.meta
    city_rows = join(Markup("{} ({})").format(city_link(kb, c, links), kb.cities[c].country_name) for c in meta.cities)
    rows = [
        ("Cities" if len(meta.cities) > 1 else "City", city_rows),
        ("Governance areas" if len(meta.areas) > 1 else "Governance area",
         join(area_link(kb, a, links) for a in meta.areas)),
        ("Sustainable Development Goals", join((sdg_badge(kb, n, links) for n in meta.sdgs), " ")),
        ("Started", meta.year_started or ""),
        ("Status", meta.status.value if meta.status else ""),
        ("Source", Markup("{}, {}").format(emphasis(meta.source.study), meta.source.section)),
        ("Official links", join(external(link.title, link.url) for link in meta.links)),
    ]
    related = related_cases(kb, case)
    # The body stays Markdown: it is rendered, then sanitised with the rest of the page.
    return make_page(uri, meta.title, meta.summary,
                     [paragraph(meta.summary, "kb-lead"), facts(rows), Markdown(case.body.strip()),
                      section("How it serves the Sustainable Development Goals", targets_served(kb, case, links)),
                      aside("Related cases", case_list(kb, related, links)) if related else None],
                     edit_path=case.path, untrusted_body=True)


def targets_served(kb: KnowledgeBase, case: Entry[Case], links: Linker) -> Markup:
    """Each goal with its targets: the target's official title, then our reason."""
    goals = []
    for goal in case.meta.sdgs:
        targets = [Markup('{} <span class="kb-target-title">{}</span>'
                          '<span class="kb-reason"><strong>Why:</strong> {}</span>').format(
            target_link(t.target, links), kb.targets[t.target].title.en, t.reason) for t in case.meta.targets_of(goal)]
        goals.append(Markup("{}{}").format(sdg_badge(kb, goal, links), ul(targets, "kb-target-list")))
    return Markup("{}{}").format(ul(goals, "kb-goal-list"), method_note(links))


def cases_index(kb: KnowledgeBase) -> Page:
    uri = urls.CASES
    links = Linker(uri)
    sections = []
    for area_id, area in kb.areas.items():
        cases = [c for c in kb.cases_by_area.get(area_id, []) if c.meta.areas[0] == area_id]
        if not cases:
            continue
        more = None
        if len(cases) > INDEX_PREVIEW:
            more = paragraph(links.a(f"All {len(kb.cases_by_area[area_id])} cases in {area.name}", urls.area(area_id)))
        sections.append(section(area.name, case_list(kb, cases[:INDEX_PREVIEW], links), more))
    intro = paragraph(Markup(
        "{} from {}, grouped by the governance area each one is filed under. Browse them by {}, {} or {}, or filter "
        "them all in the {}.").format(
        plural(len(kb.cases), "case"), plural(len(kb.cases_by_city), "city", "cities"), links.a("city", urls.CITIES),
        links.a("area", urls.AREAS), links.a("Sustainable Development Goal", urls.SDGS),
        links.a("case explorer", urls.EXPLORER)))
    return make_page(uri, "Cases", "Every best-practice case in the knowledge base.", [intro, *sections])
