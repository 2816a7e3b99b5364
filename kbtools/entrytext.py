"""Writing a new case file or city entry from answers: every value through a YAML emitter, never pasted into YAML.

The emitter quotes and escapes whatever a value holds, so no value can add a field or close the front matter.
The text is written one field at a time, so each line of it is known to belong to a field (and to an item of a
list): a problem the validator reports by line is then traced back to the answer it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govkb.content.frontmatter import parse_fronted_markdown
from govkb.content.problems import ContentError


@dataclass(frozen=True)
class Place:
    """Where a line of written YAML comes from: a field and, in a list, the item's place in it."""

    key: str
    item: int | None = None


@dataclass
class Written:
    """Text to write, and the field each of its lines holds (lines counted from 1, as problems count them)."""

    text: str
    places: dict[int, Place] = field(default_factory=dict)
    body_line: int | None = None  # the file line of the body's first line, in a case file

    def place_of(self, line: int | None) -> Place | None:
        return self.places.get(line) if line else None


def _field_lines(key: str, value: Any) -> list[tuple[str, Place]]:
    """One field as YAML lines, each with its place: a new list item starts at '- ' in the first column."""
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=100).splitlines()
    lines, item = [], -1
    for number, line in enumerate(dumped):
        if number and line.startswith("- "):
            item += 1
        lines.append((line, Place(key, item if item >= 0 else None)))
    return lines


def yaml_lines(entry: dict[str, Any]) -> list[tuple[str, Place]]:
    return [line for key, value in entry.items() for line in _field_lines(key, value)]


def case_file(front_matter: dict[str, Any], body: str) -> Written:
    """A case file: the front matter between '---' lines, a blank line, then the body."""
    lines = yaml_lines(front_matter)
    text = "---\n" + "".join(f"{line}\n" for line, _ in lines) + "---\n\n" + body.strip("\n") + "\n"
    written = Written(text, {number: place for number, (_, place) in enumerate(lines, start=2)},
                      body_line=len(lines) + 4)
    _check_round_trip(written, front_matter, body)
    return written


def list_entry(entry: dict[str, Any], first_line: int) -> Written:
    """One more entry of a YAML list (data/cities.yaml), to append to a file whose next line is ``first_line``."""
    lines = yaml_lines(entry)
    text = "".join(f"{'- ' if number == 0 else '  '}{line}\n" for number, (line, _) in enumerate(lines))
    return Written(text, {number: place for number, (_, place) in enumerate(lines, start=first_line)})


def as_text(value: Any) -> Any:
    """A value as the strict reader gives it back: every scalar the text it was written as."""
    if isinstance(value, dict):
        return {key: as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_text(item) for item in value]
    return value if isinstance(value, str) else str(value)


def _check_round_trip(written: Written, front_matter: dict[str, Any], body: str) -> None:
    """Read the file back as the loader will: exactly these fields and this body, or a bug here, not in the input.

    A file the reader refuses (an invisible character, say) is left for the loader to report with its line."""
    try:
        parsed = parse_fronted_markdown(written.text, Path("new.md"), "new.md")
    except ContentError:
        return
    if parsed.data != as_text(front_matter) or parsed.body.strip("\n") != body.strip("\n"):
        raise RuntimeError("the written case does not read back as its answers: a bug in kbtools/entrytext.py")
