"""The search page the header's form opens; without JavaScript it says where else to look."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from .html import Linker, Markdown
from .page import Page, make_page


def search_page() -> Page:
    links = Linker(urls.SEARCH)
    bundle = links.href(urls.SEARCH_BUNDLE)
    # Pagefind's UI loads on this page only, not with every page of the site.
    html = Markup('<link rel="stylesheet" href="{css}">\n'
                  '<div class="kb-search" id="kb-search" data-bundle="{bundle}" data-pagefind-ignore="all">\n'
                  "<noscript><p>Search needs JavaScript. Without it, browse the {cases}, {cities} and {explorer}."
                  "</p></noscript>\n"
                  "</div>\n"
                  '<script src="{js}"></script>\n'
                  '<script src="{script}"></script>').format(
        css=bundle + "pagefind-ui.css", bundle=bundle, js=bundle + "pagefind-ui.js",
        script=links.href(urls.SEARCH_SCRIPT), cases=links.a("cases", urls.CASES),
        cities=links.a("cities", urls.CITIES), explorer=links.a("the case explorer", urls.EXPLORER))
    intro = Markdown("Search every case, city, area, goal and survey figure. Accents are optional: "
                     "*Medellin* finds Medellín and *Sao Paulo* finds São Paulo.")
    return make_page(urls.SEARCH, "Search", "Search the Smart Governance knowledge base.", [intro, html],
                     searchable=False)
