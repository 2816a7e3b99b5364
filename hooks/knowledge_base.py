"""MkDocs hooks: thin glue between MkDocs events and the ``govkb`` package.

Every edition of the site has its configuration: ``mkdocs.yml`` (English, at the site's root) and
``mkdocs.<lang>.yml`` (Spanish and French, which inherit from it). The English build loads and checks all
content in ``on_config``, before MkDocs cleans ``site/``, so bad content stops the build with the last good
site intact; once ``site/`` is clean it starts the other editions' builds into ``site/<lang>/`` beside its own
(``govkb.sidebyside``), and when all are done indexes the whole site for search and writes one sitemap. So
``mkdocs build`` and ``mkdocs serve`` give all three. Hook modules are not reloaded by ``mkdocs serve``: all
state lives in ``_build`` (replaced in ``on_config``) and ``_editions``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from govkb.build import SiteBuild, edition_build
from govkb.content.problems import ContentError
from govkb.languages import DEFAULT, LANGUAGES, Language, config_file, editions_to_build, is_language
from govkb.search import SearchIndexError, build_index
from govkb.sidebyside import SideBySide
from govkb.sitemap import answer_sitemap_probes, merge_sitemaps
from govkb.templates import FragmentCache, alternates, compiled_templates, escaped_meta, shared_nav_key
from govkb.urls import edition_root, section_of, suggest_change, template_urls

log = logging.getLogger("mkdocs.hooks.knowledge_base")
_build: SiteBuild | None = None
_editions: SideBySide | None = None  # the other editions' builds, while the default edition's runs


def _language(config: MkDocsConfig) -> Language:
    language = config.theme["language"]
    if not is_language(language):
        raise PluginError(f"theme.language is {language!r}; this site is built in {', '.join(LANGUAGES)}")
    return language


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    try:
        _build = edition_build(root, _language(config), _cache_dir(config), _editions_to_build())
    except ContentError as error:
        raise PluginError(str(error)) from None
    log.info("knowledge base: %s", _build.summary())
    for warning in _build.kb.warnings if _build.edition.language == DEFAULT else ():
        # Info, not warning: a missing translation must not fail a strict build, only be reported.
        log.info("missing translation: %s", warning)
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    build = _current()
    fragments = FragmentCache()  # one per build: the navigation may change between builds
    env.bytecode_cache = compiled_templates(_cache_dir(config))
    env.globals["kb_fragment"] = fragments.get
    env.globals["kb_remember"] = fragments.remember
    env.globals["kb_urls"] = template_urls()
    env.globals["kb_t"] = build.edition.t
    env.globals["kb_structured_data"] = lambda page: build.head_data(
        page.file.src_uri, _text(page.meta.get("title") or page.title), _text(page.meta.get("description"))) \
        if page else ""
    site_url = config.site_url or ""
    env.globals["kb_alternates"] = lambda page: alternates(page.url if page else "", build.edition.language,
                                                          site_url.removesuffix(edition_root(build.edition.language)))
    # A page no single file shapes (a list, a goal's page) offers an issue about it instead of an edit link.
    env.globals["kb_suggest_change"] = lambda page: suggest_change(config.repo_url or "", Markup(page.title).unescape(),
                                                                   page.canonical_url or page.url)
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    docs_prefix = build.layout.display(Path(config.docs_dir))
    for file in files:
        # edit_uri is the repository root, so every "edit this page" names the real source file.
        file.edit_uri = f"{docs_prefix}/{file.src_uri}"
    global _editions
    if build.edition.language == DEFAULT:
        _editions = _start_other_editions(config)
    for generated in build.generated_files():
        existing = files.get_file_from_path(generated.uri)
        if existing is None:
            existing = File.generated(config, generated.uri, content=generated.content)
            files.append(existing)
        existing.edit_uri = generated.edit_path
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    generated = build.pages.get(page.file.src_uri)
    if generated is None:
        page.meta = escaped_meta(page.meta)
        try:
            return build.page_markdown(page.file.src_uri, markdown, page.file.edit_uri or page.file.src_uri)
        except ContentError as error:
            raise PluginError(str(error)) from None
    # Replace whatever MkDocs' lenient reader made of the front matter with our validated values.
    page.meta = escaped_meta({"title": generated.title, "description": generated.description,
                              "search_exclude": not generated.searchable, "kb_kind": generated.kind,
                              "kb_breadcrumb": build.breadcrumb(page.file.src_uri),
                              "kb_shared_nav": shared_nav_key(page.url)})
    return generated.markdown


def on_page_context(context: dict, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> dict:
    """A generated page's section shows as active in the tabs and the sidebar, though the page is outside the
    navigation. Every page starts from no other section active: the navigation's objects serve every page."""
    for item in nav.pages:
        item.active = False
    page.active = True
    section = section_of(page.file.src_uri)
    for item in nav.pages:
        if item.file.src_uri == section:
            item.active = True
    return context


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    return _current().finish_html(page.file.src_uri, html)


def on_post_build(config: MkDocsConfig) -> None:
    """After the default edition: wait for the other editions, then index the whole site and write one sitemap."""
    global _editions
    if _language(config) != DEFAULT or _editions is None:
        return
    failed, _editions = _editions.wait(), None
    if failed:
        raise PluginError(f"the {', '.join(failed)} edition(s) failed to build: see the errors above")
    site_dir = Path(config.site_dir)
    try:
        build_index(site_dir)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    merge_sitemaps(site_dir, config.site_url or "/")
    answer_sitemap_probes(site_dir)


def _text(value: object) -> str:
    """A page's title or description as plain text: the hook hands the templates escaped values (Markup)."""
    return value.unescape() if isinstance(value, Markup) else str(value or "")


def on_build_error(error: Exception) -> None:
    global _editions
    if _editions is not None:
        _editions.stop()
        _editions = None


def _start_other_editions(config: MkDocsConfig) -> SideBySide:
    """The other editions' builds into ``site/<lang>/``, beside the default edition's own (its folder is clean by
    now): each in a forked process that starts with the content already loaded, checked and rendered."""
    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)

    def edition(language: Language) -> Callable[[], None]:
        # Under the default edition's address (a preview's own, under `mkdocs serve`), not the file's.
        return lambda: mkdocs_build(load_config(
            config_file=str(root / config_file(language)), site_dir=str(site_dir / language),
            strict=config.strict, site_url=(config.site_url or "/") + edition_root(language)))

    return SideBySide({language: edition(language) for language in _editions_to_build() if language != DEFAULT})


def _editions_to_build() -> tuple[Language, ...]:
    try:
        return editions_to_build(os.environ.get("KB_LANGUAGES"))
    except ValueError as error:
        raise PluginError(str(error)) from None


def _cache_dir(config: MkDocsConfig) -> Path:
    # KB_CACHE_DIR lets several checkouts (or the tests' copies of the project) share one cache: its entries are
    # named by what made them, so sharing is safe.
    return Path(os.environ.get("KB_CACHE_DIR") or Path(config.config_file_path).parent / ".cache")


def _current() -> SiteBuild:
    if _build is None:
        raise PluginError("the knowledge base was not loaded; on_config did not run")
    return _build
