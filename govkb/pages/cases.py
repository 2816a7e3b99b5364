"""Case pages and the cases index."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..clock import build_date
from ..content.freshness import REVIEW_EVERY_YEARS, last_reviewed
from ..content.knowledge import Entry
from ..content.models import Case
from .citation import cite_case
from .edition import Edition
from .html import Linker, Markdown, emphasis, external, facts, join, paragraph, ul
from .page import Page, aside, make_page, section
from .parts import (
    area_link,
    case_list,
    city_link,
    contribute_invitation,
    method_note,
    sdg_badge,
    target_link,
    translation_notice,
)
from .related import related_cases

INDEX_PREVIEW = 12  # cases shown per area on the cases index before "all N cases"


def case_page(ed: Edition, case: Entry[Case]) -> Page:
    uri = urls.case(case.slug)
    links = Linker(uri)
    meta = case.meta
    words = ed.case(case)
    t = ed.t
    city_rows = join(Markup("{} ({})").format(city_link(ed, c, links), ed.country_name(ed.kb.cities[c]))
                     for c in meta.cities)
    rows = [
        (t("Cities:") if len(meta.cities) > 1 else t("City:"), city_rows),
        (t("Governance areas:") if len(meta.areas) > 1 else t("Governance area:"),
         join(area_link(ed, a, links) for a in meta.areas)),
        (t("Sustainable Development Goals:"), join((sdg_badge(ed, n, links) for n in meta.sdgs), " ")),
        (t("Started:"), str(meta.year_started) if meta.year_started else ""),
        (t("Status:"), ed.status_name(meta.status) if meta.status else ""),
        *provenance(ed, case),
        (t("Official links:"), join(external(title, link.url) for title, link in zip(words.link_titles, meta.links,
                                                                                      strict=True))),
        # What people search for, on the page for all to read rather than hidden words, so in the search index: at
        # a tenth of the weight of other text, so that they find the case without outranking the pages about the
        # words they share ("participativo" would put this case above the citizen participation area's page).
        (t("Keywords:"), Markup('<span data-pagefind-weight="0.1">{}</span>').format(", ".join(meta.keywords))
         if meta.keywords else ""),
    ]
    related = related_cases(ed.kb, case)
    # The body stays Markdown: it is rendered, then sanitised with the rest of the page.
    return make_page(uri, words.title, words.summary,
                     [translation_notice(ed, words.written_in, words.translated_from),
                      # Tells the explorer which case a search hit is, so that its text box matches what the site
                      # search matches (explorer.js).
                      Markup('<span data-pagefind-filter="case:{}"></span>').format(case.slug),
                      paragraph(words.summary, "kb-lead"), facts(rows), Markdown(words.body.strip()),
                      section(t("How it serves the Sustainable Development Goals"), targets_served(ed, case, links)),
                      cite_case(ed, case),
                      aside(t("Related cases"), case_list(ed, related, links)) if related else None],
                     edit_path=case.path, untrusted_body=True, kind=t("Case"), trail=((t("Cases"), urls.CASES),))


def provenance(ed: Edition, case: Entry[Case]) -> list[tuple[str, object]]:
    """Where the case comes from, what supports it and when it was last checked, as rows of its facts panel."""
    meta = case.meta
    t = ed.t
    rows: list[tuple[str, object]] = []
    if meta.source and meta.edition:
        rows.append((t("Source:"), Markup("{} › {}").format(emphasis(ed.kb.study_editions[meta.edition].title),
                                                             ed.case(case).section)))
    if meta.contributed_by and meta.contributed_on:
        year, month = meta.contributed_on.split("-")
        rows.append((t("Contributed by:"), t("{contributor}, {month}", contributor=meta.contributed_by,
                                              month=ed.messages.month(int(year), int(month)))))
    if meta.sources:
        rows.append((t("Sources:"), join(external(source.title, source.url) for source in meta.sources)))
    reviewed = last_reviewed(meta)
    when = ed.messages.month(reviewed.year, reviewed.month)
    if reviewed.may_be_out_of_date(build_date()):
        when = Markup('{} <span class="kb-stale">{}</span>').format(when, ed.n(
            "may be out of date: not reviewed for more than {count} year",
            "may be out of date: not reviewed for more than {count} years", REVIEW_EVERY_YEARS))
    rows.append((t("Last reviewed:"), when))
    return rows


def targets_served(ed: Edition, case: Entry[Case], links: Linker) -> Markup:
    """Each goal with its targets: the target's official title, then our reason."""
    reasons = ed.case(case).reasons
    goals = []
    for goal in case.meta.sdgs:
        targets = [Markup('{} <span class="kb-target-title">{}</span>'
                          ' <span class="kb-reason"><strong>{}</strong> {}</span>').format(
            target_link(ed, t.target, links), ed.target_title(t.target), ed.t("Why:"), reasons[t.target])
            for t in case.meta.targets_of(goal)]
        goals.append(Markup("{}{}").format(sdg_badge(ed, goal, links), ul(targets, "kb-target-list")))
    return Markup("{}{}").format(ul(goals, "kb-goal-list"), method_note(ed, links))


def cases_index(ed: Edition) -> Page:
    uri = urls.CASES
    links = Linker(uri)
    kb = ed.kb
    sections = []
    for area_id in kb.areas:
        cases = [c for c in ed.cases_of_area(area_id) if c.meta.areas[0] == area_id]
        if not cases:
            continue
        more = None
        if len(cases) > INDEX_PREVIEW:
            more = paragraph(links.a(ed.t("All {count} cases in {area}", count=len(ed.cases_of_area(area_id)),
                                          area=ed.area_name(area_id)), urls.area(area_id)))
        sections.append(section(ed.area_name(area_id), case_list(ed, cases[:INDEX_PREVIEW], links), more))
    intro = paragraph(Markup(ed.t(
        "{cases} from {cities}, grouped by the governance area each one is filed under. Browse them by {by_city}, "
        "{by_area} or {by_goal}, or filter them all in the {explorer}.")).format(
        cases=ed.n("{count} case", "{count} cases", len(kb.cases)),
        cities=ed.n("{count} city", "{count} cities", len(kb.cases_by_city)),
        by_city=links.a(ed.t("city"), urls.CITIES), by_area=links.a(ed.t("area"), urls.AREAS),
        by_goal=links.a(ed.t("Sustainable Development Goal"), urls.SDGS),
        explorer=links.a(ed.t("case explorer"), urls.EXPLORER)))
    return make_page(uri, ed.t("Cases"), ed.t("Every best-practice case in the knowledge base."),
                     [intro, *sections, paragraph(contribute_invitation(ed)) if ed.repository else None])
