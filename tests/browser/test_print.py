"""Case, city and indicator pages print cleanly: Chromium's PDF of each holds the page's title and text, the
address of each link to another site, and none of the site's navigation, header or footer."""

from __future__ import annotations

import io

from pypdf import PdfReader

# Words of the header, tabs, sidebars and footer that the page's own text does not use.
NAVIGATION = ["Case explorer", "Accessibility", "Table of contents", "Material for MkDocs", "Skip to content"]


def test_case_city_and_indicator_pages_print_without_navigation_and_with_link_addresses(page, base_url, kb):
    case, city, indicator = kb.cases["decidim-barcelona"], kb.cities["barcelona"], kb.indicators["assessment-timing"]
    printed = {
        "/cases/decidim-barcelona/": (case.meta.title, [link.url for link in case.meta.links]),
        "/cities/barcelona/": (city.name, [city.website]),
        "/indicators/assessment-timing/": (indicator.meta.title, []),
    }
    for path, (title, addresses) in printed.items():
        page.goto(base_url + path)
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
        assert title in text, path
        assert not [word for word in NAVIGATION if word in text], path
        for address in addresses:
            assert f"({address.rstrip('/')}" in text.replace(" ", ""), (path, address)
