"""One language's edition of the knowledge base: every text and name in that language, the interface's words,
its number formats, and lists in the order that language's readers expect.

Pages take an ``Edition`` and ask it for what they show; they never read an English field directly. Where a
file has no translation yet, the edition gives the original's words and says so (``Words.translated_from``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from babel import Locale

from ..content.knowledge import Entry, KnowledgeBase
from ..content.models import Case, CaseStatus, CaseTranslation, City, Indicator, IndicatorTranslation
from ..languages import Language, folded
from ..messages import Messages

if TYPE_CHECKING:
    from ..opendata.citations import CitationFormatter
    from ..opendata.dataset import Publication


@dataclass(frozen=True)
class CaseWords:
    title: str
    summary: str
    section: str | None  # the study's section, for a case from the study
    reasons: dict[str, str]
    link_titles: list[str]
    body: str
    written_in: Language  # the language of these words: the edition's, or the original's when not translated
    translated_from: Language | None  # the original's language, when these words are a translation


@dataclass(frozen=True)
class IndicatorWords:
    title: str
    title_translation: str | None
    finding: str
    base: str
    section: str
    notes: str | None
    labels: list[str]
    columns: list[str]
    rows: list[str]
    body: str
    written_in: Language
    translated_from: Language | None


class Edition:
    def __init__(self, kb: KnowledgeBase, language: Language, publication: Publication | None = None,
                 citations: CitationFormatter | None = None):
        self.kb = kb
        self.language = language
        # The dataset's version, licence and addresses, and the citation formatter: a build has both, and pages
        # leave out their "Cite this" block without them.
        self.publication = publication
        self.citations = citations
        # Where contributors propose changes: the site's repo_url ('' when unknown).
        self.repository = publication.sites[language].repository if publication else ""
        self.messages = Messages(language)
        self.t = self.messages.t
        self.n = self.messages.n
        self._locale = Locale(language)
        self._case_words: dict[str, CaseWords] = {}
        self._indicator_words: dict[str, IndicatorWords] = {}
        self._groups: dict[tuple[str, object], list[Entry[Case]]] = {}

    # --- entries ------------------------------------------------------------------------------------------

    def case(self, entry: Entry[Case]) -> CaseWords:
        words = self._case_words.get(entry.slug)
        if words is None:
            words = self._case_words[entry.slug] = self._words_of_case(entry)
        return words

    def _words_of_case(self, entry: Entry[Case]) -> CaseWords:
        meta = entry.meta
        translation = entry.translations.get(self.language) if self.language != meta.language else None
        if translation is None:
            return CaseWords(meta.title, meta.summary, meta.source.section if meta.source else None,
                             {t.target: t.reason for t in meta.sdg_targets},
                             [link.title for link in meta.links], entry.body, meta.language, None)
        words: CaseTranslation = translation.meta
        return CaseWords(words.title, words.summary, words.section, dict(words.reasons),
                         words.link_titles or [link.title for link in meta.links], translation.body, self.language,
                         meta.language)

    def indicator(self, entry: Entry[Indicator]) -> IndicatorWords:
        words = self._indicator_words.get(entry.slug)
        if words is None:
            words = self._indicator_words[entry.slug] = self._words_of_indicator(entry)
        return words

    def _words_of_indicator(self, entry: Entry[Indicator]) -> IndicatorWords:
        meta = entry.meta
        labels = [v.label for v in meta.values or []]
        columns = list(meta.table.columns) if meta.table else []
        rows = [row.label for row in meta.table.rows] if meta.table else []
        translation = entry.translations.get(self.language) if self.language != meta.language else None
        if translation is None:
            return IndicatorWords(meta.title, meta.title_translation, meta.finding, meta.base, meta.source.section,
                                  meta.notes, labels, columns, rows, entry.body, meta.language, None)
        words: IndicatorTranslation = translation.meta
        return IndicatorWords(words.title, words.title_translation, words.finding, words.base, words.section,
                              words.notes, words.labels or labels, words.columns or columns, words.rows or rows,
                              translation.body, self.language, meta.language)

    # --- names --------------------------------------------------------------------------------------------

    def area_name(self, ident: str) -> str:
        """The name of an area, or of an axis (an axis id may also be an area's)."""
        return self._taxonomy_words(ident)[0]

    def area_description(self, ident: str) -> str:
        return self._taxonomy_words(ident)[1]

    def _taxonomy_words(self, ident: str) -> tuple[str, str]:
        kb = self.kb
        item = kb.areas.get(ident) or kb.axes[ident]
        translated = kb.taxonomy_translations.get(self.language)
        if translated:
            found = translated.areas.get(ident) if ident in kb.areas else translated.axes.get(ident)
            if found:
                return found.name, found.description
        return item.name, item.description

    def axis_name(self, ident: str) -> str:
        translated = self.kb.taxonomy_translations.get(self.language)
        found = translated.axes.get(ident) if translated else None
        return found.name if found else self.kb.axes[ident].name

    def axis_description(self, ident: str) -> str:
        translated = self.kb.taxonomy_translations.get(self.language)
        found = translated.axes.get(ident) if translated else None
        return found.description if found else self.kb.axes[ident].description

    def city_name(self, city_id: str) -> str:
        return self.kb.city_names.get(self.language, {}).get(city_id) or self.kb.cities[city_id].name

    def country_name(self, city: City) -> str:
        """The country's name in this language (Unicode CLDR, through Babel); the file's English name for English."""
        return self._locale.territories.get(city.country, city.country_name) if self.language != "en" \
            else city.country_name

    def region_name(self, region: str) -> str:
        """A UCLG world region's name (the literal calls let the message extractor find each one)."""
        t = self.t
        return {"Africa": t("Africa"), "Asia-Pacific": t("Asia-Pacific"), "Eurasia": t("Eurasia"),
                "Europe": t("Europe"), "Latin America": t("Latin America"),
                "Middle East and West Asia": t("Middle East and West Asia"),
                "North America": t("North America")}[region]

    def status_name(self, status: CaseStatus) -> str:
        t = self.t
        return {"active": t("active"), "pilot": t("pilot"), "completed": t("completed"),
                "discontinued": t("discontinued")}[status.value]

    def goal_name(self, number: int) -> str:
        return getattr(self.kb.goals[number].short, self.language)

    def goal_title(self, number: int) -> str:
        return getattr(self.kb.goals[number].title, self.language)

    def target_title(self, target: str) -> str:
        return getattr(self.kb.targets[target].title, self.language)

    def language_name(self, language: Language) -> str:
        """A language's name in this edition's language ("Spanish", "espagnol")."""
        return self._locale.languages[language]

    # --- lists in this language's order -------------------------------------------------------------------

    @cached_property
    def sorted_cases(self) -> list[Entry[Case]]:
        return sorted(self.kb.cases.values(), key=lambda case: folded(self.case(case).title))

    @cached_property
    def _case_rank(self) -> dict[str, int]:
        return {case.slug: rank for rank, case in enumerate(self.sorted_cases)}

    def in_order(self, cases: list[Entry[Case]]) -> list[Entry[Case]]:
        """Cases in this edition's title order."""
        return sorted(cases, key=lambda case: self._case_rank[case.slug])

    def cases_of_city(self, city_id: str) -> list[Entry[Case]]:
        return self._grouped("city", city_id, self.kb.cases_by_city)

    def cases_of_area(self, area_id: str) -> list[Entry[Case]]:
        return self._grouped("area", area_id, self.kb.cases_by_area)

    def cases_of_goal(self, number: int) -> list[Entry[Case]]:
        return self._grouped("goal", number, self.kb.cases_by_sdg)

    def cases_of_target(self, target: str) -> list[Entry[Case]]:
        return self._grouped("target", target, self.kb.cases_by_target)

    def _grouped(self, kind: str, key: object, groups: dict) -> list[Entry[Case]]:
        found = self._groups.get((kind, key))
        if found is None:
            found = self._groups[kind, key] = self.in_order(groups.get(key, []))
        return found
