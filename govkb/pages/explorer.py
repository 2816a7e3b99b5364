"""The case explorer: every case, with facets that filter them in the browser.

Without JavaScript the explorer is a complete list of the cases, split into pages. With it,
``explorer.js`` loads one compact JSON file of every case, filters by facet and text, keeps the filter
state in the URL and exports the matching cases as CSV. Its words come with the page, in its language.
"""

from __future__ import annotations

import json
from collections import Counter

from markupsafe import Markup, escape

from .. import urls
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
FACETS = ("area", "sdg", "region", "country", "city")


def _facet_titles(ed: Edition) -> dict[str, str]:
    return {"area": ed.t("Governance area"), "sdg": ed.t("Sustainable Development Goal"),
            "region": ed.t("UCLG region"), "country": ed.t("Country"), "city": ed.t("City")}


def _facets(ed: Edition, case: Entry[Case]) -> dict[str, list[str]]:
    cities = [ed.kb.cities[c] for c in case.meta.cities]
    return {
        "area": list(case.meta.areas),
        "sdg": [str(n) for n in case.meta.sdgs],
        "region": sorted({slugify(c.region) for c in cities}),
        "country": sorted({c.country for c in cities}),
        "city": list(case.meta.cities),
    }


def _labels(ed: Edition) -> dict[str, dict[str, str]]:
    kb = ed.kb
    return {
        "area": {a: ed.area_name(a) for a in kb.areas},
        "sdg": {str(n): sdg_label(ed, n) for n in kb.goals},
        "region": {slugify(c.region): ed.region_name(c.region) for c in kb.cities.values()},
        "country": {c.country: ed.country_name(c) for c in kb.cities.values()},
        "city": {c.id: ed.city_name(c.id) for c in kb.cities.values()},
    }


def cases_json(ed: Edition) -> str:
    """Every case with what the explorer filters, shows and exports; URLs are relative to the explorer."""
    kb = ed.kb
    records = []
    for case in ed.sorted_cases:
        words = ed.case(case)
        names = [ed.city_name(c) for c in case.meta.cities]
        areas = [ed.area_name(a) for a in case.meta.areas]
        countries = [ed.country_name(kb.cities[c]) for c in case.meta.cities]
        # Every spelling of a city finds it, whatever the reader's language: "Turin", "Turín", "Torino".
        others = [n for c in case.meta.cities for n in (kb.cities[c].name, *kb.cities[c].other_names)]
        records.append({
            "slug": case.slug, "title": words.title, "summary": words.summary,
            "url": urls.served_url(urls.EXPLORER, urls.case(case.slug)),
            "meta": " · ".join([", ".join(names), ", ".join(areas),
                                ", ".join(ed.t("SDG {number}", number=n) for n in case.meta.sdgs)]),
            "text": folded(" ".join([words.title, words.summary, *names, *countries, *others, *areas])),
            **_facets(ed, case),
        })
    return json.dumps({"cases": records}, ensure_ascii=False, separators=(",", ":"))


def _facet_group(name: str, title: str, counts: Counter, labels: dict[str, str]) -> str:
    # Plain f-strings of escaped values: with hundreds of cities this runs for thousands of options.
    options = []
    for value in sorted(counts, key=lambda v: (int(v) if v.isdigit() else 0, folded(labels.get(v) or v))):
        # The box inside its label needs no id: a third less markup, which counts with hundreds of cities.
        options.append(f'<li><label><input type="checkbox" name="{name}" value="{escape(value)}">'
                       f'{escape(labels.get(value, value))} '
                       f'<span class="kb-count" data-facet-count>({counts[value]})</span></label></li>')
    return (f'<fieldset class="kb-explorer__facet"><legend>{escape(title)}</legend>'
            f'<ul>{"".join(options)}</ul></fieldset>')


def _script_messages(ed: Edition) -> str:
    """The words explorer.js shows, in the page's language; {count} and {total} are filled in by the script."""
    t = ed.t
    return json.dumps({
        "all": t("{count} cases."), "some": t("{count} of {total} cases match."),
        "more": t("Show {count} more of {total}"), "unavailable": t("Filters are unavailable; the full list of "
                                                                     "cases is below."),
    }, ensure_ascii=False)


def export_metadata(ed: Edition) -> str:
    """What the explorer's downloads say about the dataset they come from (see exportMetadata in explorer.js)."""
    publication = ed.publication
    if publication is None:
        return "{}"
    work = dataset_work(ed)
    return json.dumps({"title": dataset_title(ed, publication), "version": publication.version,
                       "date": publication.date, "licence": publication.licence.id,
                       "licence_url": publication.licence.url,
                       "url": publication.address(ed.language, urls.DATA),
                       "cite_as": citation_text(ed, work) if work else ""},
                      ensure_ascii=False)


def explorer_pages(ed: Edition) -> list[Page]:
    cases = ed.sorted_cases
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for case in cases:
        for name, values in _facets(ed, case).items():
            counts[name].update(values)
    labels = _labels(ed)
    titles = _facet_titles(ed)
    facets = "".join(_facet_group(name, titles[name], counts[name], labels[name]) for name in FACETS)
    links = Linker(urls.EXPLORER)
    t = ed.t
    # Not "q" for the text box: Material's search claims that parameter.
    controls = Markup(
        '<div class="kb-explorer" data-explorer data-source="{source}" data-messages="{messages}" '
        'data-dataset="{dataset}">'
        '<form class="kb-explorer__filters" role="search" aria-label="{filter}" hidden>'
        '<p><label for="kb-explorer-text">{search}</label> '
        '<input type="search" id="kb-explorer-text" name="text" autocomplete="off" placeholder="{placeholder}"></p>'
        "{facets}"
        '<p><button type="reset" class="md-button">{clear}</button> '
        '<button type="button" class="md-button md-button--primary" data-export>{download}</button> '
        '<button type="button" class="md-button" data-export-json>{download_json}</button></p></form>'
        '<p class="kb-explorer__status" role="status" aria-live="polite" data-status>{status}</p></div>').format(
        source=links.href(urls.EXPLORER_DATA), messages=_script_messages(ed), filter=t("Filter cases"),
        search=t("Search the cases"), placeholder=t("City, initiative or word — accents optional"),
        facets=Markup(facets), clear=t("Clear filters"), download=t("Download these cases (CSV)"),
        download_json=t("Download these cases (JSON)"), dataset=export_metadata(ed),
        status=ed.n("{count} case.", "{count} cases.", len(cases)))
    intro = Markup("<p>{}</p>").format(Markup(t(
        "Every case in one list. Filter by governance area, Sustainable Development Goal, region, country or city, "
        "or type a word; the address bar keeps your filters, so a filtered view can be shared, and the filtered list "
        "downloads as CSV. Without JavaScript the full list below still works (all cases are also in {json}).")).format(
        json=links.a(t("one JSON file"), urls.EXPLORER_DATA)))
    return paginated(ed, urls.EXPLORER, t("Case explorer"),
                     t("Filter every case by area, SDG, region, country, city and text."),
                     [intro, controls], [("", cases)], lambda case, page_links: case_item(ed, case, page_links),
                     list_class="kb-case-list kb-explorer__list", per_page=EXPLORER_PER_PAGE)
