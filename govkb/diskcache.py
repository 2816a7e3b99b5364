"""Text kept on disk between builds, named by a hash of everything it was made from.

A changed input or changed code gives a new name, so an entry is never stale, only unused; deleting the
folder (``.cache/``) is always safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path


def code_digest(*sources: Path) -> str:
    """A hash of source files, to put in keys so that changing the code that makes a value remakes it."""
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()


class TextCache:
    def __init__(self, directory: Path | None):
        self.directory = directory  # None: remember nothing (tests, one-off renders)

    def within(self, name: str) -> TextCache:
        """The cache in a sub-folder, one per kind of value."""
        return TextCache(self.directory / name if self.directory else None)

    def kept(self, key: str, make: Callable[[], str], suffix: str = ".txt") -> str:
        """The text kept under ``key``, or ``make()``'s, kept for next time."""
        text = self.get(key, suffix)
        return text if text is not None else self.put(key, make(), suffix)

    def get(self, key: str, suffix: str = ".txt") -> str | None:
        path = self._path(key, suffix)
        return path.read_text(encoding="utf-8") if path and path.is_file() else None

    def put(self, key: str, text: str, suffix: str = ".txt") -> str:
        path = self._path(key, suffix)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return text

    def _path(self, key: str, suffix: str) -> Path | None:
        if self.directory is None:
            return None
        return self.directory / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}{suffix}"
