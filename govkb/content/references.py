"""Checks between entries: ids that must exist, ids that must be unique, and no case entered twice."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from ..clock import build_date
from .frontmatter import Parsed
from .knowledge import KnowledgeBase
from .models import City, StudyEdition, goal_of
from .problems import Problem

# Keys that identify an entry of a list in a data file (SDGs are identified by their number).
_ID_KEYS = ("id", "number")


def suggestion(value: str, valid: Iterable[str]) -> str:
    """'; did you mean …?' for a near miss, or a list of what is valid."""
    valid = sorted(valid)
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    shown = ", ".join(valid[:30]) + (", …" if len(valid) > 30 else "")
    return f"; valid values: {shown}"


def duplicate_ids(parsed: Parsed) -> list[Problem]:
    """Entries of a data file that repeat an id, each named with its line and the line of the first.

    Ids are unique per kind of list: every ``axes.N.areas`` list shares one set of area ids.
    """
    first: dict[tuple[str, str, str], str] = {}
    problems = []
    for path, key, ident in _identified_entries(parsed.data, ""):
        kind = re.sub(r"(^|\.)\d+(?=\.|$)", r"\1*", path)
        where = f"{path}.{key}" if path else key
        earlier = first.setdefault((kind, key, ident), where)
        if earlier != where:
            problems.append(Problem(parsed.display, parsed.line_of(where), where,
                                    f"{key} '{ident}' is used twice: here and on line {parsed.line_of(earlier)}; "
                                    f"each {key} must be unique"))
    return problems


def _identified_entries(data: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """(path of the entry, its id key, its id) for every mapping in a list that carries an id."""
    items = enumerate(data) if isinstance(data, list) else data.items() if isinstance(data, dict) else ()
    for name, value in items:
        child = f"{path}.{name}" if path else str(name)
        if isinstance(data, list) and isinstance(value, dict):
            key = next((k for k in _ID_KEYS if isinstance(value.get(k), str)), None)
            if key:
                yield child, key, value[key]
        yield from _identified_entries(value, child)


def reference_problems(kb: KnowledgeBase, taxonomy_file: str, sdgs_file: str) -> list[Problem]:
    return [*_unknown_ids(kb), *_target_problems(kb), *_taxonomy_problems(kb, taxonomy_file),
            *_catalogue_problems(kb, sdgs_file), *_provenance_problems(kb), *_duplicate_cases(kb)]


def participant_problems(parsed: Parsed, editions: list[StudyEdition], cities: list[City]) -> list[Problem]:
    """Every city that took part in an edition is a city of data/cities.yaml."""
    known = {city.id: city for city in cities}
    return [Problem(parsed.display, parsed.line_of(f"{i}.participants.{j}"), f"{i}.participants.{j}",
                    f"unknown city '{ident}'{suggestion(ident, known)}")
            for i, edition in enumerate(editions) for j, ident in enumerate(edition.participants) if ident not in known]


def _provenance_problems(kb: KnowledgeBase) -> list[Problem]:
    """Editions that exist, study titles that match them, and dates that have passed."""
    problems = []
    this_month = build_date().strftime("%Y-%m")
    for case in kb.cases.values():
        meta = case.meta
        edition = kb.study_editions.get(meta.edition) if meta.edition else None
        if meta.edition and edition is None:
            known = ", ".join(str(year) for year in sorted(kb.study_editions))
            problems.append(Problem(case.path, case.line_of("edition"), "edition",
                                    f"unknown edition {meta.edition}; known editions: {known} (data/editions.yaml)"))
        elif edition and meta.source and meta.source.study != edition.title:
            problems.append(Problem(case.path, case.line_of("source.study"), "source.study",
                                    f"'{meta.source.study}' is not the title of edition {edition.year}: write "
                                    f"'{edition.title}'"))
        for name in ("contributed_on", "reviewed"):
            month = getattr(meta, name)
            if month and month > this_month:
                problems.append(Problem(case.path, case.line_of(name), name,
                                        f"{month} has not come yet (this build is of {this_month})"))
    return problems


def _unknown_ids(kb: KnowledgeBase) -> list[Problem]:
    problems = []
    for case in kb.cases.values():
        for field, valid in (("cities", kb.cities), ("areas", kb.areas)):
            for i, ident in enumerate(getattr(case.meta, field)):
                if ident not in valid:
                    where = f"{field}.{i}"
                    kind = "city" if field == "cities" else "area"
                    problems.append(Problem(case.path, case.line_of(where), where,
                                            f"unknown {kind} '{ident}'{suggestion(ident, valid)}"))
    area_or_axis = {**kb.areas, **kb.axes}
    for indicator in kb.indicators.values():
        ident = indicator.meta.area
        if ident is not None and ident not in area_or_axis:
            problems.append(Problem(indicator.path, indicator.line_of("area"), "area",
                                    f"unknown area '{ident}'{suggestion(ident, area_or_axis)}"))
    return problems


def _target_problems(kb: KnowledgeBase) -> list[Problem]:
    """Targets that are not official, and reasons that say nothing beyond the target's own title."""
    problems = []
    for case in kb.cases.values():
        for i, tagged in enumerate(case.meta.sdg_targets):
            official = kb.targets.get(tagged.target)
            if official is None:
                goal = kb.goals.get(goal_of(tagged.target))
                valid = ", ".join(t.id for t in goal.targets) if goal else "none"
                problems.append(Problem(case.path, case.line_of(f"sdg_targets.{i}.target"), f"sdg_targets.{i}.target",
                                        f"{tagged.target} is not an SDG target; goal {goal_of(tagged.target)}'s "
                                        f"targets are {valid}"))
            elif repeats(tagged.reason, official.title.en):
                problems.append(Problem(case.path, case.line_of(f"sdg_targets.{i}.reason"), f"sdg_targets.{i}.reason",
                                        "only repeats the target's title; say what the case does that serves it"))
    return problems


_WORD = re.compile(r"\w+")


def repeats(reason: str, title: str) -> bool:
    """True when every word of the reason is a word of the title: it tells the reader nothing new."""
    title_words = set(_WORD.findall(title.casefold()))
    return set(_WORD.findall(reason.casefold())) <= title_words


def _catalogue_problems(kb: KnowledgeBase, sdgs_file: str) -> list[Problem]:
    numbers = sorted(goal.number for goal in kb.sdg_catalogue.goals)
    if numbers != list(range(1, 18)):
        return [Problem(sdgs_file, None, "goals", "must list each goal 1-17 exactly once")]
    return [Problem(sdgs_file, None, "goals", f"target {target.id} is listed under goal {goal.number}")
            for goal in kb.sdg_catalogue.goals for target in goal.targets if goal_of(target.id) != goal.number]


def _taxonomy_problems(kb: KnowledgeBase, taxonomy_file: str) -> list[Problem]:
    problems = []
    area_ids = {area.id for axis in kb.taxonomy.axes for area in axis.areas}
    for axis in kb.taxonomy.axes:
        # An axis of one area may share its id (principles and values); otherwise a page would stand for both.
        if axis.id in area_ids and [a.id for a in axis.areas] != [axis.id]:
            problems.append(Problem(taxonomy_file, None, "axes", f"id '{axis.id}' names both an axis and an area"))
    return problems


def normalise_url(url: str) -> str:
    """The same page however it is written: scheme, 'www.', case of the host and a trailing slash ignored."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}{'?' + parts.query if parts.query else ''}"


def _duplicate_cases(kb: KnowledgeBase) -> list[Problem]:
    problems = []
    by_title: dict[tuple[str, str], str] = {}
    by_url: dict[str, str] = {}
    for case in sorted(kb.cases.values(), key=lambda c: c.path):
        for city in case.meta.cities:
            key = (" ".join(case.meta.title.casefold().split()), city)
            if key in by_title:
                problems.append(Problem(case.path, case.line_of("title"), "title",
                                        f"{case.path} and {by_title[key]} have the same title for {city}; "
                                        "merge the two cases or give each a distinct title"))
            by_title.setdefault(key, case.path)
        for i, link in enumerate(case.meta.links):
            address = normalise_url(link.url)
            if address in by_url and by_url[address] != case.path:
                problems.append(Problem(case.path, case.line_of(f"links.{i}.url"), f"links.{i}.url",
                                        f"{case.path} and {by_url[address]} both link to {link.url}; one case "
                                        "per initiative"))
            by_url.setdefault(address, case.path)
    return problems
