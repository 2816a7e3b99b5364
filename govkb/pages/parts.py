"""Pieces that pages of every family share: links to cities, areas and goals, case lists, notices."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Case, goal_of
from ..languages import Language
from .edition import Edition
from .html import Linker, external, paragraph, ul
from .page import Page


def study(ed: Edition) -> str:
    """The title of the study's latest edition, which pages name when they speak of "the study"."""
    return ed.kb.study_editions[max(ed.kb.study_editions)].title


def sdg_label(ed: Edition, number: int) -> str:
    return ed.t("SDG {number} · {name}", number=number, name=ed.goal_name(number))


def sdg_badge(ed: Edition, number: int, links: Linker | None) -> Markup:
    """A goal's number and name as text, its official colour only as an accent (never the sole cue); a link to the
    goal's page when it has one and ``links`` is given."""
    cls = f"kb-sdg kb-sdg-{number}"
    if links and ed.kb.cases_by_sdg.get(number):
        return links.a(sdg_label(ed, number), urls.sdg(number), cls)
    return Markup('<span class="{}">{}</span>').format(cls, sdg_label(ed, number))


def target_anchor(target: str) -> str:
    return "target-" + target.replace(".", "-")


def target_link(ed: Edition, target: str, links: Linker) -> Markup:
    """'Target 16.7', leading to that target's cases on its goal's page."""
    return Markup('<a href="{}#{}">{}</a>').format(links.href(urls.sdg(goal_of(target))), target_anchor(target),
                                                   ed.t("Target {target}", target=target))


def method_note(ed: Edition, links: Linker) -> Markup:
    """Every SDG block says whose classification it is."""
    return Markup('<p class="kb-note">{} {}.</p>').format(
        ed.t("The study tags no case with an SDG: goals and targets are this knowledge base's classification, "
             "each with its reason."), links.a(ed.t("How cases are tagged"), urls.SDG_METHOD))


def city_link(ed: Edition, city_id: str, links: Linker) -> Markup:
    return links.a(ed.city_name(city_id), urls.city(city_id))


def area_link(ed: Edition, area_id: str, links: Linker) -> Markup:
    return links.a(ed.area_name(area_id), urls.area(area_id))


def case_item(ed: Edition, case: Entry[Case], links: Linker, show_cities: bool = True) -> Markup:
    """One entry of a case list: linked title, cities, summary."""
    words = ed.case(case)
    cities = (" — " + ", ".join(str(escape(ed.city_name(c))) for c in case.meta.cities)) if show_cities else ""
    return Markup(f'{links.a(words.title, urls.case(case.slug))}{cities}'
                  f' <span class="kb-item-summary">{escape(words.summary)}</span>')


def case_list(ed: Edition, cases: Iterable[Entry[Case]], links: Linker, show_cities: bool = True) -> Markup:
    """A list of cases, kept out of the search index: each case's words find the case itself."""
    items = [case_item(ed, case, links, show_cities) for case in cases]
    return (ul(items, "kb-case-list", indexed=False) if items
            else paragraph(Markup("<em>{}</em>").format(ed.t("No case yet."))))


def contribute_invitation(ed: Edition) -> Markup:
    """New cases are welcome: the form to propose one and the contributors' guide, in the reader's language."""
    if not ed.repository:
        return Markup("")
    return Markup(ed.t("New cases are welcome: {propose}, or read {how}.")).format(
        propose=external(ed.t("propose a case"), urls.new_case_form(ed.repository, ed.language)),
        how=external(ed.t("how to contribute"), urls.contributing_guide(ed.repository, ed.language)))


def translation_notice(ed: Edition, written_in: Language, translated_from: Language | None) -> Markup | None:
    """Says when a page is a translation, and when its text is not in the reader's language yet."""
    if written_in != ed.language:
        return Markup('<p class="kb-notice" lang="{}">{}</p>').format(ed.language, ed.t(
            "This text has not been translated into {language} yet; it is shown in {original}.",
            language=ed.language_name(ed.language), original=ed.language_name(written_in)))
    if translated_from:
        return Markup('<p class="kb-notice">{}</p>').format(
            ed.t("Translated from {language}.", language=ed.language_name(translated_from)))
    return None


def breadcrumb(ed: Edition, page: Page) -> Markup:
    """Where a page sits: its section's page and those between, then the page itself (current, not a link), in
    Material's breadcrumb style; nothing for a page without a trail."""
    if not page.trail:
        return Markup("")
    links = Linker(page.uri)
    items = [Markup('<li class="md-path__item">{}</li>').format(links.a(title, uri, "md-path__link"))
             for title, uri in page.trail]
    items.append(Markup('<li class="md-path__item"><span class="md-path__link" aria-current="page">{}</span></li>')
                 .format(page.title))
    return Markup('<nav class="md-path kb-path" aria-label="{}"><ol class="md-path__list">{}</ol></nav>').format(
        ed.t("Breadcrumb"), Markup("\n").join(items))
