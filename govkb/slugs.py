"""Slugs: the lowercase, hyphenated ASCII names used for files and ids."""

from __future__ import annotations

import re
import unicodedata

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(text: str, limit: int = 80) -> str:
    """'Medellín participatory budget' -> 'medellin-participatory-budget'."""
    ascii_only = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:limit].strip("-")
