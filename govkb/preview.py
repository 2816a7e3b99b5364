"""Builds and previews (``mkdocs serve``) render again only the pages whose inputs changed.

MkDocs renders every page of every edition on each build, though a save changes a few. A page's HTML is made
from its own inputs (its Markdown, the finished HTML blocks put into it after rendering, its front matter, its
structured data, where its "edit" link leads) and from what all pages share (the configuration, the navigation,
the list of files, the theme's templates, the code and the libraries' versions, the build date).
``RenderedPages`` keeps each page's last HTML under a hash of all of that, so a rebuild hands back the pages
whose inputs are unchanged instead of rendering them again. A page whose rendering warned is not kept
(``WarningCount``): its warnings come again on every build.

Entries live on disk (``.cache/pages/``, a folder per checkout, kind of build and language) because the other
editions are built in forked processes that end with their build; each build keeps only the entries it used, so
a folder holds one site's pages. A cold build (CI's, an empty cache) renders every page.

A save often changes one edition only (a word in an English case changes no Spanish or French page), and the other
editions' builds were most of a preview's time even when every page was handed back. ``KeptEditions`` sets each
edition's folder aside before the site folder is cleaned, and puts another edition's back whole when what it is made
from (``edition_inputs``, with the code's version) did not change. An edition that is built again takes back, from
its folder set aside, each file other than a page that was made from the same source or holds the same bytes
(``KeptFiles``), rather than have MkDocs write its 400 or so files (thousands, at a few thousand cases) again. A
preview does this from save to save; a build, from the last build into the same site folder, whose records it
keeps beside that folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from .build import SiteBuild
from .cache import TextCache, hash_of
from .languages import DEFAULT, LANGUAGES

# The theme's libraries: their templates and Markdown extensions shape every page.
THEME_LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions")


@dataclass(frozen=True)
class Rendered:
    """A page as the last build wrote it: its HTML, its title and the anchors other pages may link to."""

    html: str
    title: str
    anchors: tuple[str, ...]


@dataclass(frozen=True)
class HandedBack:
    """What a build needs of a page handed back before it writes the page. Its HTML is read only then
    (``RenderedPages.html``): held from the start, the pages of a warm build of 5,000 cases in three languages took
    its peak memory from 1.4 GB to 2.4 GB."""

    title: str
    anchors: tuple[str, ...]


@dataclass
class PageInputs:
    """A page of this build: what made it and, if the same inputs made it before, what is handed back of it."""

    key: str
    handed_back: HandedBack | None
    warnings_before: int  # MkDocs' warnings logged before its rendering began (``WarningCount``)
    warned: bool = False  # its rendering logged a warning: it is not kept


class WarningCount(logging.Handler):
    """MkDocs' warnings, counted. A page whose rendering warned (a broken link) is not kept: the next build renders
    it again and warns again, so a strict build fails again rather than pass on a page handed back."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def listen_to(self, logger: logging.Logger) -> None:
        if self not in logger.handlers:
            logger.addHandler(self)


def shared_inputs(files: Iterable[Path], facts: Iterable[str]) -> str:
    """A hash of what every page of an edition is made from: the bytes of ``files`` (configuration, the theme's
    templates and assets), ``facts`` (the navigation, the list of pages, the site's address, the date) and the
    theme libraries' versions. The package's own code is in every cache key already (see ``govkb.cache``)."""
    return hash_of([*(part for path in sorted(files) for part in (path.as_posix(), path.read_bytes())), *facts,
                    *(f"{library}=={metadata.version(library)}" for library in THEME_LIBRARIES)])


class RenderedPages:
    """One edition's pages from the checkout's previous build of the same kind, found by what made them."""

    def __init__(self, cache: TextCache, shared: str):
        self._cache = cache
        self._shared = shared
        self._used: set[str] = set()

    def key(self, uri: str, markdown: str, blocks: tuple[str, ...], meta: dict, edit_uri: str, head: str) -> str:
        """What one page is made from (besides what all pages share)."""
        own = json.dumps([uri, markdown, blocks, meta, edit_uri, head], sort_keys=True, default=str,
                         ensure_ascii=False)
        return hash_of([self._shared, own])

    def get(self, key: str) -> HandedBack | None:
        text = self._cache.get(key, ".json")
        if text is None:
            return None
        self._used.add(key)
        found = json.loads(text)
        return HandedBack(found["title"], tuple(found["anchors"]))

    def html(self, key: str) -> str:
        """The HTML of a page that ``get`` found."""
        html = self._cache.get(key, ".html")
        if html is None:
            raise FileNotFoundError(f"a page's HTML left {self._cache.directory} during the build; build again")
        return html

    def put(self, key: str, page: Rendered) -> None:
        self._used.add(key)
        self._cache.put(key, page.html, ".html")  # first: an entry whose facts are found has its HTML
        self._cache.put(key, json.dumps({"title": page.title, "anchors": sorted(page.anchors)}, ensure_ascii=False),
                        ".json")

    def forget_unused(self) -> None:
        """Delete the entries this build did not use: the pages as they were before the save."""
        self._cache.keep_only(self._used, ".json")
        self._cache.keep_only(self._used, ".html")


def edition_inputs(build: SiteBuild, sources: Iterable[Path], facts: Iterable[str]) -> str:
    """A hash of what an edition's whole site is made from: ``sources`` (the configuration, the theme's
    templates and assets), the edition's own folder of pages, ``facts`` (its address, the date), the theme
    libraries' versions and all that the hooks take from ``build``."""
    docs = build.layout.pages_dir(build.edition.language)
    own = sorted(path for path in docs.rglob("*") if path.is_file())
    hand_written = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8")
                    for path in own if path.suffix == ".md"}
    return shared_inputs([*sources, *own], [*facts, build.digest(hand_written)])


class KeptFiles:
    """An edition's files other than its pages, as the previous build wrote them, set aside with its folder
    (``KeptEditions``). MkDocs writes each of them again on every build, though a save changes few: 0.1 to 0.3 s
    of a preview's build for an edition's 400 or so files. A file made from what made the kept one (the same
    source file, unchanged, or the same bytes) is moved back into place instead.

    The record of what made each file is removed as soon as it is read, and written again only when the build
    finishes (``finish``): after a build that failed, nothing is taken back."""

    def __init__(self, folder: Path, record: Path, destination: Path):
        self.folder = folder  # the previous build's files
        self.record = record
        self.destination = destination  # the edition's folder in the site
        try:
            self._made: dict[str, str] = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._made = {}
        record.unlink(missing_ok=True)
        self._now: dict[str, str] = {}
        self.taken = 0

    def take(self, uri: str, made_from: str) -> bool:
        """Move the kept file of ``uri`` (relative to the edition's folder) into place if ``made_from`` made it."""
        self._now[uri] = made_from
        if self._made.get(uri) != made_from:
            return False
        target = self.destination / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            (self.folder / uri).rename(target)
        except FileNotFoundError:
            return False
        self.taken += 1
        return True

    def finish(self) -> None:
        """Delete the previous build's files that were not taken back, and record what made this build's."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(self._now), encoding="utf-8")

    @property
    def offered(self) -> int:
        return len(self._now)


def copied_from(path: str) -> str:
    """What made a copied file: its source, by path, size and time of change."""
    stat = os.stat(path)
    return f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}"


def holding(content: str | bytes) -> str:
    """What made a written file: its bytes."""
    return hash_of([content])


def kept_editions_folder(site_dir: Path) -> Path:
    """Where a site folder's editions are set aside during a build, and the records of what made them kept."""
    return site_dir.with_name(site_dir.name + ".kept-editions")


class KeptEditions:
    """The editions' folders as the previous build (or a preview's) left them, kept beside the site folder while the
    default edition's build cleans it (the default edition's folder is the site folder less the others'). Beside
    each folder: a record of what it was made from, of what made its files (``KeptFiles``), and its sitemap (which
    the default edition's build merges into its own, then removes from the edition's folder)."""

    SITEMAP = "sitemap.xml"

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.folder = kept_editions_folder(site_dir)

    def set_aside(self, languages: Iterable[str]) -> None:
        """Move each edition's folder out of the site folder, before the site folder is cleaned."""
        for language in languages:
            kept = self.folder / language
            shutil.rmtree(kept, ignore_errors=True)
            if language == DEFAULT:
                others = {other for other in LANGUAGES if other != DEFAULT}
                # Hidden entries stay, as MkDocs leaves them when it cleans (a site folder may be a Git checkout).
                entries = [entry for entry in self.site_dir.iterdir()
                           if entry.name not in others and not entry.name.startswith(".")] \
                    if self.site_dir.is_dir() else []
                kept.mkdir(parents=True)
                for entry in entries:
                    entry.rename(kept / entry.name)
            elif (self.site_dir / language).is_dir():
                self.folder.mkdir(exist_ok=True)
                (self.site_dir / language).rename(kept)

    def files(self, language: str) -> KeptFiles:
        """The files of the edition's folder set aside, for its build to take back."""
        return KeptFiles(self.folder / language, self._record(language, "files.json"),
                         self.site_dir if language == DEFAULT else self.site_dir / language)

    def keep_or_build(self, language: str, inputs: str, build: Callable[[], None]) -> bool:
        """Put the edition's folder back if it was made from ``inputs`` (True); otherwise ``build`` the edition
        anew, which may take files back from the folder (``files``), then forget the folder and record what the
        new one was made from (False)."""
        kept, made = self.folder / language, self._record(language, "inputs")
        if kept.is_dir() and made.is_file() and made.read_text(encoding="utf-8") == inputs:
            kept.rename(self.site_dir / language)
            shutil.copyfile(self._record(language, self.SITEMAP), self.site_dir / language / self.SITEMAP)
            return True
        made.unlink(missing_ok=True)
        try:
            build()
        finally:
            shutil.rmtree(kept, ignore_errors=True)
        self.folder.mkdir(exist_ok=True)
        shutil.copyfile(self.site_dir / language / self.SITEMAP, self._record(language, self.SITEMAP))
        made.write_text(inputs, encoding="utf-8")
        return False

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _record(self, language: str, name: str) -> Path:
        return self.folder / f"{language}.{name}"
