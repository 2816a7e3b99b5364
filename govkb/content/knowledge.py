"""The in-memory knowledge base: every entry loaded once, and the cross indexes between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from ..languages import Language
from .frontmatter import line_of
from .models import (
    Area,
    Axis,
    Case,
    City,
    Goal,
    Indicator,
    OfficialTarget,
    Origin,
    SdgCatalogue,
    StudyEdition,
    Taxonomy,
    TaxonomyTranslation,
)
from .problems import Problem

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """One validated content file: its slug (file name), where it lives, its front matter and body."""

    slug: str
    path: str
    meta: T
    body: str
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    # The file's words in other languages, by language: entries of CaseTranslation or IndicatorTranslation.
    translations: dict[Language, Entry] = field(default_factory=dict)

    def line_of(self, dotted: str) -> int | None:
        return line_of(self.lines, dotted)


@dataclass(frozen=True)
class KnowledgeBase:
    cases: dict[str, Entry[Case]]
    indicators: dict[str, Entry[Indicator]]
    cities: dict[str, City]
    taxonomy: Taxonomy
    sdg_catalogue: SdgCatalogue
    study_editions: dict[int, StudyEdition] = field(default_factory=dict)
    taxonomy_translations: dict[Language, TaxonomyTranslation] = field(default_factory=dict)
    city_names: dict[Language, dict[str, str]] = field(default_factory=dict)
    # What is missing but does not stop a build (translations of contributed content), to report.
    warnings: list[Problem] = field(default_factory=list, compare=False)
    # govkb.pages.related's bit masks and rankings, built on first use during a build.
    related_cache: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def axes(self) -> dict[str, Axis]:
        return {axis.id: axis for axis in self.taxonomy.axes}

    @cached_property
    def areas(self) -> dict[str, Area]:
        return {area.id: area for axis in self.taxonomy.axes for area in axis.areas}

    @cached_property
    def axis_of_area(self) -> dict[str, Axis]:
        return {area.id: axis for axis in self.taxonomy.axes for area in axis.areas}

    @cached_property
    def goals(self) -> dict[int, Goal]:
        return {goal.number: goal for goal in self.sdg_catalogue.goals}

    @cached_property
    def targets(self) -> dict[str, OfficialTarget]:
        return {target.id: target for goal in self.sdg_catalogue.goals for target in goal.targets}

    @cached_property
    def editions_of_city(self) -> dict[str, list[StudyEdition]]:
        """The editions of the study each city took part in; none for a city that joined with a contribution."""
        taken: dict[str, list[StudyEdition]] = defaultdict(list)
        for year in sorted(self.study_editions):
            for city in self.study_editions[year].participants:
                taken[city].append(self.study_editions[year])
        return dict(taken)

    @cached_property
    def study_cities(self) -> list[str]:
        """Cities that took part in an edition of the study, in data/cities.yaml's order."""
        return [city for city in self.cities if city in self.editions_of_city]

    def area_or_axis_name(self, ident: str) -> str:
        return (self.areas.get(ident) or self.axes[ident]).name

    @cached_property
    def cases_by_city(self) -> dict[str, list[Entry[Case]]]:
        return self._group_cases(lambda case: case.meta.cities)

    @cached_property
    def cases_by_area(self) -> dict[str, list[Entry[Case]]]:
        return self._group_cases(lambda case: case.meta.areas)

    @cached_property
    def cases_by_sdg(self) -> dict[int, list[Entry[Case]]]:
        return self._group_cases(lambda case: case.meta.sdgs)

    @cached_property
    def cases_by_target(self) -> dict[str, list[Entry[Case]]]:
        return self._group_cases(lambda case: [t.target for t in case.meta.sdg_targets])

    @cached_property
    def indicators_by_area(self) -> dict[str, list[Entry[Indicator]]]:
        grouped: dict[str, list[Entry[Indicator]]] = defaultdict(list)
        for indicator in self.indicators.values():
            if indicator.meta.area:
                grouped[indicator.meta.area].append(indicator)
        return dict(grouped)

    @cached_property
    def context_indicators(self) -> list[Entry[Indicator]]:
        """Figures the study gives for context, not results of its survey."""
        return [i for i in self.indicators.values() if i.meta.origin is Origin.context]

    def cases_in_axis(self, axis_id: str) -> list[Entry[Case]]:
        """The cases of an axis's areas; none for an id that is not an axis."""
        area_ids = {area.id for area in self.axes[axis_id].areas} if axis_id in self.axes else set()
        return [case for case in self.sorted_cases if area_ids.intersection(case.meta.areas)]

    @cached_property
    def sorted_cases(self) -> list[Entry[Case]]:
        return sorted(self.cases.values(), key=lambda case: case.meta.title.casefold())

    def _group_cases(self, keys) -> dict:
        grouped: dict = defaultdict(list)
        for case in self.sorted_cases:
            for key in dict.fromkeys(keys(case)):
                grouped[key].append(case)
        return dict(grouped)
