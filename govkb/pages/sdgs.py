"""One page per Sustainable Development Goal with its cases by target, and the SDG index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case, Goal, TargetReason
from .html import Linker, emphasis, paragraph, ul
from .page import Page, make_page, paginated, section
from .parts import method_note, plural, sdg_badge, sdg_label, target_anchor, target_link


def sdgs_index(kb: KnowledgeBase) -> Page:
    uri = urls.SDGS
    links = Linker(uri)
    items = []
    for goal in kb.sdg_catalogue.goals:
        count = len(kb.cases_by_sdg.get(goal.number, []))
        items.append(Markup("{} — {}").format(sdg_badge(kb, goal.number, links),
                                              plural(count, "case") if count else "no case yet"))
    intro = paragraph(Markup("The 17 United Nations Sustainable Development Goals and the cases linked to each "
                             "through one of its targets. The {} counts them by governance area.").format(
        links.a("areas and goals table", urls.AREAS + "#areas-and-sustainable-development-goals")))
    return make_page(uri, "Sustainable Development Goals", "The 17 SDGs, their targets and the cases that serve each.",
                     [intro, method_note(links), ul(items, "kb-sdg-list"),
                      section("Targets the cases serve", targets_table(kb, links))])


def targets_table(kb: KnowledgeBase, links: Linker) -> Markup:
    """Every target some case serves, with its official title and the number of cases."""
    rows = [Markup('<tr><th scope="row">{}</th><td>{}</td><td class="kb-number">{}</td></tr>').format(
        target_link(target.id, links), target.title.en, len(kb.cases_by_target[target.id]))
        for goal in kb.sdg_catalogue.goals for target in goal.targets if target.id in kb.cases_by_target]
    head = Markup('<tr><th scope="col">Target</th><th scope="col">Official title</th><th scope="col">Cases</th></tr>')
    return Markup('<div class="kb-table-scroll" tabindex="0" role="region" aria-label="Targets the cases serve">'
                  "<table><thead>{}</thead><tbody>{}</tbody></table></div>").format(head, Markup("").join(rows))


def sdg_pages(kb: KnowledgeBase, goal: Goal) -> list[Page]:
    uri = urls.sdg(goal.number)
    links = Linker(uri)
    cases = kb.cases_by_sdg.get(goal.number, [])
    intro = [paragraph(sdg_badge(kb, goal.number, None)), paragraph(emphasis(goal.title.en)),
             paragraph(f"{plural(len(cases), 'case')} linked to this goal through its targets, listed by target "
                       "with the reason for each."), method_note(links)]
    groups: list[tuple[str, list[tuple[Entry[Case], TargetReason]]]] = []
    anchors = {}
    for target in goal.targets:
        tagged = [(case, reason) for case in kb.cases_by_target.get(target.id, [])
                  for reason in case.meta.sdg_targets if reason.target == target.id]
        if tagged:
            heading = f"{target.id} · {target.title.en}"
            groups.append((heading, tagged))
            anchors[heading] = target_anchor(target.id)

    def render(item: tuple[Entry[Case], TargetReason], page_links: Linker) -> Markup:
        case, tagged = item
        cities = ", ".join(kb.cities[c].name for c in case.meta.cities)
        return Markup('{} — {}<span class="kb-item-summary">{}</span>').format(
            page_links.a(case.meta.title, urls.case(case.slug)), cities, tagged.reason)

    return paginated(uri, sdg_label(goal), f"Cases that serve {sdg_label(goal)}, by target.", intro, groups, render,
                     anchors=anchors)
