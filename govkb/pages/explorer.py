"""The case explorer: every case, with facets that filter them in the browser.

Without JavaScript the explorer is a complete list of the cases, split into pages. With it,
``explorer.js`` loads one compact JSON file of every case, filters by facet, finds words through the site's
search index (so the text box matches exactly what the site search matches), keeps each filter change in the
browser's history and exports the matching cases as CSV or JSON. Each export says what it is: the filters that
made it, and the version, date and licence of the dataset it comes from (``dataset`` in the JSON file, from
``export_metadata``), so a filtered file is never taken for the whole. Its words come with the page, in its
language.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import urls
from ..content.freshness import last_reviewed
from ..content.knowledge import Entry
from ..content.models import Case
from ..content.slugs import slugify
from ..languages import folded
from ..opendata.package import dataset_title
from .citation import citation_text, dataset_work
from .edition import Edition
from .html import Linker
from .page import Page, paginated
from .parts import case_item, sdg_label

# Fewer cases per page than other lists: the explorer's first page also carries every facet value.
EXPLORER_PER_PAGE = 50
# A facet with more options than this gets a box that finds an option by name.
FINDABLE_AFTER = 10
NOT_STATED = "none"  # the value of a case whose source states no status or start year
CONTRIBUTED = "contributed"  # the source facet's value for a contributed case; a study case has its edition's year


@dataclass(frozen=True)
class Facet:
    name: str  # the address bar's parameter and the JSON's key
    title: str
    find_label: str | None  # the label of the box that finds an option, for a facet that may grow long
    values: Callable[[Entry[Case]], list[str]]
    labels: dict[str, str]
    numeric_order: bool = False


def facets(ed: Edition) -> list[Facet]:
    kb = ed.kb
    t = ed.t
    cities = kb.cities.values()
    status_labels = {status.value: ed.status_name(status) for case in kb.cases.values()
                     if (status := case.meta.status)}
    years = {str(year): str(year) for case in kb.cases.values() if (year := case.meta.year_started)}
    return [
        Facet("area", t("Governance area"), None, lambda case: list(case.meta.areas),
              {a: ed.area_name(a) for a in kb.areas}),
        Facet("sdg", t("Sustainable Development Goal"), t("Find a goal"),
              lambda case: [str(n) for n in case.meta.sdgs], {str(n): sdg_label(ed, n) for n in kb.goals},
              numeric_order=True),
        Facet("region", t("UCLG region"), None,
              lambda case: sorted({slugify(kb.cities[c].region) for c in case.meta.cities}),
              {slugify(c.region): ed.region_name(c.region) for c in cities}),
        Facet("country", t("Country"), t("Find a country"),
              lambda case: sorted({kb.cities[c].country for c in case.meta.cities}),
              {c.country: ed.country_name(c) for c in cities}),
        Facet("city", t("City"), t("Find a city"), lambda case: list(case.meta.cities),
              {c.id: ed.city_name(c.id) for c in cities}),
        Facet("source", t("Source"), None,
              lambda case: [str(case.meta.edition) if case.meta.edition else CONTRIBUTED],
              {**{str(year): edition.title for year, edition in kb.study_editions.items()},
               CONTRIBUTED: t("Contributed")}),
        Facet("status", t("Status"), None,
              lambda case: [case.meta.status.value if case.meta.status else NOT_STATED],
              {**status_labels, NOT_STATED: t("Not stated")}),
        Facet("started", t("Year started"), t("Find a year"),
              lambda case: [str(case.meta.year_started) if case.meta.year_started else NOT_STATED],
              {**years, NOT_STATED: t("Not stated")}, numeric_order=True),
    ]


def cases_json(ed: Edition) -> str:
    """Every case with what the explorer filters, shows and exports, and the names of every facet value.

    URLs are relative to the site's root ('cases/x/', 'es/cases/x/'), so the file means the same wherever it
    is read from."""
    all_facets = facets(ed)
    records = []
    for case in ed.sorted_cases:
        words = ed.case(case)
        meta = case.meta
        reviewed = last_reviewed(meta)
        records.append({
            "slug": case.slug, "title": words.title, "summary": words.summary,
            "url": urls.edition_root(ed.language) + urls.served_path(urls.case(case.slug)),
            "meta": " · ".join([", ".join(ed.city_name(c) for c in meta.cities),
                                ", ".join(ed.area_name(a) for a in meta.areas),
                                ", ".join(ed.t("SDG {number}", number=n) for n in meta.sdgs)]),
            **{facet.name: facet.values(case) for facet in all_facets},
            "contributed_by": meta.contributed_by or "",
            "reviewed": f"{reviewed.year}-{reviewed.month:02d}" if reviewed.month else str(reviewed.year),
        })
    labels = {facet.name: facet.labels for facet in all_facets}
    return json.dumps({"language": ed.language, **export_metadata(ed), "labels": labels, "cases": records},
                      ensure_ascii=False, separators=(",", ":"))


def export_metadata(ed: Edition) -> dict:
    """What the explorer's downloads say about the dataset they come from: {"dataset": …}, or nothing when the
    edition has no publication (a test's knowledge base)."""
    publication = ed.publication
    if publication is None:
        return {}
    work = dataset_work(ed)
    return {"dataset": {"title": dataset_title(ed, publication), "version": publication.version,
                        "date": publication.date, "licence": publication.licence.id,
                        "licence_url": publication.licence.url, "url": publication.address(ed.language, urls.DATA),
                        "cite_as": citation_text(ed, work) if work else ""}}


def _order(facet: Facet) -> Callable[[str], tuple]:
    """Numbers in their order, names in the language's alphabetical order; 'not stated' last."""
    def key(value: str) -> tuple:
        number = int(value) if facet.numeric_order and value.isdigit() else 0
        return value == NOT_STATED, number, folded(facet.labels.get(value) or value)
    return key


def _facet_group(facet: Facet, counts: Counter) -> str:
    # Plain f-strings of escaped values: with hundreds of cities this runs for thousands of options.
    options = []
    for value in sorted(counts, key=_order(facet)):
        # The box inside its label needs no id: a third less markup, which counts with hundreds of cities.
        options.append(f'<li><label><input type="checkbox" name="{facet.name}" value="{escape(value)}">'
                       f'<span data-option-name>{escape(facet.labels.get(value, value))}</span> '
                       f'<span class="kb-count" data-facet-count>({counts[value]})</span></label></li>')
    find = ""
    if facet.find_label and len(options) > FINDABLE_AFTER:
        find = (f'<input type="search" class="kb-explorer__find" data-find aria-label="{escape(facet.find_label)}" '
                f'placeholder="{escape(facet.find_label)}" autocomplete="off">')
    return (f'<fieldset class="kb-explorer__facet" data-facet="{facet.name}"><legend>{escape(facet.title)}</legend>'
            f'{find}<ul>{"".join(options)}</ul></fieldset>')


def _script_messages(ed: Edition) -> str:
    """The words explorer.js shows, in the page's language; {count} and {total} are filled in by the script."""
    t = ed.t
    return json.dumps({
        "all": t("{count} cases."), "some": t("{count} of {total} cases match."),
        "more": t("Show {count} more of {total}"), "unavailable": t("Filters are unavailable; the full list of "
                                                                     "cases is below."),
        "no_text_search": t("Searching by word is unavailable; the filters still work."),
        "copied": t("Link copied."), "copy_this": t("Copy this address: {url}"),
        "active": t("({count} on)"), "show": t("Show results ({count})"),
    }, ensure_ascii=False)


def explorer_pages(ed: Edition) -> list[Page]:
    cases = ed.sorted_cases
    all_facets = facets(ed)
    counts: dict[str, Counter] = {facet.name: Counter() for facet in all_facets}
    for case in cases:
        for facet in all_facets:
            counts[facet.name].update(facet.values(case))
    groups = "".join(_facet_group(facet, counts[facet.name]) for facet in all_facets)
    links = Linker(urls.EXPLORER)
    t = ed.t
    status = ed.n("{count} case.", "{count} cases.", len(cases))
    # Not "q" for the text box: Material's search claims that parameter. The tools show only once the head's
    # script has marked the page as scripted (kb.css), so that without JavaScript nothing inert is shown.
    # The bar is a child of the explorer itself, so that it stays in view over the filters and the results alike.
    tools = Markup(
        '<p class="kb-explorer__search"><label for="kb-explorer-text">{search}</label> '
        '<input type="search" id="kb-explorer-text" name="text" form="kb-explorer-filters" autocomplete="off" '
        'placeholder="{placeholder}"></p>'
        '<div class="kb-explorer__bar"><p class="kb-explorer__status" role="status" aria-live="polite" data-status>'
        '{status}</p><button type="button" class="md-button kb-explorer__toggle" aria-expanded="false" '
        'aria-controls="kb-explorer-filters" data-toggle>{filters} <span data-active></span></button></div>'
        '<p class="kb-explorer__actions"><button type="button" class="md-button" data-copy>{copy}</button> '
        '<button type="button" class="md-button" data-export>{download}</button> '
        '<button type="button" class="md-button" data-export-json>{download_json}</button> '
        '<span role="status" aria-live="polite" data-notice></span></p>').format(
        search=t("Search the cases"), placeholder=t("City, initiative or word — accents optional"), status=status,
        filters=t("Filters"), copy=t("Copy link to these results"), download=t("Download these cases (CSV)"),
        download_json=t("Download these cases (JSON)"))
    panel = Markup(
        '<form id="kb-explorer-filters" class="kb-explorer__filters" role="search" aria-label="{filter}" '
        'data-panel>{groups}<p class="kb-explorer__panel-end"><button type="reset" class="md-button">{clear}</button> '
        '<button type="button" class="md-button md-button--primary kb-explorer__close" data-close>{show}</button>'
        '</p></form>').format(filter=t("Filter cases"), groups=Markup(groups), clear=t("Clear filters"),
                              show=t("Show results ({count})", count=ed.messages.number(len(cases))))
    opening = Markup(
        # The data starts loading with the page rather than when the script at its end runs.
        '<link rel="preload" href="{source}" as="fetch" crossorigin="anonymous">'
        '<div class="kb-explorer" data-explorer data-source="{source}" data-site-root="{root}" '
        'data-search-bundle="{bundle}" data-messages="{messages}">{tools}<div class="kb-explorer__layout">'
        '{panel}<div class="kb-explorer__results">').format(
        source=links.href(urls.EXPLORER_DATA), root=urls.site_wide(urls.EXPLORER, ed.language, "") or "./",
        bundle=urls.site_wide(urls.EXPLORER, ed.language, urls.SEARCH_BUNDLE), messages=_script_messages(ed),
        tools=tools, panel=panel)

    def frame(listed: Markup) -> Markup:
        return Markup("{}{}</div></div></div>").format(opening, listed)

    intro = Markup("<p>{}</p>").format(Markup(t(
        "Every case in one list. Filter by governance area, Sustainable Development Goal, region, country, city, "
        "source, status or start year, or search for a word; each filter is kept in the address bar and in your "
        "browser's history, and the filtered list downloads as CSV or JSON, saying which filters made it. Without "
        "JavaScript the full list below still works (all cases are also in {json}).")).format(
        json=links.a(t("one JSON file"), urls.EXPLORER_DATA)))
    return paginated(ed, urls.EXPLORER, t("Case explorer"),
                     t("Filter every case by area, SDG, region, country, city, source, status, start year and text."),
                     [intro], [("", cases)], lambda case, page_links: case_item(ed, case, page_links),
                     list_class="kb-case-list kb-explorer__list", per_page=EXPLORER_PER_PAGE, frame=frame)
