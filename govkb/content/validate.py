"""Validation of parsed files against the model, with every failure as a ``Problem`` a contributor can act on."""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from .frontmatter import Parsed
from .models import Case, CaseTranslation, Indicator, IndicatorTranslation
from .problems import Problem
from .references import suggestion


@cache
def _adapter(shape: Any) -> TypeAdapter:
    return TypeAdapter(shape)


def validated(parsed: Parsed, shape: Any, problems: list[Problem]) -> Any:
    """``parsed.data`` as an instance of ``shape`` (a model or a list of one), or None with its problems added."""
    try:
        return _adapter(shape).validate_python(parsed.data)
    except ValidationError as error:
        problems.extend(_to_problems(error, parsed, shape))
        return None


# The fields of an original that a translation of it must not repeat: the facts stay in one place.
_FACTS = {CaseTranslation: set(Case.model_fields) - set(CaseTranslation.model_fields),
          IndicatorTranslation: set(Indicator.model_fields) - set(IndicatorTranslation.model_fields)}


def _to_problems(error: ValidationError, parsed: Parsed, shape: Any) -> list[Problem]:
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
        message = friendly_message(item, fields_at(shape, loc[:-1]))
        if item["type"] == "extra_forbidden" and len(loc) == 1 and loc[0] in _FACTS.get(shape, ()):
            original = parsed.display.rsplit(".", 2)[0] + ".md"
            message = (f"'{loc[0]}' is a fact: it stays in the original ({original}); a translation holds only the "
                       "words")
        found.append(Problem(parsed.display, line, where, message))
    return found


def friendly_message(item: ErrorDetails, allowed_here: list[str]) -> str:
    """Pydantic's message, reworded where a contributor could not act on it; the model's own validators
    write the rest."""
    kind = item["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(item["loc"][-1])
        return f"unknown field '{name}'{suggestion(name, allowed_here)}" if allowed_here else "unknown field"
    if kind == "string_too_short" and (item.get("ctx") or {}).get("min_length") == 1:
        return "must not be empty"
    return item["msg"].removeprefix("Value error, ")


def fields_at(shape: Any, loc: tuple) -> list[str]:
    """The field names the model accepts at a location, to list beside an unknown field."""
    for part in loc:
        shape = _unwrap(shape)
        if isinstance(part, int):
            args = typing.get_args(shape)
            shape = args[0] if args else None
        elif isinstance(shape, type) and issubclass(shape, BaseModel) and part in shape.model_fields:
            shape = shape.model_fields[part].annotation
        else:
            return []
    shape = _unwrap(shape)
    return list(shape.model_fields) if isinstance(shape, type) and issubclass(shape, BaseModel) else []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] so the model inside can be found."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if args else annotation
    return annotation
