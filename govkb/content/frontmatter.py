"""Strict reading of YAML data files and YAML-fronted Markdown.

MkDocs' own front-matter reader swallows YAML errors, so every content file is read here instead.
The YAML is composed, not constructed: every scalar stays the string that was written (a country
``NO`` stays "NO", ``1.10`` stays "1.10") and the typed model decides what it means. Duplicate keys,
anchors, aliases, explicit tags, tabs, invisible characters and nesting deeper than a content file needs
are refused, each with its line. Reading a file never recurses, so no file can crash it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .characters import IN_FILES, MAX_LINES_REPORTED, MORE_LINES, refusal
from .problems import ContentError, Problem

MAX_FILE_BYTES = 256 * 1024
_DEFAULT_TAGS = {yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                 yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                 yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}
_FENCE = re.compile(r"---[ \t]*")


@dataclass
class Parsed:
    """A file's YAML as plain dicts, lists and strings, with the line of every field."""

    path: Path
    display: str
    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, dotted: str) -> int | None:
        return line_of(self.lines, dotted)


def line_of(lines: dict[str, int], dotted: str) -> int | None:
    """The line of a field, or of its nearest enclosing field that has one."""
    parts = dotted.split(".") if dotted else []
    while parts:
        found = lines.get(".".join(parts))
        if found:
            return found
        parts.pop()
    return lines.get("")


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that this project refuses on purpose, at the line of ``mark``."""

    def __init__(self, message: str, mark: Any):
        super().__init__(None, None, message, mark)
        self.line = mark.line


# libyaml's parser when PyYAML was built with it (about ten times faster); same events, same marks.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
# Content files need a few levels. A deeper file is refused as the parser reaches this depth, before it gets
# slow (libyaml takes minutes over 100,000 levels) and before any recursion (PyYAML's composer crashes there).
MAX_DEPTH = 20
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_END_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _joined(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


@dataclass
class _Open:
    """A mapping or list being read: where its items go, and in a mapping, the key whose value comes next."""

    path: str
    mapping: bool
    items: dict | list | None  # None: read but thrown away (under a refused key or tag)
    is_key: bool = False
    key: str | None = None
    awaiting_value: bool = False
    count: int = 0


@dataclass
class _Reader:
    """Plain dicts, lists and strings built from the parser's events with a stack, not recursion, recording the
    line of every field and refusing what is ambiguous."""

    file: str
    first_line: int
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Open] = field(default_factory=list)
    root: Any = None

    def read(self, text: str) -> Any:
        first_document: Any = None
        for event in yaml.parse(text, Loader=_LOADER):
            mark: Any = event.start_mark  # libyaml's marks, which the stubs type apart from PyYAML's
            if isinstance(event, yaml.AliasEvent):
                raise _Refused("YAML aliases (*name) are not allowed; write the value out", mark)
            if getattr(event, "anchor", None):
                raise _Refused("YAML anchors (&name) are not allowed; write the value out", mark)
            if isinstance(event, yaml.DocumentStartEvent):
                if first_document is not None:
                    raise yaml.composer.ComposerError("expected a single document in the stream", first_document,
                                                      "but found another document", mark)
                first_document = mark
            elif isinstance(event, _NODE_EVENTS):
                self._node(event)
            elif isinstance(event, _END_EVENTS):
                self._close()
        return {} if first_document is None else self.root

    def _line(self, event: Any) -> int:
        return event.start_mark.line + self.first_line

    def _node(self, event: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.mapping and not parent.awaiting_value:
            self._key(event, parent)
            return
        path, kept = self._place(parent)
        if kept:
            self.lines.setdefault(path, self._line(event))
        tag = event.tag
        if tag not in (None, "!") and tag not in _DEFAULT_TAGS:
            if kept:
                self.problems.append(Problem(self.file, self._line(event), path,
                                             f"explicit YAML tag {tag!r} is not allowed"))
            kept = False
        if isinstance(event, yaml.ScalarEvent):
            self._give(parent, event.value if kept else None)
            return
        if len(self.stack) >= MAX_DEPTH:
            raise _Refused(f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; content files "
                           "need only a few levels", event.start_mark)
        mapping = isinstance(event, yaml.MappingStartEvent)
        items: dict | list | None = ({} if mapping else []) if kept else None
        self._give(parent, items, done=False)
        self.stack.append(_Open(path, mapping, items))

    def _key(self, event: Any, mapping: _Open) -> None:
        mapping.awaiting_value = True
        mapping.key = None
        key_line = self._line(event)
        if not isinstance(event, yaml.ScalarEvent):
            self.problems.append(Problem(self.file, key_line, mapping.path, "a key must be a plain name"))
            if len(self.stack) >= MAX_DEPTH:
                raise _Refused(f"lists and mappings are nested more than {MAX_DEPTH} levels deep here",
                               event.start_mark)
            self.stack.append(_Open(mapping.path, isinstance(event, yaml.MappingStartEvent), None, is_key=True))
            return
        child = _joined(mapping.path, event.value)
        if mapping.items is None:
            return
        if event.value in mapping.items:
            self.problems.append(Problem(self.file, key_line, child, f"duplicate key {event.value!r} (first on "
                                                                    f"line {self.lines[child]}); keep one"))
            return
        self.lines[child] = key_line
        mapping.key = event.value

    def _place(self, parent: _Open | None) -> tuple[str, bool]:
        """The dotted path of the next value in ``parent``, and whether it is kept."""
        if parent is None:
            return "", True
        if parent.mapping:
            return _joined(parent.path, parent.key or ""), parent.items is not None and parent.key is not None
        parent.count += 1
        return _joined(parent.path, str(parent.count - 1)), parent.items is not None

    def _give(self, parent: _Open | None, value: Any, done: bool = True) -> None:
        """Put a value in its parent; ``done`` is False for a list or mapping, whose items are still to come."""
        if parent is None:
            self.root = value
        elif isinstance(parent.items, dict) and parent.key is not None:
            parent.items[parent.key] = value
        elif isinstance(parent.items, list):
            parent.items.append(value)
        if parent is not None and parent.mapping and done:
            parent.awaiting_value = False

    def _close(self) -> None:
        closed = self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.mapping and not closed.is_key:
            parent.awaiting_value = False


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse YAML text strictly; ``first_line`` is the file line the text starts on."""
    problems = _line_problems(text, file, first_line)
    if problems:
        raise ContentError(problems)
    reader = _Reader(file, first_line)
    try:
        data = reader.read(text)
    except yaml.MarkedYAMLError as error:
        line, message = _explain(error, first_line)
        field_name = _key_on_line(text, line - first_line) if line else ""
        raise ContentError([Problem(file, line, field_name, message)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses (U+FFFE, U+FFFF): name its line
        line = len(_LINE_BREAK.split(text[: error.position])) - 1 + first_line
        raise ContentError([Problem(file, line, _key_on_line(text, line - first_line),
                                    f"YAML does not parse: {error.reason}")]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(file, None, "", f"YAML does not parse: {error}")]) from None
    if reader.problems:
        raise ContentError(reader.problems)
    return data, reader.lines


def _line_problems(text: str, file: str, first_line: int) -> list[Problem]:
    """Tabs in indentation and invisible characters, each with its line and the key written there or above."""
    problems: list[Problem] = []
    key = ""
    for number, raw in enumerate(_LINE_BREAK.split(text), start=first_line):
        if len(problems) >= MAX_LINES_REPORTED:
            problems.append(Problem(file, number, "", MORE_LINES))
            break
        written = _KEY.match(raw)
        key = written.group(1) if written else key
        indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(file, number, "", "tab used for indentation; indent with spaces"))
        invisible = IN_FILES.search(raw)
        if invisible:
            problems.append(Problem(file, number, key, refusal(invisible.group())))
    return problems


_KEY = re.compile(r"^\s*+(?:-\s++)?([A-Za-z_][\w-]*+)\s*+:")
# Line breaks as YAML and editors count them (the other breaks Python knows are refused characters).
_LINE_BREAK = re.compile(r"\r\n?|\n")
_LINE_BREAK_KEPT = re.compile(r"(\r\n?|\n)")


def _key_on_line(text: str, index: int) -> str:
    """The key written on a line of the YAML (or the nearest line above it), to name the field."""
    lines = _LINE_BREAK.split(text)
    for candidate in reversed(lines[: index + 1]):
        match = _KEY.match(candidate)
        if match:
            return match.group(1)
    return ""


def _explain(error: yaml.MarkedYAMLError, first_line: int) -> tuple[int | None, str]:
    """The line to blame and a message a contributor can act on."""
    problem = error.problem or ""
    if isinstance(error, _Refused):
        return error.line + first_line, problem
    if "expected ',' or ']'" in problem and error.context_mark:
        return error.context_mark.line + first_line, "the list opened here is not closed with ']'"
    if "expected ',' or '}'" in problem and error.context_mark:
        return error.context_mark.line + first_line, "the mapping opened here is not closed with '}'"
    mark = error.problem_mark or error.context_mark
    line = mark.line + first_line if mark else None
    if "mapping values are not allowed" in problem:  # PyYAML: "...here"; libyaml: "...in this context"
        return line, "YAML does not parse: a value that contains ': ' must be in double quotes"
    message = " ".join(filter(None, [error.context, problem])) or str(error)
    return line, f"YAML does not parse: {message}"


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 within the size cap, naming the line of the first bad byte."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)  # never more, even if the file grew since
    except OSError as error:
        raise ContentError([Problem(display, None, "", f"cannot be read: {error.strerror}")]) from None
    if max(size, len(raw)) > MAX_FILE_BYTES:
        raise ContentError([Problem(display, None, "", f"file is {max(size, len(raw)):,} bytes; the limit is "
                                    f"{MAX_FILE_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([Problem(display, line, "", f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); "
                                    "save the file as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def read_data_file(path: Path, display: str) -> Parsed:
    """Read a whole-YAML data file (the city registry, the taxonomy)."""
    data, lines = parse_yaml(read_text(path, display), display)
    return Parsed(path, display, data, lines)


def split_front_matter(text: str) -> tuple[str, str]:
    """A page's front matter block (with its fences, or '' when it has none) and the Markdown after it."""
    lines = text.splitlines(keepends=True)
    if lines and _FENCE.match(lines[0].rstrip("\r\n")):
        closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
        if closing is not None:
            return "".join(lines[:closing + 1]), "".join(lines[closing + 1:])
    return "", text


def read_fronted_markdown(path: Path, display: str) -> Parsed:
    """Read a Markdown file that opens with a ``---`` fenced YAML block."""
    return parse_fronted_markdown(read_text(path, display), path, display)


def parse_fronted_markdown(text: str, path: Path, display: str) -> Parsed:
    """Split a file's text into its ``---`` fenced YAML front matter, read strictly, and its Markdown body."""
    lines = _lines_with_ends(text)
    if not lines or not _FENCE.fullmatch(lines[0].rstrip("\r\n")):
        raise ContentError([Problem(display, 1, "", "the file must start with a '---' line opening the "
                                    "YAML front matter")])
    closing = next((i for i in range(1, len(lines)) if _FENCE.fullmatch(lines[i].rstrip("\r\n"))), None)
    if closing is None:
        raise ContentError([Problem(display, 1, "", "front matter opened on line 1 is never closed; add a "
                                    "'---' line after the last field")])
    data, field_lines = parse_yaml("".join(lines[1:closing]), display, first_line=2)
    if not isinstance(data, dict):
        raise ContentError([Problem(display, 2, "", "front matter must be a mapping of field: value lines")])
    return Parsed(path, display, data, field_lines, "".join(lines[closing + 1:]), body_line=closing + 2)


def _lines_with_ends(text: str) -> list[str]:
    """The lines of a text, each with its line break, broken where YAML and editors break them."""
    pieces = _LINE_BREAK_KEPT.split(text)
    lines = ["".join(pieces[i:i + 2]) for i in range(0, len(pieces), 2)]
    return lines if lines[-1] else lines[:-1]
