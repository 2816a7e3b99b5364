"""Load every content file once, validate it, and build the knowledge base, reporting all problems at once."""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .body import unsafe_body_problems
from .diskcache import TextCache, code_digest
from .frontmatter import Parsed, read_data_file, read_fronted_markdown
from .knowledge import Entry, KnowledgeBase
from .models import Case, City, Indicator, Taxonomy
from .problems import ContentError, Problem
from .references import reference_problems, suggestion
from .slugs import SLUG_PATTERN, slugify


@dataclass(frozen=True)
class Layout:
    """Where a project keeps its content; paths in messages are relative to ``root``."""

    root: Path
    docs_dir_name: str = "content"

    @property
    def cases_dir(self) -> Path:
        return self.root / "cases"

    @property
    def docs_dir(self) -> Path:
        return self.root / self.docs_dir_name

    @property
    def indicators_dir(self) -> Path:
        return self.docs_dir / "indicators"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def watched(self) -> list[Path]:
        """Folders outside docs_dir whose changes must rebuild a preview."""
        return [self.cases_dir, self.data_dir]

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


# File names that would collide with a generated page of the same folder.
RESERVED_SLUGS = {"index"}
# A content file's parse depends on its bytes and on the reading and checking code.
_PARSE_CODE = code_digest(*(Path(__file__).with_name(name) for name in ("frontmatter.py", "body.py")))


def load(layout: Layout, parse_cache: TextCache | None = None) -> KnowledgeBase:
    """Read, validate and cross-check everything; raise ContentError listing every problem.

    ``parse_cache`` keeps the parsed front matter and body of clean case and indicator files between builds,
    keyed by their bytes: with thousands of cases, parsing YAML is most of the loading. Validation and
    every cross-check still run on every load.
    """
    cache = parse_cache or TextCache(None)
    problems: list[Problem] = []
    taxonomy = _load_whole(layout, layout.data_dir / "taxonomy.yaml", TypeAdapter(Taxonomy), problems)
    cities_parsed = _read(layout, layout.data_dir / "cities.yaml", read_data_file, problems)
    cities_list = _validate(cities_parsed, TypeAdapter(list[City]), problems) if cities_parsed else None
    cases = _load_entries(layout, layout.cases_dir, Case, problems, cache)
    indicators = _load_entries(layout, layout.indicators_dir, Indicator, problems, cache)
    for indicator in indicators.values():
        problems.extend(Problem(indicator.path, indicator.line_of(where), where, message)
                        for where, message in indicator.meta.fit_problems())
    if taxonomy is None or cities_list is None:
        raise ContentError(problems)
    cities = {city.id: city for city in cities_list}
    city_lines = {city.id: cities_parsed.lines.get(str(i), 1) for i, city in enumerate(cities_list)}
    kb = KnowledgeBase(cases=cases, indicators=indicators, cities=cities, taxonomy=taxonomy,
                       city_lines=city_lines)
    problems.extend(reference_problems(kb, layout.display(layout.data_dir / "cities.yaml")))
    if problems:
        raise ContentError(problems)
    return kb


def _read(layout: Layout, path: Path, reader, problems: list[Problem]) -> Parsed | None:
    if not path.is_file():
        problems.append(Problem(layout.display(path), None, "", "file is missing"))
        return None
    try:
        return reader(path, layout.display(path))
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _read_entry(layout: Layout, path: Path, problems: list[Problem], cache: TextCache) -> Parsed | None:
    """A case or indicator file's front matter and body, with its body checked for unsafe Markdown."""
    key = f"{_PARSE_CODE}|{hashlib.sha256(path.read_bytes()).hexdigest()}"
    kept = cache.get(key, ".json")
    if kept is not None:
        data = json.loads(kept)
        return Parsed(path, layout.display(path), data["data"], data["lines"], data["body"], data["body_line"])
    parsed = _read(layout, path, read_fronted_markdown, problems)
    if parsed is None:
        return None
    unsafe = unsafe_body_problems(parsed.body, parsed.display, parsed.body_line)
    problems.extend(unsafe)
    if not unsafe:  # only clean files are kept: a file with problems reports them afresh every time
        cache.put(key, json.dumps({"data": parsed.data, "lines": parsed.lines, "body": parsed.body,
                                   "body_line": parsed.body_line}), ".json")
    return parsed


def _load_whole(layout: Layout, path: Path, adapter: TypeAdapter, problems: list[Problem]) -> Any:
    parsed = _read(layout, path, read_data_file, problems)
    return _validate(parsed, adapter, problems) if parsed else None


def _load_entries(layout: Layout, directory: Path, model: type[BaseModel], problems: list[Problem],
                  cache: TextCache) -> dict:
    entries: dict[str, Entry] = {}
    adapter = TypeAdapter(model)
    for path in content_files(directory):
        display = layout.display(path)
        if path.stem in RESERVED_SLUGS:
            problems.append(Problem(display, None, "", f"'{path.name}' is the folder's generated index page; "
                                                       "give the file another name"))
            continue
        if not SLUG_PATTERN.match(path.stem):
            problems.append(Problem(display, None, "", "file name must be a slug: lowercase letters, digits "
                                                       f"and hyphens, e.g. {slugify(path.stem) or 'my-case'}.md"))
            continue
        parsed = _read_entry(layout, path, problems, cache)
        meta = _validate(parsed, adapter, problems) if parsed else None
        if meta is not None:
            entries[path.stem] = Entry(path.stem, display, meta, parsed.body, parsed.lines)
    return entries


def _validate(parsed: Parsed, adapter: TypeAdapter, problems: list[Problem]) -> Any:
    try:
        return adapter.validate_python(parsed.data)
    except ValidationError as error:
        problems.extend(_to_problems(error, parsed, adapter))
        return None


def _to_problems(error: ValidationError, parsed: Parsed, adapter: TypeAdapter) -> list[Problem]:
    found = []
    for item in error.errors(include_url=False):
        loc = item["loc"]
        where = ".".join(str(part) for part in loc)
        line = parsed.line_of(where)
        if item["type"] == "missing":
            # There is no line for a field that is not there: point at the mapping that lacks it.
            parent = ".".join(str(part) for part in loc[:-1])
            line = parsed.lines.get(parent) if parent else None
        elif item["type"] == "extra_forbidden":
            line = parsed.lines.get(where, line)
        found.append(Problem(parsed.display, line, where, friendly_message(item, _fields_at(adapter, loc[:-1]))))
    return found


def friendly_message(item: dict, allowed_here: list[str]) -> str:
    """Pydantic's message, reworded where a contributor could not act on it."""
    kind, field, value = item["type"], str(item["loc"][0]) if item["loc"] else "", item.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(item["loc"][-1])
        return f"unknown field '{name}'{suggestion(name, allowed_here)}" if allowed_here else "unknown field"
    if kind == "string_too_short" and item.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        hints = {
            "sdg_targets": "is not an SDG target; write goal.target, e.g. '16.7' or '11.a'",
            "country": "is not a two-letter ISO 3166 country code such as 'ES'",
            "colour": "is not a colour; write #RRGGBB",
        }
        hint = hints.get(str(item["loc"][-2]) if len(item["loc"]) > 1 and isinstance(item["loc"][-1], int)
                         else str(item["loc"][-1]), hints.get(field))
        return f"'{value}' {hint}" if hint else (f"'{value}' is not an id: use lowercase letters, digits and "
                                                 "hyphens, e.g. 'open-data'")
    if field == "sdgs" and kind in {"less_than_equal", "greater_than_equal", "int_parsing"}:
        return f"'{value}' is not an SDG; the goals are numbered 1–17"
    return item["msg"].removeprefix("Value error, ")


def _fields_at(adapter: TypeAdapter, loc: tuple) -> list[str]:
    """The field names the model accepts at a location, to list beside an unknown field."""
    annotation: Any = adapter._type  # noqa: SLF001 - the type the adapter was built for
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            annotation = annotation.model_fields[part].annotation if part in annotation.model_fields else None
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] so the model inside can be found."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType")) and args:
        return args[0]
    return annotation
