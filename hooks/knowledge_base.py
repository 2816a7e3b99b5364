"""MkDocs hooks: thin glue between MkDocs events and the ``govkb`` package.

Every edition of the site has its configuration: ``mkdocs.yml`` (English, at the site's root) and
``mkdocs.<lang>.yml`` (Spanish and French, which inherit from it). The English build loads and checks all
content in ``on_config``, before MkDocs cleans ``site/``, so bad content stops the build with the last good
site intact. It then starts the other editions' processes (``govkb.sidebyside``), which render their editions
while it renders its own; once all have and ``site/`` is clean, they build into ``site/<lang>/`` beside its own,
and when all are done it indexes the whole site for search and writes one sitemap. So
``mkdocs build`` and ``mkdocs serve`` give all three. Hook modules are not reloaded by ``mkdocs serve``: all
state lives in ``_build`` (replaced in ``on_config``), ``_editions``, ``_rendered``, ``_indexing``, ``_kept`` and
``_kept_files``.

A build renders again only the pages whose inputs changed since the last build of the checkout, and keeps the
editions that did not change since the last build into the same site folder (``govkb.preview``). A preview
(``mkdocs serve``) does the same from save to save, and indexes the site for search after the page is served,
not before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
from collections.abc import Callable
from functools import partial
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from watchdog.observers.polling import PollingObserver

from govkb.build import GeneratedFile, SiteBuild, edition_build, forget_editions, other_edition
from govkb.cache import TextCache, code_version
from govkb.clock import build_date
from govkb.content.problems import ContentError
from govkb.languages import DEFAULT, LANGUAGES, Language, config_file, editions_to_build, is_language
from govkb.memory import give_back_freed_memory
from govkb.preview import (
    KeptEditions,
    KeptFiles,
    PageInputs,
    Rendered,
    RenderedPages,
    WarningCount,
    copied_from,
    edition_inputs,
    holding,
    shared_inputs,
)
from govkb.search import IndexInBackground, SearchIndexError, build_index
from govkb.sidebyside import Job, SideBySide
from govkb.sitemap import answer_sitemap_probes, merge_sitemaps
from govkb.templates import FragmentCache, alternates, compiled_templates, escaped_meta, shared_nav_key
from govkb.urls import edition_root, section_of, suggest_change, template_urls

log = logging.getLogger("mkdocs.hooks.knowledge_base")
_build: SiteBuild | None = None
_editions: SideBySide | None = None  # the other editions' builds, while the default edition's runs
_previewing = False  # under `mkdocs serve`
_rendered: RenderedPages | None = None  # the pages of the checkout's previous build (of the same kind)
_pages: dict[str, PageInputs] = {}  # this build's pages, by source
_warnings = WarningCount()  # MkDocs' (see on_config)
_indexing: IndexInBackground | None = None  # a preview's search indexing, after its build
_kept: KeptEditions | None = None  # the previous build's editions, set aside while the site folder is cleaned
_kept_files: dict[Language, KeptFiles] = {}  # each edition's folder set aside, put back for its build to write over
# How often a preview looks for saved files. MkDocs looks every 0.5 s, then waits 0.1 s for more changes, so a
# preview waited 0.35 s on average before its build began. The folders it watches hold a few hundred files: a look
# takes about 1 ms. Waiting one more look for more changes is enough: a save's writes come within a look.
PREVIEW_POLL_S = 0.05
# A template that renders nothing: a page whose inputs did not change gets its previous HTML instead.
_REUSED_TEMPLATE = "kb-reused.html"


def on_startup(command: str, dirty: bool) -> None:
    global _previewing
    _previewing = command == "serve"
    if _previewing:
        _stop_on_sigterm_as_on_ctrl_c(os.getpid())


def _stop_on_sigterm_as_on_ctrl_c(serving: int) -> None:
    """A preview stopped by SIGTERM (`kill`, a service manager) ends as on Ctrl-C: MkDocs removes its temporary
    site folder, and ``on_shutdown`` the editions set aside beside it. Killed outright, both stayed in /tmp. The
    processes forked from it (the editions', the charts') keep SIGTERM's default: it ends them at once."""
    def stop(signum: int, frame: object) -> None:
        if os.getpid() != serving:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    """Watch the same paths as MkDocs, looking every ``PREVIEW_POLL_S``, and build once no change came for as
    long. MkDocs has no setting for either; its watcher is replaced before it starts, and the folders of
    ``watch:`` in mkdocs.yml, added after this event, go to the replacement."""
    watched = [emitter.watch.raw_path for emitter in server.observer.emitters]  # a file's own path, not its folder
    for path in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=PREVIEW_POLL_S)
    for path in watched:
        server.watch(path)
    server.build_delay = PREVIEW_POLL_S
    return server


def _language(config: MkDocsConfig) -> Language:
    language = config.theme["language"]
    if not is_language(language):
        raise PluginError(f"theme.language is {language!r}; this site is built in {', '.join(LANGUAGES)}")
    return language


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build, _kept
    _build = None
    if _indexing is not None:
        _indexing.stop()  # before MkDocs cleans the folder it writes into
    _list_theme_files_once(config)
    _warnings.listen_to(logging.getLogger("mkdocs"))
    root = Path(config.config_file_path).parent
    if _language(config) == DEFAULT:
        _kept = _kept or KeptEditions(Path(config.site_dir))

    def start_editions() -> None:
        # As soon as the content is checked: the other editions render theirs while this one renders its own.
        global _editions
        assert _kept is not None  # set above: only the default edition starts the others
        _editions = _start_other_editions(config, _kept)

    try:
        _build = edition_build(root, _language(config), _cache_dir(config), _editions_to_build(),
                               before_rendering=start_editions if _language(config) == DEFAULT else None)
    except ContentError as error:
        raise PluginError(str(error)) from None
    log.info("knowledge base: %s", _build.summary())
    for warning in _build.kb.warnings if _build.edition.language == DEFAULT else ():
        # Info, not warning: a missing translation must not fail a strict build, only be reported.
        log.info("missing translation: %s", warning)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Before MkDocs cleans the site folder, a build waits until every other edition has rendered, so that a
    problem in any stops it with the last good site intact. A preview does not wait (its site folder is MkDocs'
    own, in a temporary folder; it learns of a problem after its own build). Both then set the editions' folders
    aside: an edition that did not change since the last build is put back rather than built again, and one built
    again gets its folder back and writes over it (``govkb.preview.KeptEditions``)."""
    if _language(config) != DEFAULT:
        return
    if not _previewing:
        _stop_on_editions_problems()
    assert _kept is not None  # set in on_config for the default edition
    _kept.set_aside(_editions_to_build())


def _stop_on_editions_problems() -> None:
    """Once every other edition has rendered, stop on the problems of those that could not."""
    problems = _editions.first_parts() if _editions is not None else {}
    if problems:
        raise PluginError("\n".join(f"the {language} edition: {problem}" for language, problem in problems.items()))


def on_shutdown() -> None:
    if _indexing is not None:
        _indexing.stop()  # before MkDocs removes the preview's folder, which Pagefind would write into again
    if _kept is not None and _previewing:  # a build keeps its records, for the next build of the same site folder
        _kept.clear()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    give_back_freed_memory()  # every page is rendered: what rendering them freed
    language = _current().edition.language
    fragments = FragmentCache()  # one per build: the navigation may change between builds
    env.bytecode_cache = compiled_templates(_cache_dir(config))
    env.globals["kb_fragment"] = fragments.get
    env.globals["kb_remember"] = fragments.remember
    env.globals["kb_urls"] = template_urls()
    # Through _current(), holding no build of their own: MkDocs keeps the environment to the end of its build, and
    # on_post_build lets go of the build before the search indexing runs beside this process.
    env.globals["kb_t"] = lambda message, **values: _current().edition.t(message, **values)
    env.globals["kb_structured_data"] = lambda page: _current().head_data(
        page.file.src_uri, _text(page.meta.get("title") or page.title), _text(page.meta.get("description"))) \
        if page else ""
    site_url = config.site_url or ""
    env.globals["kb_alternates"] = lambda page: alternates(page.url if page else "", language,
                                                          site_url.removesuffix(edition_root(language)))
    # A page no single file shapes (a list, a goal's page) offers an issue about it instead of an edit link.
    env.globals["kb_suggest_change"] = lambda page: suggest_change(config.repo_url or "", Markup(page.title).unescape(),
                                                                   page.canonical_url or page.url)
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    give_back_freed_memory()  # the edition is rendered: what rendering it freed
    build = _current()
    docs_prefix = build.layout.display(Path(config.docs_dir))
    for file in files:
        # edit_uri is the repository root, so every "edit this page" names the real source file.
        file.edit_uri = f"{docs_prefix}/{file.src_uri}"
    if build.edition.language == DEFAULT and _editions is not None:
        _editions.go()  # the site folder is clean
    kept = _kept.files(build.edition.language, shared_inputs(_config_and_theme_files(config), [code_version()])) \
        if _kept else None
    if kept is not None:
        _kept_files[build.edition.language] = kept
        for file in files:
            if not file.is_documentation_page() and file.abs_src_path \
                    and kept.take(file.dest_uri, copied_from(file.abs_src_path)):
                file.abs_src_path = file.abs_dest_path  # MkDocs copies no file onto itself
    for generated in build.hand_over_files():
        existing = files.get_file_from_path(generated.uri)
        if existing is None:
            existing = _generated_file(config, generated, kept)
            files.append(existing)
        existing.edit_uri = generated.edit_path
    for file in files if kept is not None else ():
        if file.is_documentation_page():
            kept.page(file.dest_uri)
    give_back_freed_memory()  # the files written
    return files


def _generated_file(config: MkDocsConfig, generated: GeneratedFile, kept: KeptFiles | None) -> File:
    """A generated page, which MkDocs renders. Any other generated file is written into the site folder now (in a
    rebuild, not if the previous build's, in place, holds the same bytes), and MkDocs copies no file onto itself:
    it would hold the content until it writes it, after rendering every page."""
    file = File.generated(config, generated.uri, content=generated.content)
    if file.is_documentation_page():
        return file
    if kept is None or not kept.take(file.dest_uri, holding(generated.content)):
        destination = Path(file.abs_dest_path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        content = generated.content
        destination.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return File.generated(config, generated.uri, abs_src_path=file.abs_dest_path)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _rendered
    _pages.clear()
    # One folder per checkout, kind of build and edition: each build deletes the entries it did not use, a cache
    # folder may be shared (KB_CACHE_DIR), and a preview's pages differ from a published build's (their address).
    checkout = hashlib.sha256(str(Path(config.config_file_path).parent.resolve()).encode()).hexdigest()[:16]
    folder = f"pages/{checkout}/{'preview' if _previewing else 'build'}/{_language(config)}"
    _rendered = RenderedPages(TextCache(_cache_dir(config)).within(folder), _shared_inputs(config, nav, files))
    return nav


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    build = _current()
    generated = build.pages.get(page.file.src_uri)
    if generated is None:
        page.meta = escaped_meta(page.meta)
        try:
            markdown = build.page_markdown(page.file.src_uri, markdown, page.file.edit_uri or page.file.src_uri)
        except ContentError as error:
            raise PluginError(str(error)) from None
    else:
        # Replace whatever MkDocs' lenient reader made of the front matter with our validated values.
        page.meta = escaped_meta({"title": generated.title, "description": generated.description,
                                  "search_exclude": not generated.searchable, "kb_kind": generated.kind,
                                  "kb_breadcrumb": build.breadcrumb(page.file.src_uri),
                                  "kb_shared_nav": shared_nav_key(page.url)})
        markdown = generated.markdown
    return _reuse_or_render(page, markdown) if _rendered is not None else markdown


def _reuse_or_render(page: MkDocsPage, markdown: str) -> str:
    """A page made from the same inputs as in the checkout's previous build skips Markdown and templates: its
    previous HTML takes the place of its output (``on_post_page``)."""
    assert _rendered is not None
    build, uri = _current(), page.file.src_uri
    head = build.head_data(uri, _text(page.meta.get("title") or page.title), _text(page.meta.get("description")))
    key = _rendered.key(uri, markdown, build.finished_blocks(uri), page.meta, page.file.edit_uri or "", head)
    handed_back = _rendered.get(key)
    _pages[uri] = PageInputs(key, handed_back, _warnings.count)
    if handed_back is None:
        return markdown
    page.meta = {**page.meta, "template": _REUSED_TEMPLATE,
                 "title": page.meta.get("title") or Markup.escape(handed_back.title)}  # no render gives it one
    # What MkDocs' Page.render gives empty Markdown, without the Python-Markdown instance it would make with every
    # extension for it: 0.4 ms a page, 2 s of a build handing back 5,000 pages. No title, table of contents or link
    # comes of it; the page's anchors are its previous render's (on_page_content).
    page.render = partial(_render_nothing, page)  # type: ignore[method-assign]  # this page's, this build only
    return ""


def _render_nothing(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    page.content = ""


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
    inputs = _pages.get(page.file.src_uri)
    if inputs is not None and inputs.handed_back is not None:
        # Other pages' links to its headings are still checked.
        page.present_anchor_ids = set(inputs.handed_back.anchors)
        _current().let_go(page.file.src_uri)
        return html
    if inputs is not None:  # rendered: MkDocs checked its links while converting its Markdown, just before
        inputs.warned = _warnings.count > inputs.warnings_before
    return _current().finish_html(page.file.src_uri, html)


def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    # In its template now: MkDocs would keep every page's HTML to the end of the build, beside the search
    # indexing (about 100 MB at 5,000 cases), though nothing reads it again.
    page.content = None
    inputs = _pages.get(page.file.src_uri)
    if inputs is None or _rendered is None:
        return output
    if inputs.handed_back is not None:
        try:
            return _rendered.html(inputs.key)
        except FileNotFoundError as error:
            raise PluginError(str(error)) from None
    if not inputs.warned:
        _rendered.put(inputs.key, Rendered(output, _text(page.title), tuple(page.present_anchor_ids or ())))
    return output


def on_post_build(config: MkDocsConfig) -> None:
    """After the default edition: wait for the other editions, then index the whole site and write one sitemap."""
    global _editions, _indexing
    kept = _kept_files.pop(_language(config), None)
    if kept is not None:
        kept.finish()
    if _rendered is not None:
        _rendered.forget_unused()
        reused = sum(inputs.handed_back is not None for inputs in _pages.values())
        log.info("%s (%s): %d pages rendered, %d unchanged since the previous build%s",
                 "preview" if _previewing else "build", _language(config), len(_pages) - reused, reused,
                 f"; {kept.taken} of its {kept.offered} other files kept" if kept is not None else "")
    if _language(config) != DEFAULT or _editions is None:
        return
    if _previewing:
        _stop_on_editions_problems()  # a preview's, which did not wait for them before its build
    failed, _editions = _editions.wait(), None
    if failed:
        raise PluginError(f"the {', '.join(failed)} edition(s) failed to build: see the errors above")
    _let_go_of_the_build(config)
    site_dir = Path(config.site_dir)
    previous = _kept.search_bundle() if _kept is not None else None
    merge_sitemaps(site_dir, config.site_url or "/")
    answer_sitemap_probes(site_dir)
    if _previewing:
        # The edited page is served at once; search finds its new text a moment later.
        # The preview stays up on an error; the next save tries again.
        _indexing = IndexInBackground(site_dir, log.error, TextCache(_cache_dir(config)), previous)
        return
    try:
        build_index(site_dir, cache=TextCache(_cache_dir(config)), previous=previous)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def _let_go_of_the_build(config: MkDocsConfig) -> None:
    """Every edition is written: free the content and the editions' pages before Pagefind runs beside this process.
    At 5,000 cases in three languages they held about 140 MB of the build's peak, Pagefind's memory on top of it."""
    global _build
    _build = None
    _pages.clear()
    forget_editions(Path(config.config_file_path).parent)


def _text(value: object) -> str:
    """A page's title or description as plain text: the hook hands the templates escaped values (Markup)."""
    return value.unescape() if isinstance(value, Markup) else str(value or "")


def on_build_error(error: Exception) -> None:
    global _editions
    if _editions is not None:
        _editions.stop()
        _editions = None


def _start_other_editions(config: MkDocsConfig, kept: KeptEditions) -> SideBySide:
    """The other editions' builds into ``site/<lang>/``, beside the default edition's own: each in a forked
    process that starts with the content loaded and checked. It renders its edition, then, once the default
    edition's build has cleaned the site folder, builds it. An edition made from the same inputs as in the
    previous build into the same site folder gets its folder back instead."""
    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)

    def edition(language: Language) -> Job:
        # Under the default edition's address (a preview's own, under `mkdocs serve`), not the file's.
        site_url = (config.site_url or "/") + edition_root(language)

        def build() -> None:
            mkdocs_build(load_config(config_file=str(root / config_file(language)), site_dir=str(site_dir / language),
                                     strict=config.strict, site_url=site_url))

        inputs = ""

        def render_and_hash() -> None:
            nonlocal inputs
            inputs = edition_inputs(other_edition(root, language), _config_and_theme_files(config),
                                    [site_url, str(config.strict), build_date().isoformat(), code_version()])

        def build_or_keep() -> None:
            if kept.keep_or_build(language, inputs, build):
                log.info("%s (%s): made from the same inputs as in the previous build; its folder is kept",
                         "preview" if _previewing else "build", language)

        return Job(render_and_hash, build_or_keep)

    return SideBySide({language: edition(language) for language in _editions_to_build() if language != DEFAULT})


# The theme's static files by what decides them (see _list_theme_files_once).
_theme_files: dict[tuple, list[str]] = {}


def _list_theme_files_once(config: MkDocsConfig) -> None:
    """MkDocs lists every file of the theme's folders on each build of each edition to find its static files:
    Material's icons make that 15,000 names, about 0.13 s. The list is kept for the process (and the editions'
    forked processes) under what decides it: the theme's folders, the names in the site's own folder of overrides
    (the only one that changes while a preview runs) and the theme's static templates, which MkDocs' filter leaves
    out with fixed patterns."""
    theme = config.theme
    make_env = theme.get_env

    def env_listing_once() -> Environment:
        env = make_env()
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None) -> list[str]:
            custom = Path(theme.custom_dir) if theme.custom_dir else None
            key = (tuple(theme.dirs), tuple(sorted(str(path) for path in custom.rglob("*"))) if custom else (),
                   tuple(theme.static_templates), extensions)
            if key not in _theme_files:
                _theme_files[key] = list_templates(extensions, filter_func)
            return _theme_files[key]

        env.list_templates = listed  # type: ignore[method-assign]
        return env

    theme.get_env = env_listing_once  # type: ignore[method-assign]


def _shared_inputs(config: MkDocsConfig, nav: Navigation, files: Files) -> str:
    """What every page of this edition is made from, besides its own inputs (see ``govkb.preview``)."""
    def outline(items: list) -> list:
        return [[item.title, outline(item.children) if isinstance(item, Section) else getattr(item, "url", "")]
                for item in items]

    facts = [config.site_url or "", _language(config), build_date().isoformat(), repr(outline(nav.items)),
             *sorted(f"{file.src_uri}>{file.url}" for file in files)]
    return shared_inputs(_config_and_theme_files(config), facts)


def _config_and_theme_files(config: MkDocsConfig) -> list[Path]:
    """The configuration files of every edition and the site's own theme files (``overrides/``)."""
    overrides = Path(config.theme.custom_dir).rglob("*") if config.theme.custom_dir else ()
    return [*Path(config.config_file_path).parent.glob("mkdocs*.yml"), *(path for path in overrides if path.is_file()),
            Path(__file__)]


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
