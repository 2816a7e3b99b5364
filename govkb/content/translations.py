"""Checks of translations against their originals: they carry the same facts, and say where one is missing.

A translation holds only words, so its model has no place for a fact. What it can still get wrong is checked
here: a reason for each of the original's targets, one label per figure, and the same numbers in every text
as the original's, so that "80 governments" cannot become "18".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..languages import DEFAULT, LANGUAGES, Language
from .knowledge import Entry, KnowledgeBase
from .layout import Layout
from .models import Case, CaseTranslation, Indicator, IndicatorTranslation
from .problems import Problem

# A number as people write it in these languages: 4.6, 4,6, 1,000, 1 000 (with a no-break space).
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f]\d+)*")
_SEPARATORS = re.compile(r"[.,\u00a0\u202f]")
ENGLISH_NAMES: dict[Language, str] = {"en": "English", "es": "Spanish", "fr": "French"}


def numbers(text: str | None) -> Counter[str]:
    """The numbers in a text, each as its digits alone, so that 4.6 and 4,6 are the same number."""
    return Counter(_SEPARATORS.sub("", found) for found in _NUMBER.findall(text or ""))


def translation_problems(kb: KnowledgeBase, layout: Layout) -> list[Problem]:
    problems = [*_entry_problems(kb.cases.values(), _case_pairs),
                *_entry_problems(kb.indicators.values(), _indicator_pairs)]
    for language, translated in kb.taxonomy_translations.items():
        file = layout.display(layout.translated(layout.taxonomy_file, language))
        known = {"axes": set(kb.axes), "areas": set(kb.areas), "principles": {p.id for p in kb.taxonomy.principles}}
        for kind, ids in known.items():
            for ident in set(getattr(translated, kind)) - ids:
                problems.append(Problem(file, None, f"{kind}.{ident}", f"no {kind[:-1] if kind != 'axes' else 'axis'}"
                                        f" '{ident}' in {layout.display(layout.taxonomy_file)}"))
    for language, names in kb.city_names.items():
        file = layout.display(layout.translated(layout.cities_file, language))
        problems += [Problem(file, None, f"names.{city}", f"no city '{city}' in {layout.display(layout.cities_file)}")
                     for city in names if city not in kb.cities]
    return problems


# (field of the translation, its text, the original's text), or a mismatch found on the way.
Pair = tuple[str, str | None, str | None]
M = TypeVar("M", Case, Indicator)


def _entry_problems(entries: Iterable[Entry[M]],
                    pairs_of: Callable[[Entry[M], Entry], Iterator[Pair | Problem]]) -> Iterator[Problem]:
    for entry in entries:
        for language, translation in entry.translations.items():
            if language == entry.meta.language:
                yield Problem(translation.path, None, "", f"{entry.path} is itself written in "
                              f"{ENGLISH_NAMES[language]}: a translation is for another language")
                continue
            for field, message in _compare(pairs_of(entry, translation), entry):
                line = translation.line_of(field) if field != "body" else translation.lines.get("", 1)
                yield Problem(translation.path, line, field, message)


def _case_pairs(entry: Entry[Case], translation: Entry) -> Iterator[Pair | Problem]:
    meta: Case = entry.meta
    words: CaseTranslation = translation.meta
    yield from (("title", words.title, meta.title), ("summary", words.summary, meta.summary),
                ("body", translation.body, entry.body))
    section = meta.source.section if meta.source else None
    if (words.section is None) != (section is None):
        yield Problem(translation.path, translation.line_of("section"), "section",
                      f"{entry.path} {'has' if section else 'has no'} a study section: the translation must "
                      f"{'give it too' if section else 'leave it out'}")
    elif section:
        yield "section", words.section, section
    targets = [t.target for t in meta.sdg_targets]
    if sorted(words.reasons) != sorted(targets):
        yield Problem(translation.path, translation.line_of("reasons"), "reasons",
                      f"must give a reason for each target of {entry.path}, and only those: {', '.join(targets)}")
    for tagged in meta.sdg_targets:
        if tagged.target in words.reasons:
            yield f"reasons.{tagged.target}", words.reasons[tagged.target], tagged.reason
    yield from _list_pairs(translation, "link_titles", words.link_titles, [link.title for link in meta.links])


def _indicator_pairs(entry: Entry[Indicator], translation: Entry) -> Iterator[Pair | Problem]:
    meta: Indicator = entry.meta
    words: IndicatorTranslation = translation.meta
    yield from (("title", words.title, meta.title), ("finding", words.finding, meta.finding),
                ("base", words.base, meta.base), ("section", words.section, meta.source.section),
                ("body", translation.body, entry.body))
    for name, original in (("notes", meta.notes), ("title_translation", meta.title_translation)):
        if (getattr(words, name) is None) != (original is None):
            yield Problem(translation.path, translation.line_of(name), name,
                          f"{entry.path} {'has' if original else 'has no'} {name}: the translation must "
                          f"{'give it too' if original else 'leave it out'}")
        elif original:
            yield name, getattr(words, name), original
    yield from _list_pairs(translation, "labels", words.labels, [v.label for v in meta.values or []] or None)
    table = meta.table
    yield from _list_pairs(translation, "columns", words.columns, list(table.columns) if table else None)
    yield from _list_pairs(translation, "rows", words.rows, [row.label for row in table.rows] if table else None)


def _list_pairs(translation: Entry, name: str, words: list[str] | None,
                originals: list[str] | None) -> Iterator[Pair | Problem]:
    if words is None and not originals:
        return
    if words is None:
        return  # not translated: the original's words are shown
    if originals is None or len(words) != len(originals):
        yield Problem(translation.path, translation.line_of(name), name,
                      f"must have {len(originals or [])} item(s), one for each of the original's, in the same order")
        return
    yield from ((f"{name}.{i}", word, original) for i, (word, original) in enumerate(zip(words, originals,
                                                                                         strict=True)))


def _compare(pairs: Iterator[Pair | Problem], entry: Entry) -> Iterator[tuple[str, str]]:
    for pair in pairs:
        if isinstance(pair, Problem):
            yield pair.field, pair.message
            continue
        field, text, original = pair
        if numbers(text) != numbers(original):
            shown = ", ".join(sorted(numbers(original).elements())) or "none"
            yield field, (f"the numbers differ from the original's ({entry.path}: {shown}); a translation changes "
                          "words, never figures")


def missing_translations(kb: KnowledgeBase, layout: Layout) -> list[Problem]:
    """Warnings: content that some language does not have yet, each naming the file a translator would write."""
    warnings = []
    entries: list[Entry[Case] | Entry[Indicator]] = [*kb.cases.values(), *kb.indicators.values()]
    for entry in entries:
        for language in LANGUAGES:
            if language != entry.meta.language and language not in entry.translations:
                path = layout.display(layout.translated(layout.root / entry.path, language))
                warnings.append(Problem(entry.path, None, "", f"no {ENGLISH_NAMES[language]} translation ({path}): "
                                        f"the {ENGLISH_NAMES[language]} page shows the "
                                        f"{ENGLISH_NAMES[entry.meta.language]} text with a notice"))
    for language in LANGUAGES:
        if language == DEFAULT:
            continue
        translated = kb.taxonomy_translations.get(language)
        missing = [*(a for a in kb.axes if not translated or a not in translated.axes),
                   *(a for a in kb.areas if not translated or a not in translated.areas),
                   *(p.id for p in kb.taxonomy.principles if not translated or p.id not in translated.principles)]
        if missing:
            warnings.append(Problem(layout.display(layout.translated(layout.taxonomy_file, language)), None, "",
                                    f"no {ENGLISH_NAMES[language]} name for {', '.join(missing)}: shown in English"))
        pages = layout.pages_dir(language)
        for page in sorted(layout.pages_dir(DEFAULT).rglob("*.md")):
            counterpart = pages / page.relative_to(layout.pages_dir(DEFAULT))
            if not counterpart.is_file():
                warnings.append(Problem(layout.display(page), None, "", f"no {ENGLISH_NAMES[language]} translation "
                                        f"({layout.display(counterpart)}): shown in English with a notice"))
    return warnings
