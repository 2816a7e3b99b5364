"""Checks that span files: every id a case or indicator names exists, and no case is entered twice."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from urllib.parse import urlsplit

from .knowledge import KnowledgeBase
from .problems import Problem


def suggestion(value: str, valid: Iterable[str]) -> str:
    """'; did you mean …?' for a near miss, or a list of what is valid."""
    valid = sorted(valid)
    close = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    shown = ", ".join(valid[:30]) + (", …" if len(valid) > 30 else "")
    return f"; valid values: {shown}"


def reference_problems(kb: KnowledgeBase, cities_file: str) -> list[Problem]:
    return [*_unknown_ids(kb), *_taxonomy_duplicates(kb, cities_file), *_duplicate_cases(kb)]


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
        if ident not in area_or_axis:
            problems.append(Problem(indicator.path, indicator.line_of("area"), "area",
                                    f"unknown area '{ident}'{suggestion(ident, area_or_axis)}"))
    return problems


def _taxonomy_duplicates(kb: KnowledgeBase, cities_file: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for city_id, line in kb.city_lines.items():
        if city_id in seen:
            problems.append(Problem(cities_file, line, "id", f"city id '{city_id}' is used twice"))
        seen.add(city_id)
    numbers = [sdg.number for sdg in kb.taxonomy.sdgs]
    if sorted(numbers) != list(range(1, 18)):
        problems.append(Problem("data/taxonomy.yaml", None, "sdgs", "must list each goal 1-17 exactly once"))
    area_ids = [area.id for axis in kb.taxonomy.axes for area in axis.areas]
    axis_ids = [axis.id for axis in kb.taxonomy.axes]
    for ident in {i for i in area_ids if area_ids.count(i) > 1}:
        problems.append(Problem("data/taxonomy.yaml", None, "axes", f"area id '{ident}' is used twice"))
    for ident in set(axis_ids) & set(area_ids) - {a.id for a in kb.taxonomy.axes if len(a.areas) == 1}:
        problems.append(Problem("data/taxonomy.yaml", None, "axes", f"id '{ident}' names both an axis and "
                                                                    "an area"))
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
            key = normalise_url(link.url)
            if key in by_url and by_url[key] != case.path:
                problems.append(Problem(case.path, case.line_of(f"links.{i}.url"), f"links.{i}.url",
                                        f"{case.path} and {by_url[key]} both link to {link.url}; one case "
                                        "per initiative"))
            by_url.setdefault(key, case.path)
    return problems
