"""Pieces that pages of every family share: links to cities, areas and goals, and case lists."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import urls
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case, Goal, goal_of
from .html import Linker, paragraph, ul

STUDY = "Smart Cities Study 2019"


def sdg_label(goal: Goal) -> str:
    return f"SDG {goal.number} · {goal.short.en}"


def sdg_badge(kb: KnowledgeBase, number: int, links: Linker | None) -> Markup:
    """A goal's number and name as text, its official colour only as an accent (never the sole cue); a link to the
    goal's page when it has one and ``links`` is given."""
    goal = kb.goals[number]
    cls = f"kb-sdg kb-sdg-{number}"
    if links and kb.cases_by_sdg.get(number):
        return links.a(sdg_label(goal), urls.sdg(number), cls)
    return Markup('<span class="{}">{}</span>').format(cls, sdg_label(goal))


def target_anchor(target: str) -> str:
    return "target-" + target.replace(".", "-")


def target_link(target: str, links: Linker) -> Markup:
    """'Target 16.7', leading to that target's cases on its goal's page."""
    return Markup('<a href="{}#{}">Target {}</a>').format(links.href(urls.sdg(goal_of(target))),
                                                          target_anchor(target), target)


def method_note(links: Linker) -> Markup:
    """Every SDG block says whose classification it is."""
    return Markup('<p class="kb-note">The study tags no case with an SDG: goals and targets are this knowledge '
                  "base's classification, each with its reason. {}.</p>").format(
        links.a("How cases are tagged", urls.SDG_METHOD))


def city_link(kb: KnowledgeBase, city_id: str, links: Linker) -> Markup:
    return links.a(kb.cities[city_id].name, urls.city(city_id))


def area_link(kb: KnowledgeBase, area_id: str, links: Linker) -> Markup:
    return links.a(kb.area_or_axis_name(area_id), urls.area(area_id))


def case_item(kb: KnowledgeBase, case: Entry[Case], links: Linker, show_cities: bool = True) -> Markup:
    """One entry of a case list: linked title, cities, summary."""
    cities = (" — " + ", ".join(str(escape(kb.cities[c].name)) for c in case.meta.cities)) if show_cities else ""
    return Markup(f'{links.a(case.meta.title, urls.case(case.slug))}{cities}'
                  f'<span class="kb-item-summary">{escape(case.meta.summary)}</span>')


def case_list(kb: KnowledgeBase, cases: Iterable[Entry[Case]], links: Linker, show_cities: bool = True) -> Markup:
    items = [case_item(kb, case, links, show_cities) for case in cases]
    return ul(items, "kb-case-list") if items else paragraph(Markup("<em>No case yet.</em>"))


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
