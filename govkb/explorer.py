"""The case explorer: every case in one list, with facets that filter it in the browser.

The list is complete HTML, so the page is readable with no JavaScript; ``explorer.js`` reveals the
filters, keeps the filter state in the URL and exports the visible cases as CSV.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from html import escape

from .knowledge import Entry, KnowledgeBase
from .mdtext import served_url
from .models import Case
from .pages import Page, page_markdown
from .slugs import slugify

URI = "explore.md"


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
        "sdg": {str(n): f"SDG {n} · {sdg.name}" for n, sdg in kb.sdgs.items()},
        "region": {slugify(c.region): c.region for c in kb.cities.values()},
        "country": {c.country: c.country_name for c in kb.cities.values()},
        "city": {c.id: c.name for c in kb.cities.values()},
    }


FACET_TITLES = {"area": "Governance area", "sdg": "Sustainable Development Goal", "region": "UCLG region",
                "country": "Country", "city": "City"}


def _item(kb: KnowledgeBase, case: Entry[Case]) -> str:
    facets = _facets(kb, case)
    data = " ".join(f'data-{name}="{escape(" ".join(values))}"' for name, values in facets.items())
    names = ", ".join(kb.cities[c].name for c in case.meta.cities)
    areas = ", ".join(kb.areas[a].name for a in case.meta.areas)
    goals = ", ".join(f"SDG {n}" for n in case.meta.sdgs)
    search_text = folded(" ".join([case.meta.title, case.meta.summary, names,
                                   *(kb.cities[c].country_name for c in case.meta.cities),
                                   *(n for c in case.meta.cities for n in kb.cities[c].other_names), areas]))
    href = served_url(URI, f"cases/{case.slug}.md")
    return (f'<li class="kb-explorer__item" {data} data-text="{escape(search_text)}" data-slug="{escape(case.slug)}">'
            f'<a href="{escape(href)}">{escape(case.meta.title)}</a>'
            f'<span class="kb-explorer__meta">{escape(names)} · {escape(areas)} · {escape(goals)}</span>'
            f'<span class="kb-explorer__summary">{escape(case.meta.summary)}</span></li>')


def _facet_group(name: str, counts: Counter, labels: dict[str, str]) -> str:
    options = []
    for value in sorted(counts, key=lambda v: (int(v) if v.isdigit() else 0, folded(labels.get(v, v)))):
        ident = f"kb-f-{name}-{value}"
        options.append(f'<li><input type="checkbox" id="{escape(ident)}" name="{name}" value="{escape(value)}">'
                       f'<label for="{escape(ident)}">{escape(labels.get(value, value))} '
                       f'<span class="kb-count" data-facet-count>({counts[value]})</span></label></li>')
    return (f'<fieldset class="kb-explorer__facet"><legend>{escape(FACET_TITLES[name])}</legend>'
            f'<ul>{"".join(options)}</ul></fieldset>')


def explorer_page(kb: KnowledgeBase) -> Page:
    cases = kb.sorted_cases
    counts: dict[str, Counter] = {name: Counter() for name in FACET_TITLES}
    for case in cases:
        for name, values in _facets(kb, case).items():
            counts[name].update(values)
    labels = _labels(kb)
    facets = "".join(_facet_group(name, counts[name], labels[name]) for name in FACET_TITLES)
    html = (
        '<div class="kb-explorer" data-explorer>\n'
        '<form class="kb-explorer__filters" role="search" aria-label="Filter cases" hidden>'
        '<p><label for="kb-explorer-text">Search the cases</label> '
        # Not "q": Material's search box claims that parameter.
        '<input type="search" id="kb-explorer-text" name="text" autocomplete="off" '
        'placeholder="City, initiative or word — accents optional"></p>'
        f'{facets}'
        '<p><button type="reset" class="md-button">Clear filters</button> '
        '<button type="button" class="md-button md-button--primary" data-export>Download these cases (CSV)</button>'
        '</p></form>\n'
        f'<p class="kb-explorer__status" role="status" aria-live="polite" data-status>'
        f'{len(cases)} cases.</p>\n'
        f'<ul class="kb-explorer__list" data-list>{"".join(_item(kb, c) for c in cases)}</ul>\n'
        '</div>'
    )
    intro = ("Every case in one list. Filter by governance area, Sustainable Development Goal, region, country "
             "or city, or type a word; the address bar keeps your filters, so a filtered view can be shared, "
             "and the filtered list downloads as CSV. Without JavaScript the full list below still works.")
    return Page(URI, "Case explorer", "Filter every case by area, SDG, region, country, city and text.",
                page_markdown("Case explorer", intro, html))
