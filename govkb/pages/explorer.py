"""The case explorer: every case, with facets that filter them in the browser.

Without JavaScript the explorer is a complete list of the cases, split into pages. With it,
``explorer.js`` loads one compact JSON file of every case, filters by facet and text, keeps the filter
state in the URL and exports the matching cases as CSV.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter

from markupsafe import Markup, escape

from .. import urls
from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case
from ..content.slugs import slugify
from .html import Linker
from .page import Page, paginated
from .parts import case_item, sdg_label

# Fewer cases per page than other lists: the explorer's first page also carries every facet value.
EXPLORER_PER_PAGE = 50
FACET_TITLES = {"area": "Governance area", "sdg": "Sustainable Development Goal", "region": "UCLG region",
                "country": "Country", "city": "City"}


def folded(text: str) -> str:
    """Lower case without accents: what the in-browser text filter compares."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _facets(kb: KnowledgeBase, case: Entry[Case]) -> dict[str, list[str]]:
    cities = [kb.cities[c] for c in case.meta.cities]
    return {
        "area": list(case.meta.areas),
        "sdg": [str(n) for n in case.meta.sdgs],
        "region": sorted({slugify(c.region) for c in cities}),
        "country": sorted({c.country for c in cities}),
        "city": list(case.meta.cities),
    }


def _labels(kb: KnowledgeBase) -> dict[str, dict[str, str]]:
    return {
        "area": {a: area.name for a, area in kb.areas.items()},
        "sdg": {str(n): sdg_label(goal) for n, goal in kb.goals.items()},
        "region": {slugify(c.region): c.region for c in kb.cities.values()},
        "country": {c.country: c.country_name for c in kb.cities.values()},
        "city": {c.id: c.name for c in kb.cities.values()},
    }


def cases_json(kb: KnowledgeBase) -> str:
    """Every case with what the explorer filters, shows and exports; URLs are relative to the explorer."""
    records = []
    for case in kb.sorted_cases:
        names = [kb.cities[c].name for c in case.meta.cities]
        areas = [kb.areas[a].name for a in case.meta.areas]
        countries = [kb.cities[c].country_name for c in case.meta.cities]
        others = [n for c in case.meta.cities for n in kb.cities[c].other_names]
        records.append({
            "slug": case.slug, "title": case.meta.title, "summary": case.meta.summary,
            "url": urls.served_url(urls.EXPLORER, urls.case(case.slug)),
            "meta": " · ".join([", ".join(names), ", ".join(areas), ", ".join(f"SDG {n}" for n in case.meta.sdgs)]),
            "text": folded(" ".join([case.meta.title, case.meta.summary, *names, *countries, *others, *areas])),
            **_facets(kb, case),
        })
    return json.dumps({"cases": records}, ensure_ascii=False, separators=(",", ":"))


def _facet_group(name: str, counts: Counter, labels: dict[str, str]) -> str:
    # Plain f-strings of escaped values: with hundreds of cities this runs for thousands of options.
    options = []
    for value in sorted(counts, key=lambda v: (int(v) if v.isdigit() else 0, folded(labels.get(v) or v))):
        # The box inside its label needs no id: a third less markup, which counts with hundreds of cities.
        options.append(f'<li><label><input type="checkbox" name="{name}" value="{escape(value)}">'
                       f'{escape(labels.get(value, value))} '
                       f'<span class="kb-count" data-facet-count>({counts[value]})</span></label></li>')
    return (f'<fieldset class="kb-explorer__facet"><legend>{escape(FACET_TITLES[name])}</legend>'
            f'<ul>{"".join(options)}</ul></fieldset>')


def explorer_pages(kb: KnowledgeBase) -> list[Page]:
    cases = kb.sorted_cases
    counts: dict[str, Counter] = {name: Counter() for name in FACET_TITLES}
    for case in cases:
        for name, values in _facets(kb, case).items():
            counts[name].update(values)
    labels = _labels(kb)
    facets = "".join(_facet_group(name, counts[name], labels[name]) for name in FACET_TITLES)
    links = Linker(urls.EXPLORER)
    controls = Markup(
        f'<div class="kb-explorer" data-explorer data-source="{escape(links.href(urls.EXPLORER_DATA))}">'
        '<form class="kb-explorer__filters" role="search" aria-label="Filter cases" hidden>'
        '<p><label for="kb-explorer-text">Search the cases</label> '
        # Not "q": Material's search claims that parameter.
        '<input type="search" id="kb-explorer-text" name="text" autocomplete="off" '
        'placeholder="City, initiative or word — accents optional"></p>'
        f'{facets}'
        '<p><button type="reset" class="md-button">Clear filters</button> '
        '<button type="button" class="md-button md-button--primary" data-export>Download these cases (CSV)</button>'
        '</p></form>'
        f'<p class="kb-explorer__status" role="status" aria-live="polite" data-status>{len(cases)} cases.</p>'
        "</div>"
    )
    intro = Markup("<p>Every case in one list. Filter by governance area, Sustainable Development Goal, region, "
                   "country or city, or type a word; the address bar keeps your filters, so a filtered view can be "
                   "shared, and the filtered list downloads as CSV. Without JavaScript the full list below still "
                   "works (all cases are also in {}).</p>").format(links.a("one JSON file", urls.EXPLORER_DATA))
    return paginated(urls.EXPLORER, "Case explorer", "Filter every case by area, SDG, region, country, city and text.",
                     [intro, controls], [("", cases)], lambda case, page_links: case_item(kb, case, page_links),
                     list_class="kb-case-list kb-explorer__list", per_page=EXPLORER_PER_PAGE)
