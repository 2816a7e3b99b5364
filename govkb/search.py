"""The site's search index: Pagefind over the finished HTML.

Pagefind folds accents ("Medellin" finds "Medellín"), ranks headings first so a city's profile leads
its results, and splits its index into chunks that a reader downloads only as a query needs them.
Only each page's own content (``data-pagefind-body``) is indexed; permalink marks are left out.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cbor2
import pagefind_bin

from .cache import TextCache, hash_of
from .languages import DEFAULT, LANGUAGES
from .memory import give_back_freed_memory
from .urls import SEARCH_BUNDLE


class SearchIndexError(RuntimeError):
    pass


@dataclass(frozen=True)
class PreviousBundle:
    """The site's search bundle as the last build left it, set aside while the site folder is cleaned
    (``govkb.preview.KeptEditions``), and the record of the pages it indexed. A build whose every edition's pages
    are the same bytes gets it back whole rather than delete it and copy each edition's bundle from the cache:
    at 5,000 cases in three languages, some 16,000 files each way."""

    folder: Path
    record: Path

    def take_if_made_from(self, made_from: dict | None, bundle: Path) -> bool:
        """Move the bundle set aside to ``bundle`` if it indexed what ``made_from`` names, else delete it. The
        record goes either way: it is written again only when a bundle is complete (``made``)."""
        try:
            recorded = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = None
        self.record.unlink(missing_ok=True)
        if made_from is not None and recorded == made_from and self.folder.is_dir():
            self.folder.rename(bundle)
            return True
        shutil.rmtree(self.folder, ignore_errors=True)
        return False

    def made(self, made_from: dict) -> None:
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(made_from), encoding="utf-8")


def build_index(site_dir: Path, started: Callable[[subprocess.Popen], None] | None = None, *,
                cache: TextCache | None = None, previous: PreviousBundle | None = None) -> None:
    """Index every page that carries data-pagefind-body into ``site_dir/pagefind``. ``started`` is handed each of
    Pagefind's processes as soon as it runs.

    Pagefind runs once per edition, one after the other, and the bundles are merged: its memory grows with the
    pages of a run (1.1 GB for one language at 5,000 cases, 2.4 GB for three), and the result is the same bundle,
    byte for byte, as one run over the whole site gives. Measured at 1,000 cases: the CLI over the finished site
    costs the same as feeding Pagefind's service page by page during the build (its service does the work when
    the index is written), so the simpler, public CLI it is.

    An edition's bundle is kept in ``cache`` under a hash of the pages it indexed: an edition whose pages are the
    same bytes as in an earlier build (all of them in a rebuild of unchanged content, the other editions after a
    save to one) gets that bundle again instead of a run. When every edition's pages are those the ``previous``
    bundle indexed, that bundle is put back whole.
    """
    if not site_dir.is_dir():
        raise SearchIndexError(f"Pagefind could not index {site_dir}: there is no such folder")
    bundle = site_dir / SEARCH_BUNDLE
    shutil.rmtree(bundle, ignore_errors=True)
    # Two bundles for each language: a preview's and a published build's pages differ.
    kept = cache.within("search").folders(keep=2 * len(LANGUAGES)) if cache else None
    editions = [(edition, _pagefind_options(edition.glob)) for edition in _editions(site_dir)]
    keys = {edition.language: hash_of([*options, *edition.pages_read(site_dir)]) if kept else ""
            for edition, options in editions}
    made_from = {"code": cache.version, "editions": keys} if cache else None
    if previous is not None and previous.take_if_made_from(made_from, bundle):
        return
    gc.collect()  # the build's cycles too: Pagefind is about to run beside this process
    give_back_freed_memory()
    merged: dict[str, dict] = {}  # the other editions' entries in their bundles' entry files
    for edition, options in editions:
        part = bundle if edition.language == DEFAULT else bundle.with_name(f"{bundle.name}.{edition.language}")
        key = keys[edition.language]
        if not (kept and kept.get(key, part)):
            _run_pagefind(site_dir, part, options, started)
            if kept:
                kept.put(key, part)
        if part != bundle:
            merged.update(_merge_into(bundle, part))
    _sort_languages(bundle / ENTRY_FILE, _sort_filters(bundle), merged)
    if previous is not None and made_from:
        previous.made(made_from)


@dataclass(frozen=True)
class _Edition:
    language: str
    glob: str | None  # the pages Pagefind reads, as its --glob option; None: every page of the site
    roots: tuple[str, ...]  # the same pages: every HTML file in these files and folders of the site

    def pages_read(self, site_dir: Path) -> Iterator[str | bytes]:
        """Each page's address and bytes, in a fixed order."""
        for root in self.roots:
            found = site_dir / root
            for page in sorted(found.rglob("*.html")) if found.is_dir() else [found]:
                yield page.relative_to(site_dir).as_posix()
                yield page.read_bytes()


def _editions(site_dir: Path) -> list[_Edition]:
    """Each edition's pages, the default edition first: 'es/**/*.html' for the Spanish one; for the default one,
    at the site's root, each of its own files and folders. One edition: every page in one run."""
    others = [language for language in LANGUAGES if language != DEFAULT and (site_dir / language).is_dir()]
    skipped = {*others, SEARCH_BUNDLE.strip("/")}
    own = sorted(entry.name for entry in site_dir.iterdir()
                 if entry.name not in skipped and (entry.is_dir() or entry.suffix == ".html"))
    if not others:
        return [_Edition(DEFAULT, None, tuple(own))]
    globs = "{" + ",".join(f"{name}/**/*.html" if (site_dir / name).is_dir() else name for name in own) + "}"
    return [_Edition(DEFAULT, globs, tuple(own)),
            *(_Edition(language, f"{language}/**/*.html", (language,)) for language in others)]


def _pagefind_options(glob: str | None) -> list[str]:
    return ["--exclude-selectors", ".headerlink", "--silent", *(("--glob", glob) if glob else ())]


def _run_pagefind(site_dir: Path, output: Path, options: list[str],
                  started: Callable[[subprocess.Popen], None] | None) -> None:
    command = [str(pagefind_bin.get_executable()), "--site", str(site_dir), "--output-path", str(output), *options]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as pagefind:
        if started is not None:
            started(pagefind)
        stdout, stderr = pagefind.communicate()
    if pagefind.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{stderr or stdout}")


def _merge_into(bundle: Path, part: Path) -> dict[str, dict]:
    """Move one edition's bundle into the site's; returns the languages of its entry file, for the site's. Its
    files are named by their content (or, like Pagefind's scripts, the same in every bundle), so none differs from
    one of the same name."""
    languages = json.loads((part / ENTRY_FILE).read_text(encoding="utf-8"))["languages"]
    for path in part.rglob("*"):
        target = bundle / path.relative_to(part)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        elif not target.exists():
            path.replace(target)
    shutil.rmtree(part)
    return languages


class IndexInBackground:
    """A preview's search index, built in a thread once the page is served. A new build stops it rather than
    wait for it: the site it indexes is about to be replaced, and the new build indexes its own."""

    def __init__(self, site_dir: Path, report: Callable[[str], None], cache: TextCache | None = None,
                 previous: PreviousBundle | None = None):
        self._pagefind: subprocess.Popen | None = None
        self._stopping = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(site_dir, report, cache, previous),
                                        name="search index", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            if self._pagefind is not None:
                self._pagefind.terminate()
        self._thread.join()

    def wait(self) -> None:
        """Until the index is built (or has failed)."""
        self._thread.join()

    def _run(self, site_dir: Path, report: Callable[[str], None], cache: TextCache | None,
             previous: PreviousBundle | None) -> None:
        try:
            build_index(site_dir, self._started, cache=cache, previous=previous)
        except (SearchIndexError, OSError) as error:  # OSError: its files went with the site folder
            if not self._stopping:
                report(str(error))

    def _started(self, pagefind: subprocess.Popen) -> None:
        with self._lock:
            self._pagefind = pagefind
            if self._stopping:
                pagefind.terminate()


# Pagefind's entry file, which lists the index of each language.
ENTRY_FILE = "pagefind-entry.json"


def _sort_languages(entry: Path, meta_files: dict[str, str], merged: dict[str, dict]) -> None:
    """Pagefind writes its languages in a different order on each run; in the order of their codes, two builds
    of the same commit give the same bytes. The reader's script looks a language up by its code. Each
    language's index file is the one ``_sort_filters`` renamed, by language: {"en": "en_3dd426c48d"}. ``merged``:
    the languages of the bundles merged into this one."""
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"].update(merged)
    for language, found in data["languages"].items():
        found["hash"] = meta_files.get(language, found["hash"])
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Pagefind's own files: gzip of this signature and CBOR. Its filter indexes (the explorer's case:<slug>) list
# their values in the order of a Rust hash map, a different one on each run, and each language's index file
# names them by a hash of their bytes: sorted and renamed here, every file is the same on every build.
_SIGNATURE = b"pagefind_dcd"
_FILTERS_IN_META = 3  # the index file's list of (filter name, file id) pairs


def _sort_filters(bundle: Path) -> dict[str, str]:
    """Sort every filter index and rename it by its bytes; returns each language's renamed index file's id."""
    renamed = {}
    for meta_path in sorted(bundle.glob("pagefind.*.pf_meta")):
        meta_id = meta_path.name.removeprefix("pagefind.").removesuffix(".pf_meta")  # 'en_3dd426c48d'
        meta = _read(meta_path)
        for pair in meta[_FILTERS_IN_META]:
            name, values = _read(bundle / "filter" / f"{pair[1]}.pf_filter")
            pair[1] = _rewrite(bundle / "filter" / f"{pair[1]}.pf_filter", pair[1],
                               [name, sorted([value, sorted(pages)] for value, pages in values)])
        renamed[meta_id.rsplit("_", 1)[0]] = _rewrite(meta_path, meta_id, meta)
    return renamed


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes()).removeprefix(_SIGNATURE))


def _rewrite(path: Path, file_id: str, value) -> str:
    """``value`` written as Pagefind writes it, in place of ``path``, its id ('en_3dd426c48d') renamed by a hash
    of the new bytes; returns the new id."""
    data = _SIGNATURE + cbor2.dumps(value)
    language, old_hash = file_id.rsplit("_", 1)
    new_id = f"{language}_{hashlib.sha256(data).hexdigest()[:len(old_hash)]}"
    path.unlink()
    path.with_name(path.name.replace(file_id, new_id)).write_bytes(gzip.compress(data, mtime=0))
    return new_id
