"""MkDocs hooks: thin glue between MkDocs events and the ``govkb`` package.

Everything is loaded and validated in ``on_config``, before MkDocs cleans ``site/``, so bad content
stops the build with the last good site intact. Hook modules are not reloaded by ``mkdocs serve``:
all state lives in ``_build``, replaced on every ``on_config``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from govkb.build import SiteBuild, prepare
from govkb.content.problems import ContentError
from govkb.search import SearchIndexError, build_index
from govkb.templates import FragmentCache, escaped_meta, shared_nav_key
from govkb.urls import template_urls

log = logging.getLogger("mkdocs.hooks.knowledge_base")
_build: SiteBuild | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = None
    root = Path(config.config_file_path).parent
    try:
        _build = prepare(root, docs_dir=Path(config.docs_dir), cache_dir=root / ".cache")
    except ContentError as error:
        raise PluginError(str(error)) from None
    log.info("knowledge base: %s", _build.summary())
    return config


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    fragments = FragmentCache()  # one per build: the navigation may change between builds
    env.globals["kb_fragment"] = fragments.get
    env.globals["kb_remember"] = fragments.remember
    env.globals["kb_urls"] = template_urls()
    return env


def on_files(files: Files, config: MkDocsConfig) -> Files:
    build = _current()
    docs_prefix = build.layout.display(Path(config.docs_dir))
    for file in files:
        # edit_uri is the repository root, so every "edit this page" names the real source file.
        file.edit_uri = f"{docs_prefix}/{file.src_uri}"
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
            return build.page_markdown(page.file.src_uri, markdown)
        except ContentError as error:
            raise PluginError(str(error)) from None
    # Replace whatever MkDocs' lenient reader made of the front matter with our validated values.
    page.meta = escaped_meta({"title": generated.title, "description": generated.description,
                              "search_exclude": not generated.searchable,
                              "kb_shared_nav": shared_nav_key(page.url)})
    return generated.markdown


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    return _current().finish_html(page.file.src_uri, html)


def on_post_build(config: MkDocsConfig) -> None:
    try:
        build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None


def _current() -> SiteBuild:
    if _build is None:
        raise PluginError("the knowledge base was not loaded; on_config did not run")
    return _build
