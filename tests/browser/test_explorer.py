"""The case explorer in a real browser, at a laptop's size and a phone's: filters, counts, words, history,
shared links and downloads, measured rather than looked at."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from .conftest import PHONE, _open_context, close


def ready(page) -> None:
    page.locator("[data-explorer][data-ready]").wait_for(state="attached")


def listed_slugs(page) -> list[str]:
    ready(page)
    return page.locator(".kb-explorer__list > li").evaluate_all("items => items.map(i => i.dataset.slug)")


def test_filters_counts_address_and_download(page, base_url, kb):
    page.goto(base_url + "/explore/")
    assert listed_slugs(page) == [case.slug for case in kb.sorted_cases][:100]  # the first hundred, then "more"
    expect(page.locator(".kb-explorer__more")).to_be_hidden()  # nothing more to show: no "Show -77 more"
    page.get_by_label(re.compile(r"^Citizen participation \(")).check()
    page.get_by_label(re.compile(r"^SDG 16 · ")).check()
    expected = sorted(c.slug for c in kb.cases.values()
                      if "citizen-participation" in c.meta.areas and 16 in c.meta.sdgs)
    assert sorted(listed_slugs(page)) == expected
    expect(page.locator("[data-status]")).to_have_text(f"{len(expected)} of {len(kb.cases)} cases match.")
    # An option counts what it would show with the other filters kept.
    with_values = sum(1 for c in kb.cases.values() if "citizen-participation" in c.meta.areas and 11 in c.meta.sdgs)
    assert f"({with_values})" in page.get_by_text(re.compile(r"^SDG 11 · ")).locator("..").inner_text()
    assert parse_qs(urlsplit(page.url).query) == {"area": ["citizen-participation"], "sdg": ["16"]}

    page.reload()
    assert sorted(listed_slugs(page)) == expected
    expect(page.get_by_label(re.compile(r"^Citizen participation \("))).to_be_checked()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these cases (CSV)").click()
    download = download_info.value
    assert download.suggested_filename == "smart-governance-cases_area-citizen-participation_sdg-16.csv"
    raw = download.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads UTF-8 only with its byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert sorted(r["slug"] for r in rows) == expected
    for row in rows:
        case = kb.cases[row["slug"]].meta
        assert row["title"] == case.title
        assert row["city_names"] == "; ".join(kb.cities[c].name for c in case.cities)
        assert row["country_names"] == "; ".join(kb.cities[c].country_name for c in case.cities)
        assert "SDG 16 · Peace, Justice and Strong Institutions" in row["sdg_titles"].split("; ")
        assert row["source"] == "Smart Cities Study 2019" and row["last_reviewed"] == "2019"
        assert row["url"] == f"{base_url}/cases/{row['slug']}/"
        # A filtered file says so, and which dataset it comes from: never to be taken for the whole.
        assert (row["filters"], row["dataset_version"], row["licence"]) == (
            "area=citizen-participation&sdg=16", "1.0.0", "CC-BY-4.0")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download these cases (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == "smart-governance-cases_area-citizen-participation_sdg-16.json"
    exported = json.loads(download.path().read_text(encoding="utf-8"))
    assert exported["filters"] == {"area": ["citizen-participation"], "sdg": ["16"]}
    assert (exported["cases_shown"], exported["cases_in_dataset"]) == (len(expected), len(kb.cases))
    assert exported["dataset"]["version"] == "1.0.0" and exported["dataset"]["licence"] == "CC-BY-4.0"
    assert exported["dataset"]["url"].endswith("/data/") and "[Dataset]" in exported["dataset"]["cite_as"]
    assert [case["slug"] for case in exported["cases"]] == [row["slug"] for row in rows]


def test_words_are_found_as_the_site_search_finds_them(page, base_url, kb):
    """The text box asks the site's search index: no accents needed, and Spanish words find English pages as
    the header's search does."""
    page.goto(base_url + "/explore/?text=bogota")
    assert {case.slug for case in kb.cases_by_city["bogota"]} <= set(listed_slugs(page))
    page.get_by_label("Search the cases").fill("participacion")
    page.wait_for_url(re.compile(r"\?text=participacion$"))
    found = listed_slugs(page)
    assert "medellin-participatory-budgeting" in found and len(found) < len(kb.cases)
    assert parse_qs(urlsplit(page.url).query) == {"text": ["participacion"]}


def test_back_undoes_one_filter_at_a_time(page, base_url):
    page.goto(base_url + "/explore/")
    ready(page)
    page.get_by_label(re.compile(r"^Open data \(")).check()
    page.get_by_label(re.compile(r"^Spain \(")).check()
    assert parse_qs(urlsplit(page.url).query) == {"area": ["open-data"], "country": ["ES"]}
    page.go_back()
    expect(page.get_by_label(re.compile(r"^Spain \("))).not_to_be_checked()
    expect(page.get_by_label(re.compile(r"^Open data \("))).to_be_checked()
    assert parse_qs(urlsplit(page.url).query) == {"area": ["open-data"]}
    page.go_back()
    expect(page.get_by_label(re.compile(r"^Open data \("))).not_to_be_checked()
    assert page.url == base_url + "/explore/"


def test_copy_link_copies_the_filtered_address(browser, base_url):
    context, _ = _open_context(browser, base_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "/explore/?sdg=11")
    ready(page)
    page.get_by_role("button", name="Copy link to these results").click()
    expect(page.locator("[data-notice]")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    close(context)


def test_a_long_facet_finds_its_options_by_name(page, base_url):
    page.goto(base_url + "/explore/")
    ready(page)
    page.get_by_label("Find a city").fill("bogo")
    visible = page.locator("[data-facet=city] li:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("Bogotá")


def test_on_a_phone_results_come_first_and_every_option_is_reachable(phone, base_url, kb):
    page = phone
    page.goto(base_url + "/explore/")
    ready(page)
    first = page.locator(".kb-explorer__list > li").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"], "the first result starts below the first screen"
    expect(page.locator("[data-panel]")).to_be_hidden()  # the filters wait in their panel

    page.get_by_role("button", name=re.compile("^Filters")).click()
    expect(page.get_by_role("button", name=re.compile("^Filters"))).to_have_attribute("aria-expanded", "true")
    facets = page.locator(".kb-explorer__facet")
    # No facet scrolls inside itself: every option is on the page, with its count.
    assert facets.evaluate_all("sets => sets.filter(s => s.scrollHeight > s.clientHeight + 1).length") == 0
    options = page.locator(".kb-explorer__facet label")
    assert options.count() == sum(len(set(values)) for values in facet_values(kb).values())
    assert options.evaluate_all("labels => labels.filter(l => !l.checkVisibility() || l.getBoundingClientRect()"
                                ".right > innerWidth || l.getBoundingClientRect().height < 24).length") == 0
    assert all(re.search(r"\(\d+\)$", text) for text in options.all_inner_texts())

    # Ticking an option far down the panel keeps the count in view.
    last_city = page.locator("[data-facet=city] label").last
    last_city.click()
    status = page.locator("[data-status]")
    expect(status).to_have_text(re.compile(r"of \d+ cases match"))
    box = status.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]

    page.get_by_role("button", name=re.compile(r"^Show results \(\d+\)$")).click()
    expect(page.locator("[data-panel]")).to_be_hidden()


def facet_values(kb) -> dict[str, list[str]]:
    """Each facet's values over the real cases, as the explorer lists them."""
    cases = [case.meta for case in kb.cases.values()]
    return {
        "area": [a for c in cases for a in c.areas], "sdg": [str(n) for c in cases for n in c.sdgs],
        "region": [kb.cities[city].region for c in cases for city in c.cities],
        "country": [kb.cities[city].country for c in cases for city in c.cities],
        "city": [city for c in cases for city in c.cities],
        "source": [str(c.edition) if c.edition else "contributed" for c in cases],
        "status": [c.status.value if c.status else "none" for c in cases],
        "started": [str(c.year_started) if c.year_started else "none" for c in cases],
    }


def test_without_javascript_the_list_is_complete(browser, base_url, kb):
    """Without JavaScript the explorer is the whole list, page after page by its pager, and no inert tool."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/explore/")
    for tool in (".kb-explorer__search", ".kb-explorer__bar", ".kb-explorer__actions", "[data-panel]"):
        expect(page.locator(tool)).to_be_hidden()
    pages = [page.url, *(base_url + "/explore/" + link.get_attribute("href")
                         for link in page.locator(".kb-pager a").all())]
    titles = []
    for url in pages:
        page.goto(url)
        titles += page.locator(".kb-explorer__list > li > a").all_inner_texts()
    assert titles == [case.meta.title for case in kb.sorted_cases]
    context.close()
