"""The search page the header's form opens; without JavaScript it says where else to look."""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from .edition import Edition
from .html import Linker, Markdown
from .page import Page, make_page


def search_page(ed: Edition) -> Page:
    links = Linker(urls.SEARCH)
    # One Pagefind index serves every edition, at the site's root; its UI picks the index of the page's language.
    bundle = urls.site_wide(urls.SEARCH, ed.language, urls.SEARCH_BUNDLE)
    t = ed.t
    # Pagefind's UI loads on this page only, not with every page of the site.
    html = Markup('<link rel="stylesheet" href="{css}">\n'
                  '<div class="kb-search" id="kb-search" data-bundle="{bundle}" data-placeholder="{placeholder}" '
                  'data-pagefind-ignore="all">\n'
                  "<noscript><p>{fallback}</p></noscript>\n"
                  "</div>\n"
                  '<script src="{js}"></script>\n'
                  '<script src="{script}"></script>').format(
        css=bundle + "pagefind-ui.css", bundle=bundle, js=bundle + "pagefind-ui.js",
        placeholder=t("Search cases, cities, goals and figures"), script=links.href(urls.SEARCH_SCRIPT),
        fallback=Markup(t("Search needs JavaScript. Without it, browse the {cases}, {cities} and {explorer}.")).format(
            cases=links.a(t("cases"), urls.CASES), cities=links.a(t("cities"), urls.CITIES),
            explorer=links.a(t("the case explorer"), urls.EXPLORER)))
    intro = Markdown(t("Search every case, city, area, goal and figure. Accents are optional: *Medellin* finds "
                       "Medellín and *Sao Paulo* finds São Paulo."))
    return make_page(urls.SEARCH, t("Search"), t("Search the Smart Governance knowledge base."), [intro, html],
                     searchable=False)
