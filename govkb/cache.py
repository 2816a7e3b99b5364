"""Text kept on disk between builds (``.cache/``), named by a hash of everything that made it.

A key covers the inputs a caller names and, always, the version of the code: every source file of this
package and its data, and the versions of the libraries that parse, render and index. Changing any of them
gives new names, so an entry is never stale, only unused; deleting the folder is always safe. Entries are
written to a temporary file and renamed into place, so an interrupted build leaves no half-written entry.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# Libraries whose output a cache entry can hold: a new version of any of them makes every entry afresh.
RENDERING_LIBRARIES = ("altair", "vl-convert-python", "pandas", "numpy", "pydantic", "PyYAML", "nh3", "Markdown",
                       "pagefind", "python-slugify", "markupsafe", "citeproc-py", "lxml")


def hash_of(parts: Iterable[str | bytes]) -> str:
    """A SHA-256 of ``parts`` (text as UTF-8), each ended by NUL, so that parts cannot run into each other."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of this package's source and data files and of the rendering libraries' versions."""
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return hash_of([*(part for path in files for part in (path.relative_to(PACKAGE_DIR).as_posix(), path.read_bytes())),
                    *(f"{library}=={_version(library)}" for library in RENDERING_LIBRARIES)])


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


class TextCache:
    def __init__(self, directory: Path | None, version: str | None = None):
        self.directory = directory  # None: remember nothing (tests, one-off renders)
        self.version = version if version is not None else (code_version() if directory else "")

    def within(self, name: str) -> TextCache:
        """The cache in a sub-folder, one per kind of value."""
        return TextCache(self.directory / name if self.directory else None, self.version)

    def folders(self, keep: int) -> FolderCache:
        """This cache's folder holding whole folders, the ``keep`` last used."""
        return FolderCache(self, keep)

    def kept(self, key: str, make: Callable[[], str], suffix: str = ".txt") -> str:
        """The text kept under ``key``, or ``make()``'s, kept for next time."""
        text = self.get(key, suffix)
        return text if text is not None else self.put(key, make(), suffix)

    def get(self, key: str, suffix: str = ".txt") -> str | None:
        path = self._path(key, suffix)
        if path is None:
            return None
        try:  # exactly the text that was put: no line ends translated (a CSV's CRLF must stay CRLF)
            with path.open(encoding="utf-8", newline="") as file:
                return file.read()
        except FileNotFoundError:  # never put, or just removed by another build's keep_only
            return None

    def put(self, key: str, text: str, suffix: str = ".txt") -> str:
        path = self._path(key, suffix)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
                    file.write(text)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        return text

    def keep_only(self, keys: set[str], suffix: str = ".txt") -> None:
        """Delete this folder's entries (of ``suffix``) other than those of ``keys``."""
        if self.directory is None or not self.directory.is_dir():
            return
        kept = {path.name for key in keys if (path := self._path(key, suffix))}
        for entry in self.directory.glob(f"*{suffix}"):
            if entry.name not in kept:
                entry.unlink(missing_ok=True)

    def _path(self, key: str, suffix: str) -> Path | None:
        if self.directory is None:
            return None
        name = hashlib.sha256(f"{self.version}|{key}".encode()).hexdigest()[:32]
        return self.directory / f"{name}{suffix}"


class FolderCache:
    """Whole folders kept under a key, in a ``TextCache``'s folder: only the ``keep`` last used, as a folder may be
    large. Each is copied in and out, never linked: whoever gets one may change it."""

    def __init__(self, cache: TextCache, keep: int):
        self._cache = cache
        self._keep = keep

    def get(self, key: str, target: Path) -> bool:
        """Copy the folder kept under ``key`` to ``target`` (which must not exist); False if none is kept."""
        kept = self._cache._path(key, "")
        if kept is None or not kept.is_dir():
            return False
        try:
            shutil.copytree(kept, target)
            os.utime(kept)  # used: the last to be dropped
        except OSError:  # dropped meanwhile by another build sharing the cache folder
            shutil.rmtree(target, ignore_errors=True)
            return False
        return True

    def put(self, key: str, source: Path) -> None:
        """Keep a copy of ``source`` under ``key``, then drop the folders least recently used beyond ``keep``."""
        kept = self._cache._path(key, "")
        if kept is None:
            return
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=kept.parent, prefix=".", suffix=".tmp"))
        try:
            shutil.copytree(source, temporary, dirs_exist_ok=True)
            temporary.rename(kept)
        except OSError:  # already kept, by another build sharing the cache folder: the same folder
            pass
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
        entries = [entry for entry in kept.parent.iterdir() if entry.is_dir() and not entry.name.startswith(".")]
        entries.sort(key=_last_used, reverse=True)
        for entry in entries[self._keep:]:
            # Renamed first: a build copying it out meanwhile fails, rather than copy part of it.
            dropped = entry.with_name(f".{entry.name}.dropped")
            try:
                entry.rename(dropped)
            except OSError:  # dropped meanwhile by another build
                continue
            shutil.rmtree(dropped, ignore_errors=True)


def _last_used(folder: Path) -> int:
    try:
        return folder.stat().st_mtime_ns
    except OSError:  # dropped meanwhile by another build
        return -1
