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
from (``edition_inputs``, with the code's version) did not change. An edition that is built again gets its folder
back too, before it writes into it (``KeptFiles``): its pages are written over their previous copies, and no other
file made from the same source or holding the same bytes is written again (400 or so an edition; thousands, at a few
thousand cases). A preview does this from save to save; a build, from the last build into the same site folder,
whose records it keeps beside that folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from .build import SiteBuild
from .cache import TextCache, hash_of
from .languages import DEFAULT, LANGUAGES
from .search import PreviousBundle
from .sitemap import SITEMAP
from .urls import SEARCH_BUNDLE

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
    """An edition's folder as the previous build left it, set aside (``KeptEditions``) while MkDocs cleans the site
    folder, and put back whole before this build writes into it. MkDocs then writes each page over its previous
    copy, and writes no other file that was made from what made the kept one (the same source file, unchanged, or
    the same bytes): ``take`` says so. On this machine's disk, making a file or a folder costs 0.2 ms to over 2 ms
    and removing one 0.3 ms, writing over a file a twentieth of that: moving each kept file back into a folder made
    anew, and writing every page into one, took 0.3 to 0.5 s of a preview's 1 s build of the English edition.
    What the previous build made and this one does not (a deleted case's page and its folder) is removed when the
    build finishes (``finish``).

    The record of what made each file is removed as soon as it is read, and written again only when the build
    finishes: after a build that failed, or one by other code, configuration or theme (``made_by``), nothing is
    put back."""

    PAGE = ""  # what the record says made a page: MkDocs writes every page

    def __init__(self, folder: Path, record: Path, destination: Path, made_by: str):
        self.folder = folder  # the previous build's folder, set aside
        self.record = record
        self.destination = destination  # the edition's folder in the site
        self._made_by = made_by
        try:
            found = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = {}
        record.unlink(missing_ok=True)
        self._made: dict[str, str] = found.get("files", {}) if found.get("made_by") == made_by else {}
        self._now: dict[str, str] = {}
        self._put_back = self._put_back_entries()
        self.taken = 0

    def _put_back_entries(self) -> set[str]:
        """Move back into the edition's folder each entry of the folder set aside that holds a recorded file; the
        others (the search index, which is made anew) stay, and go with the folder."""
        recorded = {_entry(uri) for uri in self._made}
        if not recorded or not self.folder.is_dir():
            return set()
        self.destination.mkdir(parents=True, exist_ok=True)
        moved = set()
        for entry in self.folder.iterdir():
            if entry.name in recorded and not (self.destination / entry.name).exists():
                entry.rename(self.destination / entry.name)
                moved.add(entry.name)
        return moved

    def take(self, uri: str, made_from: str) -> bool:
        """Whether the file of ``uri`` (relative to the edition's folder) is in place, made from ``made_from``:
        then it need not be written."""
        self._now[uri] = made_from
        if self._made.get(uri) != made_from or _entry(uri) not in self._put_back \
                or not (self.destination / uri).is_file():
            return False
        self.taken += 1
        return True

    def page(self, uri: str) -> None:
        """A page this build writes (over its previous copy, if there is one)."""
        self._now[uri] = self.PAGE

    def finish(self) -> None:
        """Remove what the previous build made and this one did not (with its folder, if no file of this build is in
        it; a page with its sitemap probe), and the folder set aside; record what made this build's files."""
        live = {folder for uri in self._now for folder in PurePosixPath(uri).parents}
        for uri in self._made.keys() - self._now.keys():
            if _entry(uri) not in self._put_back:
                continue
            dead = [folder for folder in PurePosixPath(uri).parents if folder not in live]
            if dead:  # nearest first: the last holds the others
                shutil.rmtree(self.destination / dead[-1], ignore_errors=True)
                continue
            (self.destination / uri).unlink(missing_ok=True)
            # A page's sitemap probe goes with it (govkb.sitemap); the edition's own sitemap, at its root, stays.
            probe = PurePosixPath(uri).with_name(SITEMAP)
            if self._made[uri] == self.PAGE and probe.parent.parts and probe.as_posix() not in self._now:
                (self.destination / probe).unlink(missing_ok=True)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps({"made_by": self._made_by, "files": self._now}), encoding="utf-8")

    @property
    def offered(self) -> int:
        return sum(made_from != self.PAGE for made_from in self._now.values())


def _entry(uri: str) -> str:
    """The entry of an edition's folder that holds ``uri``: its first folder, or the file itself."""
    return uri.split("/", 1)[0]


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
    the default edition's build merges into its own, then removes from the edition's folder). The site's search
    bundle is set aside too, for the build's indexing (``govkb.search.PreviousBundle``)."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.folder = kept_editions_folder(site_dir)

    def set_aside(self, languages: Iterable[str]) -> None:
        """Move each edition's folder out of the site folder, before the site folder is cleaned."""
        for language in languages:
            kept = self.folder / language
            shutil.rmtree(kept, ignore_errors=True)
            if language == DEFAULT:
                self._set_search_bundle_aside()
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

    def _set_search_bundle_aside(self) -> None:
        previous = self.search_bundle()
        shutil.rmtree(previous.folder, ignore_errors=True)
        if (self.site_dir / SEARCH_BUNDLE).is_dir():
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.site_dir / SEARCH_BUNDLE).rename(previous.folder)

    def search_bundle(self) -> PreviousBundle:
        """The site's search bundle set aside, for the build's indexing to take back if its pages did not change."""
        return PreviousBundle(self.folder / "search", self.folder / "search.json")

    def files(self, language: str, made_by: str) -> KeptFiles:
        """The edition's folder set aside, put back for its build to write over (see ``KeptFiles``)."""
        return KeptFiles(self.folder / language, self._record(language, "files.json"),
                         self.site_dir if language == DEFAULT else self.site_dir / language, made_by)

    def keep_or_build(self, language: str, inputs: str, build: Callable[[], None]) -> bool:
        """Put the edition's folder back if it was made from ``inputs`` (True); otherwise ``build`` the edition
        anew, which may take files back from the folder (``files``), then forget the folder and record what the
        new one was made from (False)."""
        kept, made = self.folder / language, self._record(language, "inputs")
        if kept.is_dir() and made.is_file() and made.read_text(encoding="utf-8") == inputs:
            kept.rename(self.site_dir / language)
            shutil.copyfile(self._record(language, SITEMAP), self.site_dir / language / SITEMAP)
            return True
        made.unlink(missing_ok=True)
        try:
            build()
        finally:
            shutil.rmtree(kept, ignore_errors=True)
        self.folder.mkdir(exist_ok=True)
        shutil.copyfile(self.site_dir / language / SITEMAP, self._record(language, SITEMAP))
        made.write_text(inputs, encoding="utf-8")
        return False

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _record(self, language: str, name: str) -> Path:
        return self.folder / f"{language}.{name}"
