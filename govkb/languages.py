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


def editions_to_build(setting: str | None) -> tuple[Language, ...]:
    """The editions a build makes: all of them, or those a comma-separated setting names (KB_LANGUAGES="en" or
    "en,es" for a quicker preview or test; the default language always, since the others live inside it).
    Raises ValueError naming what would be valid."""
    if not setting or not setting.strip():
        return LANGUAGES
    named = [code.strip() for code in setting.split(",") if code.strip()]
    unknown = [code for code in named if not is_language(code)]
    if unknown:
        raise ValueError(f"KB_LANGUAGES names {', '.join(map(repr, unknown))}; valid: {', '.join(LANGUAGES)}, "
                         "separated by commas")
    return tuple(language for language in LANGUAGES if language == DEFAULT or language in named)
