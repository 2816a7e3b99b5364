"""Where a project keeps its content, and how its paths are shown in messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

# What Markdown tools read as a page: such a file is refused with a hint to rename it, not left out.
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its content; paths in messages are relative to ``root``."""

    root: Path
    docs_dir_name: str = "content/en"
    docs_dir: Path = field(init=False)
    indicators_dir: Path = field(init=False)
    cases_dir: Path = field(init=False)
    data_dir: Path = field(init=False)
    cities_file: Path = field(init=False)
    taxonomy_file: Path = field(init=False)
    sdgs_file: Path = field(init=False)
    editions_file: Path = field(init=False)

    def __post_init__(self) -> None:
        derived = {"docs_dir": self.root / self.docs_dir_name, "cases_dir": self.root / "cases",
                   "indicators_dir": self.root / "indicators", "data_dir": self.root / "data"}
        derived |= {"cities_file": derived["data_dir"] / "cities.yaml",
                    "taxonomy_file": derived["data_dir"] / "taxonomy.yaml",
                    "sdgs_file": derived["data_dir"] / "sdgs.yaml",
                    "editions_file": derived["data_dir"] / "editions.yaml"}
        for name, path in derived.items():
            object.__setattr__(self, name, path)  # a frozen dataclass sets derived fields this way

    def translated(self, path: Path, language: str) -> Path:
        """The file beside ``path`` that holds its words in ``language``: cases/x.md -> cases/x.es.md."""
        return path.with_name(f"{path.stem}.{language}{path.suffix}")

    def pages_dir(self, language: str) -> Path:
        """The hand-written pages of one language: content/en/, content/es/, content/fr/."""
        return self.docs_dir.parent / language

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_LINK = ("a symbolic link is not allowed: it can point outside the repository, and the site would publish what it "
         "points to; put the file itself here")


def not_a_plain_file(path: Path) -> str | None:
    """Why a content path is not read, or None for a regular file (or nothing at all)."""
    if path.is_symlink():
        return _LINK
    if path.is_dir():
        return "is a folder: sub-folders are not read; move the files it holds up one level"
    if path.exists() and not path.is_file():
        return "is not a regular file"
    return None


def content_files(layout: Layout, directory: Path) -> tuple[list[Path], list[Problem]]:
    """The Markdown files of a content folder in a stable order, and a problem for every other entry.

    Nothing is skipped in silence: a folder, a link, 'x.MD' or 'x.markdown' would otherwise be left out of the
    site without a word. Hidden files that do not look like content (an editor's swap file, .DS_Store) are
    left alone, as MkDocs and git tooling leave them.
    """
    folder = layout.display(directory)
    if directory.is_symlink():
        return [], [Problem(folder, None, "", _LINK)]
    if not directory.is_dir():
        return [], []
    try:
        entries = sorted(directory.iterdir())
    except OSError as error:
        return [], [Problem(folder, None, "", f"cannot be read: {error.strerror}")]
    files, problems = [], []
    for entry in entries:
        suffix = entry.suffix.lower()
        if entry.name.startswith(".") and suffix not in _MARKDOWN_SUFFIXES:
            continue
        refused = not_a_plain_file(entry)
        if refused is None and entry.suffix != ".md":
            refused = (f"only files ending in '.md' are read: rename it to '{entry.stem}.md'"
                       if suffix in _MARKDOWN_SUFFIXES else f"{folder}/ holds only '.md' files; move this file")
        if refused:
            problems.append(Problem(layout.display(entry), None, "", refused))
        else:
            files.append(entry)
    return files, problems
