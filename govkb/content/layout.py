"""Where a project keeps its content, and how its paths are shown in messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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

    def __post_init__(self) -> None:
        derived = {"docs_dir": self.root / self.docs_dir_name, "cases_dir": self.root / "cases",
                   "indicators_dir": self.root / "indicators", "data_dir": self.root / "data"}
        derived |= {"cities_file": derived["data_dir"] / "cities.yaml",
                    "taxonomy_file": derived["data_dir"] / "taxonomy.yaml",
                    "sdgs_file": derived["data_dir"] / "sdgs.yaml"}
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


def content_files(directory: Path) -> list[Path]:
    """The Markdown entries of a folder, in a stable order."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.md"))
