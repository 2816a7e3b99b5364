"""A reader's paths through the site in a real browser."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from govkb.languages import folded


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().removesuffix("¶").strip()


def test_home_area_case_city_sdg(page, base_url, kb):
    page.goto(base_url + "/")
    expect(page.locator("article h1").first).to_contain_text("Smart Governance knowledge base")
    page.get_by_role("link", name="Governance areas", exact=True).first.click()
    assert heading(page) == "Governance areas"
    page.locator("article").get_by_role("link", name="Citizen participation", exact=True).first.click()
    assert heading(page) == "Citizen participation"
    case = kb.cases["decidim-barcelona"].meta
    page.get_by_role("link", name=case.title).first.click()
    assert heading(page) == case.title
    expect(page.locator("a[rel=edit]")).to_have_attribute("href", re.compile(r"/cases/decidim-barcelona\.md$"))
    page.locator(".kb-facts").get_by_role("link", name="Barcelona").click()
    assert heading(page) == "Barcelona"
    page.get_by_role("link", name=case.title).first.click()
    page.locator(".kb-facts a.kb-sdg-16").click()
    assert heading(page).startswith("SDG 16")
    expect(page.locator("article")).to_contain_text(case.title)


# (query, page expected among the first results): cities, cases and body words, with and without accents.
SEARCHES = [
    ("Medellin", "/cities/medellin/"),
    ("medellín", "/cities/medellin/"),
    ("MEDELLIN", "/cities/medellin/"),
    ("Sao Paulo", "/cities/sao-paulo/"),
    ("são paulo", "/cities/sao-paulo/"),
    ("Bogota", "/cities/bogota/"),
    ("Bogotá", "/cities/bogota/"),
    ("Malmo", "/cities/malmo/"),
    ("Cordoba", "/cities/cordoba/"),
    ("Merida", "/cities/merida/"),
    ("Torino", "/cases/torinofacile/"),
    ("Carthage", "/cities/cartago/"),
    ("auzokide plana", "/cases/auzokide-plana-bilbao/"),
    ("decidim", "/cases/decidim-barcelona/"),
    ("cuarentena", "/cases/decidim-barcelona/"),
    ("hyperledger", "/cases/blockchain-merida/"),
    ("micro-grid", "/cases/lappeenranta-virtual-power-plant/"),
    # A case's keywords: the usual term for it, and the programme's name in its own language.
    ("participatory budgeting", "/cases/medellin-participatory-budgeting/"),
    ("presupuesto participativo", "/cases/medellin-participatory-budgeting/"),
]


# Pagefind's UI says how many pages match, then renders the first results (five at most, before "Load more") one
# by one as their fragments arrive, each a placeholder until then: wait until every one of them has loaded, or a
# ranking check would read half a list. Counting links is not enough: a loaded result also links to its headings.
ALL_RESULTS_SHOWN = """() => {
    const message = document.querySelector(".pagefind-ui__message");
    const found = message && message.textContent.match(/^(\\d+)\\s/);  // "3 results", "3 resultados"
    if (!found) return false;
    const expected = Math.min(Number(found[1]), 5);
    const listed = [...document.querySelectorAll("li.pagefind-ui__result")].slice(0, expected);
    const loaded = (result) => result.querySelector(".pagefind-ui__result-link")
        && !result.querySelector(".pagefind-ui__loading");
    return listed.length === expected && listed.every(loaded);
}"""


def search_results(page, base_url, query: str, edition: str = "") -> list[str]:
    """Result pages in rank order, as paths from the site's root ("/cities/bogota/", "/es/cities/bogota/")."""
    page.goto(f"{base_url}{edition}/search/?q={query}")
    page.wait_for_function(ALL_RESULTS_SHOWN, timeout=15000)
    root = urlsplit(base_url).path
    hrefs = [link.get_attribute("href").split("#")[0].removeprefix(root)
             for link in page.locator(".pagefind-ui__result-link").all()]
    return list(dict.fromkeys(hrefs))  # pages in rank order; sub-results point into the same pages


@pytest.mark.parametrize("query, expected", SEARCHES)
def test_search_folds_accents_and_case(page, base_url, query, expected):
    assert expected in search_results(page, base_url, query)[:3]


@pytest.mark.parametrize("city_id", ["medellin", "bilbao", "sao-paulo"])
def test_a_city_name_brings_its_profile_and_cases_first(page, base_url, kb, city_id):
    city = kb.cities[city_id]
    own = {f"/cities/{city_id}/", *(f"/cases/{c.slug}/" for c in kb.cases_by_city[city_id])}
    results = search_results(page, base_url, folded(city.name))
    assert results[0] == f"/cities/{city_id}/"
    assert own <= set(results[: len(own)])


def test_search_results_say_what_they_are_and_do_not_repeat_their_title(page, base_url):
    search_results(page, base_url, "Medellin")
    results = page.locator(".pagefind-ui__result").all()
    assert results[0].locator(".pagefind-ui__result-tag").inner_text() == "Type: City"
    kinds = {result.locator(".pagefind-ui__result-tag").inner_text() for result in results}
    assert {"Type: City", "Type: Case"} <= kinds
    for result in results:
        title = result.locator(".pagefind-ui__result-link").first.inner_text()
        assert title not in result.locator(".pagefind-ui__result-nested").all_inner_texts()


def test_search_offers_no_filter_by_case_and_results_take_the_whole_width(page, base_url):
    search_results(page, base_url, "Medellin")
    expect(page.locator(".pagefind-ui__filter-panel")).to_be_hidden()
    form, results = (page.locator(selector).bounding_box() for selector in (".pagefind-ui__form",
                                                                            ".pagefind-ui__results-area"))
    assert results["x"] == form["x"] and results["width"] == form["width"], (form, results)


def test_header_search_form_opens_results(page, base_url):
    page.goto(base_url + "/cities/")
    page.get_by_label("Search the knowledge base").fill("Bogota")
    page.get_by_label("Search the knowledge base").press("Enter")
    page.wait_for_function(ALL_RESULTS_SHOWN, timeout=15000)
    assert page.url.startswith(base_url + "/search/?q=Bogota")
    first = page.locator(".pagefind-ui__result-link").first
    expect(first).to_have_attribute("href", urlsplit(base_url).path + "/cities/bogota/")
    first.click()
    assert heading(page) == "Bogotá"


def test_palette_toggle_switches_and_is_remembered(page, base_url):
    page.goto(base_url + "/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle = page.locator("form[data-md-component=palette] label:visible")
    expect(toggle).to_have_attribute("title", "Switch to dark mode")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(base_url + "/cases/")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(toggle).to_have_attribute("title", "Switch to light mode")
    toggle.click()
    expect(body).to_have_attribute("data-md-color-scheme", "default")


def test_missing_page_gets_the_404_page(page, base_url):
    response = page.goto(base_url + "/no-such-page/")
    assert response.status == 404
    expect(page.locator("article h1")).to_contain_text("404")
    page.locator("article").get_by_role("link", name="Case explorer").click()
    assert heading(page) == "Case explorer"
    page.go_back()
    page.get_by_label("Search the knowledge base").last.fill("Medellin")
    page.get_by_label("Search the knowledge base").last.press("Enter")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
    assert page.url.startswith(base_url + "/search/?q=Medellin")


def test_map_markers_lead_to_city_profiles(page, base_url, kb):
    """Every city is a marker of its own or in a group's list; a group opens its list without a script."""
    page.goto(base_url + "/cities/")
    shown = page.locator(".kb-map ul.kb-map__places:visible")
    assert shown.locator("a").count() == len(kb.cities)
    group = shown.locator("details", has=page.locator("a", has_text=re.compile("^Medellín$")))
    group.locator("summary").click()
    group.get_by_role("link", name="Medellín").click()
    assert heading(page) == "Medellín"
    expect(page.locator(".kb-map a.kb-map__city--highlight:visible")).to_have_attribute("aria-label", "Medellín")
