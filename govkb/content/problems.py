"""Problems found in content files, in the one format every command prints."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one content file: where it is and what would be valid."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        # One problem, one line: a file name or value with a line break or a bidirectional control must not
        # forge or reorder the lines a contributor, CI or a reviewer reads.
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = self.field or "(file)"
        return printable(f"{where}: {field}: {self.message}")


class ContentError(Exception):
    """Raised when content cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.field))
        count = len(self.problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the content:\n{lines}")
