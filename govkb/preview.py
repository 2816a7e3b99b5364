"""Previews (``mkdocs serve``) render again only the pages that a save changed.

MkDocs rebuilds every page of every edition on each save, though a save changes a few. A page's HTML is made
from its own inputs (its Markdown, the finished HTML blocks put into it after rendering, its front matter, its
structured data, where its "edit" link leads) and from what all pages share (the configuration, the navigation,
the list of files, the theme's templates, the code and the libraries' versions, the build date).
``RenderedPages`` keeps each page's last HTML under a hash of all of that, so a rebuild hands back the pages
whose inputs are unchanged instead of rendering them again.

Only previews use it: a published build renders every page. Entries live on disk (``.cache/preview/``, a folder
per checkout and language) because the other editions are built in forked processes that end with their build;
each build keeps only the entries it used, so a folder holds one site's pages.

A save often changes one edition only (a word in an English case changes no Spanish or French page), and the
other editions' builds were most of a preview's time even when every page was handed back. ``KeptEditions`` sets
each other edition's folder aside before the site folder is cleaned, and puts it back whole when what it is made
from (``edition_inputs``) did not change.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .build import SiteBuild
from .cache import TextCache

# The theme's libraries: their templates and Markdown extensions shape every page.
THEME_LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions")


@dataclass(frozen=True)
class Rendered:
    """A page as the last build wrote it: its HTML, its title and the anchors other pages may link to."""

    html: str
    title: str
    anchors: tuple[str, ...]


def shared_inputs(files: Iterable[Path], facts: Iterable[str]) -> str:
    """A hash of what every page of an edition is made from: the bytes of ``files`` (configuration, the theme's
    templates and assets), ``facts`` (the navigation, the list of pages, the site's address, the date) and the
    theme libraries' versions. The package's own code is in every cache key already (see ``govkb.cache``)."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for fact in facts:
        digest.update(fact.encode() + b"\0")
    for library in THEME_LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}\0".encode())
    return digest.hexdigest()


class RenderedPages:
    """One edition's pages from the previous preview build, found by what made them."""

    def __init__(self, cache: TextCache, shared: str):
        self._cache = cache
        self._shared = shared
        self._used: set[str] = set()

    def key(self, uri: str, markdown: str, blocks: tuple[str, ...], meta: dict, edit_uri: str, head: str) -> str:
        """What one page is made from (besides what all pages share)."""
        own = json.dumps([uri, markdown, blocks, meta, edit_uri, head], sort_keys=True, default=str,
                         ensure_ascii=False)
        return hashlib.sha256(f"{self._shared}\0{own}".encode()).hexdigest()

    def get(self, key: str) -> Rendered | None:
        text = self._cache.get(key, ".json")
        if text is None:
            return None
        self._used.add(key)
        found = json.loads(text)
        return Rendered(found["html"], found["title"], tuple(found["anchors"]))

    def put(self, key: str, page: Rendered) -> None:
        self._used.add(key)
        self._cache.put(key, json.dumps({"html": page.html, "title": page.title, "anchors": sorted(page.anchors)},
                                        ensure_ascii=False), ".json")

    def forget_unused(self) -> None:
        """Delete the entries this build did not use: the pages as they were before the save."""
        self._cache.keep_only(self._used, ".json")


def edition_inputs(build: SiteBuild, sources: Iterable[Path], facts: Iterable[str]) -> str:
    """A hash of what an edition's whole site is made from: ``sources`` (the configuration, the theme's
    templates and assets), the edition's own folder of pages, ``facts`` (its address, the date), the theme
    libraries' versions and all that the hooks take from ``build``."""
    docs = build.layout.pages_dir(build.edition.language)
    own = sorted(path for path in docs.rglob("*") if path.is_file())
    hand_written = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
                    for path in own if path.suffix == ".md"}
    return shared_inputs([*sources, *own], [*facts, build.digest(hand_written)])


class KeptEditions:
    """The other editions' folders as a preview's previous build left them, kept beside the site folder while the
    default edition's build cleans it. Beside each folder: a record of what it was made from, and its sitemap
    (which the default edition's build merges into its own, then removes from the edition's folder)."""

    SITEMAP = "sitemap.xml"

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.folder = site_dir.with_name(site_dir.name + ".kept-editions")

    def set_aside(self, languages: Iterable[str]) -> None:
        """Move each edition's folder out of the site folder, before the site folder is cleaned."""
        for language in languages:
            built = self.site_dir / language
            if built.is_dir():
                shutil.rmtree(self.folder / language, ignore_errors=True)
                self.folder.mkdir(exist_ok=True)
                built.rename(self.folder / language)

    def keep_or_build(self, language: str, inputs: str, build: Callable[[], None]) -> bool:
        """Put the edition's folder back if it was made from ``inputs`` (True); otherwise forget it and ``build``
        the edition anew, then record what its folder was made from (False)."""
        kept, made = self.folder / language, self._record(language, "inputs")
        if kept.is_dir() and made.is_file() and made.read_text(encoding="utf-8") == inputs:
            kept.rename(self.site_dir / language)
            shutil.copyfile(self._record(language, self.SITEMAP), self.site_dir / language / self.SITEMAP)
            return True
        shutil.rmtree(kept, ignore_errors=True)
        made.unlink(missing_ok=True)
        build()
        self.folder.mkdir(exist_ok=True)
        shutil.copyfile(self.site_dir / language / self.SITEMAP, self._record(language, self.SITEMAP))
        made.write_text(inputs, encoding="utf-8")
        return False

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _record(self, language: str, name: str) -> Path:
        return self.folder / f"{language}.{name}"
