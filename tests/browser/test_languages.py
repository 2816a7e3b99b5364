"""A reader moving between the editions: the language menu keeps the page, and search works in each language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_browse import heading, search_results


def test_the_language_menu_opens_the_same_page_in_each_edition(page, base_url, kb):
    page.goto(base_url + "/cases/decidim-barcelona/")
    for language, name, title in (("es", "Español", "Decidim, la plataforma abierta"),
                                  ("fr", "Français", "Decidim, la plateforme ouverte"),
                                  ("en", "English", kb.cases["decidim-barcelona"].meta.title)):
        page.locator(".kb-languages button").click()
        page.locator(".kb-languages").get_by_role("link", name=name, exact=True).click()
        prefix = "" if language == "en" else f"/{language}"
        expect(page).to_have_url(f"{base_url}{prefix}/cases/decidim-barcelona/")
        assert page.locator("html").get_attribute("lang") == language
        assert heading(page).startswith(title)


@pytest.mark.parametrize("edition, query, expected", [
    ("es", "participacion ciudadana", "/es/areas/citizen-participation/"),
    ("es", "Medellin", "/es/cities/medellin/"),
    ("es", "presupuesto participativo", "/es/cases/medellin-participatory-budgeting/"),
    ("fr", "evaluation des politiques", "/fr/areas/policy-assessment/"),
    ("fr", "Bogota", "/fr/cities/bogota/"),
])
def test_search_in_each_edition_finds_its_own_pages_without_accents(page, base_url, edition, query, expected):
    results = search_results(page, base_url, query, edition=f"/{edition}")
    assert all(result.startswith(f"/{edition}/") for result in results), results
    assert expected in results[:3], results
