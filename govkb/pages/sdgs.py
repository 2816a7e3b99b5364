"""One page per Sustainable Development Goal with its cases by target, and the SDG index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Case, Goal, TargetReason
from .edition import Edition
from .html import Linker, emphasis, paragraph, scrolling_table, ul
from .page import Page, make_page, paginated, section
from .parts import method_note, sdg_badge, sdg_label, target_anchor, target_link


def sdgs_index(ed: Edition) -> Page:
    uri = urls.SDGS
    links = Linker(uri)
    items = []
    for goal in ed.kb.sdg_catalogue.goals:
        count = len(ed.kb.cases_by_sdg.get(goal.number, []))
        items.append(Markup("{} — {}").format(sdg_badge(ed, goal.number, links),
                                              ed.n("{count} case", "{count} cases", count) if count
                                              else ed.t("no case yet")))
    intro = paragraph(Markup(ed.t("The 17 United Nations Sustainable Development Goals and the cases linked to each "
                                  "through one of its targets. The {table} counts them by governance area.")).format(
        table=links.a(ed.t("areas and goals table"), urls.AREA_SDG_TABLE)))
    return make_page(uri, ed.t("Sustainable Development Goals"),
                     ed.t("The 17 SDGs, their targets and the cases that serve each."),
                     [intro, method_note(ed, links), ul(items, "kb-sdg-list"),
                      section(ed.t("Targets the cases serve"), targets_table(ed, links))])


def targets_table(ed: Edition, links: Linker) -> Markup:
    """Every target some case serves, with its official title and the number of cases."""
    kb = ed.kb
    rows = [Markup('<tr><th scope="row">{}</th><td>{}</td><td class="kb-number">{}</td></tr>').format(
        target_link(ed, target.id, links), ed.target_title(target.id), len(kb.cases_by_target[target.id]))
        for goal in kb.sdg_catalogue.goals for target in goal.targets if target.id in kb.cases_by_target]
    head = Markup('<tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>').format(
        ed.t("Target"), ed.t("Official title"), ed.t("Cases"))
    return scrolling_table(ed.t("Targets the cases serve"), head, Markup("").join(rows))


def sdg_pages(ed: Edition, goal: Goal) -> list[Page]:
    uri = urls.sdg(goal.number)
    links = Linker(uri)
    cases = ed.cases_of_goal(goal.number)
    intro = [paragraph(sdg_badge(ed, goal.number, None)), paragraph(emphasis(ed.goal_title(goal.number))),
             paragraph(ed.n("{count} case linked to this goal through its targets, listed by target with the reason "
                            "for each.", "{count} cases linked to this goal through its targets, listed by target "
                            "with the reason for each.", len(cases))), method_note(ed, links)]
    groups: list[tuple[str, list[tuple[Entry[Case], TargetReason]]]] = []
    anchors = {}
    for target in goal.targets:
        tagged = [(case, reason) for case in ed.cases_of_target(target.id)
                  for reason in case.meta.sdg_targets if reason.target == target.id]
        if tagged:
            heading = f"{target.id} · {ed.target_title(target.id)}"
            groups.append((heading, tagged))
            anchors[heading] = target_anchor(target.id)

    def render(item: tuple[Entry[Case], TargetReason], page_links: Linker) -> Markup:
        case, tagged = item
        cities = ", ".join(ed.city_name(c) for c in case.meta.cities)
        return Markup('{} — {} <span class="kb-item-summary">{}</span>').format(
            page_links.a(ed.case(case).title, urls.case(case.slug)), cities, ed.case(case).reasons[tagged.target])

    label = sdg_label(ed, goal.number)
    return paginated(ed, uri, label, ed.t("Cases that serve {goal}, by target.", goal=label), intro, groups, render,
                     anchors=anchors, kind=ed.t("SDG"), trail=((ed.t("SDGs"), urls.SDGS),))
