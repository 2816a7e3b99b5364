"""The languages the site is published in: English at the root, Spanish under /es/, French under /fr/."""

from __future__ import annotations

import unicodedata
from typing import Literal, get_args

Language = Literal["en", "es", "fr"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT: Language = "en"
# Each language's name in itself, as a reader looks for it in a language menu.
NATIVE_NAMES: dict[Language, str] = {"en": "English", "es": "Español", "fr": "Français"}


def is_language(code: str) -> bool:
    return code in LANGUAGES


def folded(text: str) -> str:
    """Lower case without accents, for comparing and sorting words as readers type them ("Medellin", "sao")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def config_file(language: Language) -> str:
    """The site-builder configuration of a language's edition: mkdocs.yml for English, mkdocs.es.yml for Spanish."""
    return "mkdocs.yml" if language == DEFAULT else f"mkdocs.{language}.yml"
