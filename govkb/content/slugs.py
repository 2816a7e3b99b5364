"""Slugs: the lowercase, hyphenated ASCII names of files and ids."""

from __future__ import annotations

import re

from slugify import slugify as _transliterating_slugify

SLUG_REGEX = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_SLUG = re.compile(SLUG_REGEX)


def is_slug(text: str) -> bool:
    # fullmatch, not match with '$': '$' also matches before a trailing newline.
    return _SLUG.fullmatch(text) is not None


def slugify(text: str, limit: int = 80) -> str:
    """'Medellín participatory budget' -> 'medellin-participatory-budget'; 'Łódź' -> 'lodz', 'Straße' -> 'strasse'."""
    return _transliterating_slugify(text, max_length=limit)
