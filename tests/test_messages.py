"""The interface catalogues: every message translated, nothing fuzzy, placeholders kept.

A singular form may leave out ``{count}`` ("Otro caso…" for "1 more case"): it is chosen only for that one number."""

from __future__ import annotations

import re

import pytest

from govkb.languages import DEFAULT, LANGUAGES
from govkb.messages import catalogue

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("language", [language for language in LANGUAGES if language != DEFAULT])
def test_every_message_is_translated_with_its_placeholders(language):
    messages = catalogue(language)
    assert messages is not None
    problems = []
    for message in messages:
        if not message.id:
            continue
        forms = list(message.string) if message.pluralizable else [message.string]
        if message.fuzzy or not all(forms) or len(forms) != (messages.num_plurals if message.pluralizable else 1):
            problems.append(f"{message.id!r}: untranslated, fuzzy or with the wrong number of plural forms")
            continue
        source = placeholders(message.id[1] if message.pluralizable else message.id)
        for index, form in enumerate(forms):
            found = placeholders(form)
            optional = {"{count}"} if message.pluralizable and index == 0 else set()
            if not source - optional <= found <= source:
                problems.append(f"{message.id!r} form {index}: {sorted(found)}, wanted {sorted(source)}")
    assert not problems, "\n".join(problems)
