"""Strict reading of YAML data files and YAML-fronted Markdown.

MkDocs' own front-matter reader swallows YAML errors, so every content file is read here instead.
The YAML is composed, not constructed: every scalar stays the string that was written (a country
``NO`` stays "NO", ``1.10`` stays "1.10") and the typed model decides what it means. Duplicate keys,
anchors, aliases, explicit tags and tabs are refused, each with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem

MAX_FILE_BYTES = 256 * 1024
_DEFAULT_TAGS = {yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                 yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                 yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}
_FENCE = re.compile(r"^---[ \t]*$")


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


def _compose(text: str) -> yaml.Node | None:
    """Compose the YAML, refusing anchors and aliases, which would let one value hide inside another."""
    # An anchor needs '&' and an alias '*': text with neither skips this second pass over the YAML.
    for event in yaml.parse(text, Loader=_LOADER) if ("&" in text or "*" in text) else ():
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not allowed; write the value out", event.start_mark)
        if getattr(event, "anchor", None):
            raise _Refused("YAML anchors (&name) are not allowed; write the value out", event.start_mark)
    return yaml.compose(text, Loader=_LOADER)


def _plain(node: yaml.Node, path: str, first_line: int, lines: dict[str, int], problems: list[Problem],
           file: str) -> Any:
    """Turn a composed node into dicts, lists and strings, recording lines and refusing what is ambiguous."""
    line = node.start_mark.line + first_line
    lines.setdefault(path, line)
    if node.tag not in _DEFAULT_TAGS:
        problems.append(Problem(file, line, path, f"explicit YAML tag {node.tag!r} is not allowed"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + first_line
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(file, key_line, path, "a key must be a plain name"))
                continue
            key = key_node.value
            child = f"{path}.{key}" if path else key
            if key in result:
                problems.append(Problem(file, key_line, child,
                                        f"duplicate key {key!r} (first on line {lines[child]}); keep one"))
                continue
            lines[child] = key_line
            result[key] = _plain(value_node, child, first_line, lines, problems, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, f"{path}.{i}" if path else str(i), first_line, lines, problems, file)
                for i, item in enumerate(node.value)]
    return node.value


def parse_yaml(text: str, file: str, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse YAML text strictly; ``first_line`` is the file line the text starts on."""
    problems: list[Problem] = []
    for number, raw in enumerate(text.splitlines(), start=first_line):
        indent = raw[: len(raw) - len(raw.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(file, number, "", "tab used for indentation; indent with spaces"))
    if problems:
        raise ContentError(problems)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as error:
        line, message = _explain(error, first_line)
        field_name = _key_on_line(text, line - first_line) if line else ""
        raise ContentError([Problem(file, line, field_name, message)]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(file, None, "", f"YAML does not parse: {error}")]) from None
    if node is None:
        return {}, {}
    lines: dict[str, int] = {}
    data = _plain(node, "", first_line, lines, problems, file)
    if problems:
        raise ContentError(problems)
    return data, lines


_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:")


def _key_on_line(text: str, index: int) -> str:
    """The key written on a line of the YAML (or the nearest line above it), to name the field."""
    lines = text.splitlines()
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
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise ContentError([Problem(display, None, "", f"file is {len(raw):,} bytes; the limit is "
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
    text = read_text(path, display)
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        raise ContentError([Problem(display, 1, "", "the file must start with a '---' line opening the "
                                    "YAML front matter")])
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
    if closing is None:
        raise ContentError([Problem(display, 1, "", "front matter opened on line 1 is never closed; add a "
                                    "'---' line after the last field")])
    data, field_lines = parse_yaml("".join(lines[1:closing]), display, first_line=2)
    if not isinstance(data, dict):
        raise ContentError([Problem(display, 2, "", "front matter must be a mapping of field: value lines")])
    return Parsed(path, display, data, field_lines, "".join(lines[closing + 1:]), body_line=closing + 2)
