"""Load every content file once, validate it, and build the knowledge base, reporting all problems at once."""

from __future__ import annotations

import hashlib
import json
from functools import partial
from pathlib import Path
from typing import Any, cast

from .. import urls
from ..cache import TextCache
from ..languages import DEFAULT, LANGUAGES, Language, is_language
from ..sidebyside import forked_map
from .bodies import body_problems
from .frontmatter import Parsed, parse_fronted_markdown, read_data_file, read_text
from .knowledge import Entry, KnowledgeBase
from .layout import Layout, content_files, not_a_plain_file
from .models import (
    Case,
    CaseTranslation,
    City,
    CityNames,
    Indicator,
    IndicatorTranslation,
    SdgCatalogue,
    StudyEdition,
    Taxonomy,
    TaxonomyTranslation,
)
from .problems import ContentError, Problem
from .references import duplicate_ids, participant_problems, reference_problems
from .slugs import is_slug, slugify
from .translations import missing_translations, translation_problems
from .validate import validated


def load(layout: Layout, parse_cache: TextCache | None = None) -> KnowledgeBase:
    """Read, validate and cross-check everything; raise ContentError listing every problem.

    ``parse_cache`` keeps the parsed front matter and body of clean case and indicator files between builds,
    keyed by their bytes: with thousands of cases, parsing YAML is most of the loading. Validation and
    every cross-check still run on every load.
    """
    cache = parse_cache or TextCache(None)
    problems: list[Problem] = []
    taxonomy = _load_data_file(layout, layout.taxonomy_file, Taxonomy, problems)
    sdg_catalogue = _load_data_file(layout, layout.sdgs_file, SdgCatalogue, problems)
    editions_parsed = _read(layout, layout.editions_file, read_data_file, problems)
    study_editions = _checked_data(editions_parsed, list[StudyEdition], problems) if editions_parsed else None
    cities_parsed = _read(layout, layout.cities_file, read_data_file, problems)
    cities_list = _checked_data(cities_parsed, list[City], problems) if cities_parsed else None
    cases = _load_entries(layout, layout.cases_dir, "cases", Case, CaseTranslation, problems, cache)
    indicators = _load_entries(layout, layout.indicators_dir, "indicators", Indicator, IndicatorTranslation, problems,
                               cache)
    taxonomy_translations = {language: found for language in LANGUAGES if language != DEFAULT
                             if (found := _optional_data_file(layout, layout.translated(layout.taxonomy_file, language),
                                                              TaxonomyTranslation, problems))}
    city_names = {language: found.names for language in LANGUAGES if language != DEFAULT
                  if (found := _optional_data_file(layout, layout.translated(layout.cities_file, language),
                                                   CityNames, problems))}
    for entry, found in [*((i, i.meta.fit_problems()) for i in indicators.values()),
                         *((c, c.meta.tag_problems() + c.meta.provenance_problems()) for c in cases.values())]:
        problems.extend(Problem(entry.path, entry.line_of(where), where, message) for where, message in found)
    if taxonomy is None or cities_list is None or sdg_catalogue is None or study_editions is None:
        raise ContentError(problems)
    problems.extend(participant_problems(cast(Parsed, editions_parsed), study_editions, cities_list))
    kb = KnowledgeBase(cases=cases, indicators=indicators, cities={city.id: city for city in cities_list},
                       taxonomy=taxonomy, sdg_catalogue=sdg_catalogue,
                       study_editions={edition.year: edition for edition in study_editions},
                       taxonomy_translations=taxonomy_translations,
                       city_names=city_names)
    problems.extend(reference_problems(kb, layout.display(layout.taxonomy_file), layout.display(layout.sdgs_file)))
    problems.extend(translation_problems(kb, layout))
    if problems:
        raise ContentError(problems)
    kb.warnings.extend(missing_translations(kb, layout))
    return kb


def _read(layout: Layout, path: Path, reader, problems: list[Problem]) -> Parsed | None:
    refused = not_a_plain_file(path)
    if refused or not path.is_file():
        problems.append(Problem(layout.display(path), None, "", refused or "file is missing"))
        return None
    try:
        return reader(path, layout.display(path))
    except ContentError as error:
        problems.extend(error.problems)
        return None


def _load_data_file(layout: Layout, path: Path, shape: Any, problems: list[Problem]) -> Any:
    parsed = _read(layout, path, read_data_file, problems)
    return _checked_data(parsed, shape, problems) if parsed else None


def _checked_data(parsed: Parsed, shape: Any, problems: list[Problem]) -> Any:
    """A whole-YAML data file validated, with its duplicate ids refused (a mapping by id would hide them)."""
    duplicates = duplicate_ids(parsed)
    problems.extend(duplicates)
    value = validated(parsed, shape, problems)
    return None if duplicates else value


def _optional_data_file(layout: Layout, path: Path, shape: Any, problems: list[Problem]) -> Any:
    return _load_data_file(layout, path, shape, problems) if path.exists() else None


def _load_entries(layout: Layout, directory: Path, folder: str, model: type, translation_model: type,
                  problems: list[Problem], cache: TextCache) -> dict:
    """The folder's entries by slug, each with its translations (``<slug>.<lang>.md`` beside ``<slug>.md``);
    ``folder`` is where their pages are published."""
    originals: dict[str, Entry] = {}
    translations: list[tuple[str, Language, Entry]] = []
    files, refused = content_files(layout, directory)
    problems.extend(refused)
    named = []
    for path in files:
        display = layout.display(path)
        slug, _, language = path.stem.partition(".")
        taken = urls.generated_page_at(folder, slug)
        if taken:
            problems.append(Problem(display, None, "", f"'{path.name}' would take the address of {taken}, which "
                                                       "the site generates; give the file another name"))
        elif not is_slug(slug) or (language and not is_language(language)):
            example = slugify(slug if is_language(language) else path.stem) or "my-case"
            problems.append(Problem(display, None, "", "file name must be a slug: lowercase letters, digits and "
                                                       f"hyphens, e.g. {example}.md (a translation adds its "
                                                       f"language: {example}.es.md)"))
        else:
            named.append((path, display, slug, language))
    read = _read_entries(layout, [path for path, *_ in named], cache)
    for (_, display, slug, language), (parsed, read_problems) in zip(named, read, strict=True):
        problems.extend(read_problems)
        meta = validated(parsed, translation_model if language else model, problems) if parsed else None
        if parsed and meta is not None:
            entry = Entry(slug, display, meta, parsed.body, parsed.lines)
            if language:
                translations.append((slug, cast(Language, language), entry))
            else:
                originals[slug] = entry
    for slug, language, translation in translations:
        if slug not in originals:
            problems.append(Problem(translation.path, None, "", f"no {slug}.md beside it: a translation needs "
                                                                "the original it translates"))
        else:
            originals[slug].translations[language] = translation
    return originals


# Fewer files than this are read in the build's process: forking would cost more than it saves.
_READ_SIDE_BY_SIDE_FROM = 500


def _read_entries(layout: Layout, paths: list[Path], cache: TextCache) -> list[tuple[Parsed | None, list[Problem]]]:
    """Each file read by ``_read_entry``, in order. Many files are read in forked processes, one per core: reading
    is most of a load without a cache (about 0.8 ms a file, 12 s for 5,000 cases in three languages), and each
    file is read on its own."""
    return forked_map(partial(_read_entry, layout, cache), paths, at_least=_READ_SIDE_BY_SIDE_FROM)


def _read_entry(layout: Layout, cache: TextCache, path: Path) -> tuple[Parsed | None, list[Problem]]:
    """A case or indicator file's front matter and body, with its body checked; and the problems found."""
    display = layout.display(path)
    try:
        text = read_text(path, display)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        kept = cache.get(key, ".json")
        if kept is not None:
            data = json.loads(kept)
            return Parsed(path, display, data["data"], data["lines"], data["body"], data["body_line"]), []
        parsed = parse_fronted_markdown(text, path, display)
    except ContentError as error:
        return None, error.problems
    refused = body_problems(parsed.body, parsed.display, parsed.body_line)
    if not refused:  # only clean files are kept: a file with problems reports them afresh every time
        cache.put(key, json.dumps({"data": parsed.data, "lines": parsed.lines, "body": parsed.body,
                                   "body_line": parsed.body_line}), ".json")
    return parsed, refused
