"""The three editions: every page in English, Spanish and French, translated, in its language, with its
alternates; translations that say what the original says; a missing one shown in the original with a notice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from govkb.build import prepare
from govkb.languages import DEFAULT, LANGUAGES, editions_to_build
from govkb.messages import catalogue

from .conftest import ROOT, parsed, run_kb

SITE_URL = "https://uclg-digital-cities.github.io/smart-governance-kb/"
OTHERS = [language for language in LANGUAGES if language != DEFAULT]


def english_pages(site: Path) -> list[Path]:
    """Every HTML page of the English edition, as a path within the edition."""
    return sorted(p.relative_to(site) for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in ("es", "fr", "pagefind", "assets"))


def soup(path: Path) -> BeautifulSoup:
    return parsed(path)


def words(page: BeautifulSoup) -> str:
    article = page.select_one("article")
    return " ".join(article.get_text(" ").split()) if article else ""


def test_shipped_content_is_translated_everywhere(kb):
    assert kb.warnings == []
    for language in OTHERS:
        folder = ROOT / "content" / language
        english = {p.relative_to(ROOT / "content/en") for p in (ROOT / "content/en").rglob("*.md")}
        assert english == {p.relative_to(folder) for p in folder.rglob("*.md")}


def test_every_page_exists_in_every_edition_translated_and_in_its_language(site):
    pages = english_pages(site)
    assert len(pages) > 100
    for page in pages:
        english = soup(site / page)
        assert english.html["lang"] == "en"
        for language in OTHERS:
            translated_path = site / language / page
            assert translated_path.is_file(), f"{language}/{page} is missing"
            translated = soup(translated_path)
            assert translated.html["lang"] == language, page
            # Not the English page under another address: its words differ.
            assert words(translated) != words(english), f"{language}/{page} reads the same as the English"


def test_every_page_lists_its_alternates_and_the_sitemap_too(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in english_pages(site):
        path = "" if page.name == "index.html" and page.parent == Path() else page.parent.as_posix() + "/"
        if page.name == "404.html":
            continue
        expected = {"en": SITE_URL + path, "es": SITE_URL + "es/" + path, "fr": SITE_URL + "fr/" + path,
                    "x-default": SITE_URL + path}
        for language in LANGUAGES:
            edition = site / ("" if language == DEFAULT else language) / page
            links = {link["hreflang"]: link["href"]
                     for link in soup(edition).select("head link[rel=alternate][hreflang]")}
            assert links == expected, (language, page)
        assert f'<loc>{SITE_URL}es/{path}</loc>' in sitemap
        assert f'hreflang="fr" href="{SITE_URL}fr/{path}"' in sitemap
    # The editions' own sitemaps are merged into the root's; what remains beside their pages is empty.
    assert "<url>" not in (site / "es/sitemap.xml").read_text(encoding="utf-8")


def test_no_edition_mixes_english_into_its_interface(site):
    """No label, heading, button or menu item of a Spanish or French page is left in English."""
    for language in OTHERS:
        translated = {str(m.id): str(m.string) for m in catalogue(language) if m.id and isinstance(m.id, str)}
        english_only = {msgid for msgid, text in translated.items() if text != msgid and "{" not in msgid}
        for page in english_pages(site):
            page_soup = soup(site / language / page)
            interface = [*page_soup.select("header, .md-tabs, nav.md-nav--primary, .kb-facts strong, button, "
                                           "legend, summary, label, th[scope=col], h2, .kb-tag")]
            texts = {" ".join(element.get_text(" ").split()) for element in interface}
            texts |= {element["aria-label"] for element in page_soup.select("[aria-label]")}
            leftovers = sorted(texts & english_only)
            assert not leftovers, f"{language}/{page}: {leftovers}"


def test_translations_say_which_language_they_come_from(site, kb):
    for slug in kb.cases:
        spanish = words(soup(site / "es/cases" / slug / "index.html"))
        french = words(soup(site / "fr/cases" / slug / "index.html"))
        assert "Traducido del inglés." in spanish and "Traduit de l’anglais." in french, slug


def test_numbers_follow_each_language(site):
    """The same figure, printed as each language prints it."""
    figures = {"": "4.6", "es/": "4,6", "fr/": "4,6"}
    for edition, printed in figures.items():
        page = soup(site / edition / "indicators/foresight-development-priority/index.html")
        table = page.select_one(".kb-data table")
        assert printed in table.get_text(), edition
    french = soup(site / "fr/indicators/mandate-plan/index.html").select_one(".kb-data table").get_text()
    assert "60\u202f%" in french


def test_a_missing_translation_shows_the_original_with_a_notice(project):
    (project / "cases/decidim-barcelona.fr.md").unlink()
    (project / "content/es/about.md").unlink()
    assert run_kb(project, "validate") == 0  # a warning, not a failure
    builds = prepare(project, languages=("es", "fr"))
    page = builds["fr"].pages["cases/decidim-barcelona.md"]
    html = "".join(page.html_blocks)
    assert "n’a pas encore été traduit en français" in html and "affiché en anglais" in html
    assert page.title.startswith("Decidim, Barcelona's open platform")
    fallback = next(f for f in builds["es"].assets if f.uri == "about.md")
    assert re.search(r'<p class="kb-notice" lang="es">[^<]*inglés', fallback.content)
    assert fallback.edit_path == "content/en/about.md"


def test_kb_languages_chooses_the_editions_to_build_and_names_what_is_valid():
    assert editions_to_build(None) == editions_to_build(" ") == LANGUAGES
    assert editions_to_build("en") == ("en",)
    assert editions_to_build("fr") == ("en", "fr")  # the others live inside the default edition
    with pytest.raises(ValueError, match=r"KB_LANGUAGES names 'de'; valid: en, es, fr"):
        editions_to_build("es,de")
