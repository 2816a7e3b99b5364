"""The interface's words in each language (gettext catalogues in ``locales/<lang>.po``) and its number formats.

English is written in the code; Spanish and French come from the catalogues, which translators edit with
any gettext tool. Numbers follow each language's conventions through Babel: "4.6" and "48%" in English,
"4,6" and "48 %" in Spanish and French.
"""

from __future__ import annotations

import gettext
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from .languages import DEFAULT, Language

LOCALES_DIR = Path(__file__).parent / "locales"


@cache
def catalogue(language: Language) -> Catalog | None:
    """The language's catalogue; None for English, the language of the code."""
    if language == DEFAULT:
        return None
    with (LOCALES_DIR / f"{language}.po").open("rb") as file:
        return read_po(file, locale=language)


class Messages:
    """``t("Related cases")`` and ``n("{count} case", "{count} cases", 3)`` in one language."""

    def __init__(self, language: Language):
        self.language = language
        self._catalogue = catalogue(language)
        # The catalogue's plural rule, a C expression in n, as Python's gettext evaluates it.
        self._plural = gettext.c2py(self._catalogue.plural_expr) if self._catalogue else None

    def t(self, message: str, **values: object) -> str:
        text = message
        if self._catalogue is not None:
            found = self._catalogue.get(message)
            if found is not None and found.string and not found.fuzzy:
                text = str(found.string)
        return text.format(**values) if values else text

    def n(self, singular: str, plural: str, count: int, **values: object) -> str:
        values = {"count": self.number(count), **values}
        index = 0 if count == 1 else 1
        forms: tuple[str, ...] = (singular, plural)
        if self._catalogue is not None:
            found = self._catalogue.get((singular, plural))
            if found is not None and isinstance(found.string, tuple) and all(found.string) and not found.fuzzy:
                forms = tuple(str(form) for form in found.string)
                index = self._plural(count) if self._plural else index
        return forms[min(index, len(forms) - 1)].format(**values)

    def number(self, value: Decimal | int | float) -> str:
        """A number as printed in this language: 4.6 -> '4,6' in Spanish and French; 345821 -> '345 821' in French."""
        return format_decimal(value, locale=self.language, decimal_quantization=False)

    def degrees(self, value: float) -> str:
        """A coordinate to four decimals, as the language writes decimals: 41.3833, 41,3833."""
        return format_decimal(value, format="0.0000", locale=self.language)

    def date(self, value: date) -> str:
        """A date as the language writes it in full: 28 November 2026, 28 de noviembre de 2026."""
        return format_date(value, format="long", locale=self.language)

    def percent(self, value: Decimal | int | float) -> str:
        """A printed percentage (48 -> '48%' in English, '48 %' in French and Spanish)."""
        return self.t("{value}%", value=self.number(value))

    def month(self, year: int, month: int | None) -> str:
        """'March 2027', 'marzo de 2027', 'mars 2027'; the year alone when the month is not known."""
        return format_skeleton("yMMMM", date(year, month, 1), locale=self.language) if month else str(year)
