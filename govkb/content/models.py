"""The typed shape of every content file: cases, indicators, cities and the taxonomy.

These models are the single source of truth for what a valid file looks like: the loader validates with
them, ``kb schema`` writes their JSON Schema into ``schema/``, and the contributor field reference is
generated from them. Every message a contributor reads for a bad value is written here, beside the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)

from .. import urls
from ..languages import Language
from .characters import IN_LINE, IN_TEXT, refusal
from .slugs import SLUG_REGEX, slugify

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _full_match(regex: str, explain: Callable[[str], str]) -> Callable[[str], str]:
    """A validator: the value must match ``regex`` whole; ``explain`` says what a contributor should write instead."""
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(explain(value))
        return value

    return check


def _pattern_schema(regex: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": f"^(?:{regex})$"})


def _slug_hint(value: str) -> str:
    return f"'{value}' is not an id: use lowercase letters, digits and hyphens, e.g. '{slugify(value) or 'open-data'}'"


_TARGET_REGEX = r"(?:1[0-7]|[1-9])\.(?:[1-9][0-9]?|[a-d])"
Slug = Annotated[str, AfterValidator(_full_match(SLUG_REGEX, _slug_hint)), _pattern_schema(SLUG_REGEX)]
SdgTarget = Annotated[str, AfterValidator(_full_match(
    _TARGET_REGEX, lambda value: f"'{value}' is not an SDG target; write goal.target, e.g. '16.7' or '11.a'")),
    _pattern_schema(_TARGET_REGEX)]
CountryCode = Annotated[str, AfterValidator(_full_match(
    "[A-Z]{2}", lambda value: f"'{value}' is not a two-letter ISO 3166 country code such as 'ES'")),
    _pattern_schema("[A-Z]{2}")]
HexColour = Annotated[str, AfterValidator(_full_match(
    "#[0-9A-Fa-f]{6}", lambda value: f"'{value}' is not a colour; write #RRGGBB")), _pattern_schema("#[0-9A-Fa-f]{6}")]


def _free_id(folder: str) -> Callable[[str], str]:
    """A validator: the id must not be the address of a page the generator owns in ``folder`` ('index')."""

    def free(value: str) -> str:
        taken = urls.generated_page_at(folder, value)
        if taken:
            raise ValueError(f"'{value}' would take the address of {taken}, which the site generates; choose "
                             "another id")
        return value

    return free


def _page_id_schema(folder: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": f"^(?:{SLUG_REGEX})$",
                           "not": {"enum": sorted(urls.RESERVED_IDS[folder])}})


# Ids that name a page of their own.
CityId = Annotated[Slug, AfterValidator(_free_id("cities")), _page_id_schema("cities")]
AreaId = Annotated[Slug, AfterValidator(_free_id("areas")), _page_id_schema("areas")]  # axes have theirs there too


def _sdg_number(value: Any) -> int:
    try:
        number = int(str(value))
    except ValueError:
        number = 0
    if not 1 <= number <= 17:
        raise ValueError(f"'{value}' is not an SDG; the goals are numbered 1–17")
    return number


SdgNumber = Annotated[int, BeforeValidator(_sdg_number), WithJsonSchema({"type": "integer", "minimum": 1,
                                                                         "maximum": 17})]

_PLAIN_TEXT_FORBIDDEN = re.compile(r"[<>]")
_FORMULA_START = frozenset("=+-@")
# What YAML reads as "no value". The strict reader keeps every scalar as written, so these would be published
# as the text "~" or "null".
_YAML_NULLS = frozenset({"~", "null", "Null", "NULL"})


def _plain_text(invisible: re.Pattern[str]) -> Callable[[str], str]:
    """A validator for text that reaches pages, <title> and <meta>, the CSV downloads and the charts.

    ``invisible`` is the set of refused characters: a one-line value refuses line breaks too."""

    def check(value: str) -> str:
        if value in _YAML_NULLS:
            raise ValueError(f"'{value}' means 'no value' in YAML: write the text, or leave the field out where "
                             "it is optional")
        found = invisible.search(value)
        if found and found.group() == "\n":
            raise ValueError("must be one line: remove the line break")
        if found:
            raise ValueError(refusal(found.group()))
        # Markup has no business in a title or a summary.
        if _PLAIN_TEXT_FORBIDDEN.search(value):
            raise ValueError("must be plain text: '<' and '>' are not allowed")
        # A spreadsheet opening a CSV download runs a cell's leading =, +, - or @ as a formula, and some read a
        # line break inside a cell as a new row: every line of the value must start safely.
        for number, line in enumerate(value.split("\n"), start=1):
            if line[:1] in _FORMULA_START:
                where = "must not start" if number == 1 else f"line {number} must not start"
                raise ValueError(f"{where} with {line[0]!r}: spreadsheets opening the CSV downloads would run it "
                                 "as a formula")
        return value

    return check


def _web_url(value: str) -> str:
    found = IN_LINE.search(value.strip())
    if found:
        raise ValueError(refusal(found.group()))
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
        raise ValueError("must be a web address starting with https:// (or http://), e.g. https://www.bilbao.eus")
    return value.strip()


# Longer text may run over several lines; a title, name or label is one line.
PlainText = Annotated[Text, AfterValidator(_plain_text(IN_TEXT))]
PlainShortText = Annotated[ShortText, AfterValidator(_plain_text(IN_LINE))]
WebUrl = Annotated[str, AfterValidator(_web_url)]


class Strict(BaseModel):
    """Unknown fields are errors: a misspelt key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    study: PlainShortText = Field(description="The publication, e.g. 'Smart Cities Study 2019'.")
    section: PlainShortText = Field(description="Chapter path in the study, e.g. 'Open Government › Open data'.")


_MONTH = r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])"
Month = Annotated[str, AfterValidator(_full_match(
    _MONTH, lambda value: f"'{value}' is not a month: write year-month, e.g. '2027-03'")), _pattern_schema(_MONTH)]

# A contributor is a city or an organisation: an e-mail address or a phone number would be a person's details.
_PERSONAL = re.compile(r"@|\+?\d[\d ()./-]{6,}\d")


def _organisation(value: str) -> str:
    if _PERSONAL.search(value):
        raise ValueError("name the city or organisation only: no e-mail address or phone number")
    return value


class Link(Strict):
    title: PlainShortText = Field(description="What the link leads to.")
    url: WebUrl = Field(description="An official web address, https:// preferred.")


class CaseStatus(StrEnum):
    active = "active"
    pilot = "pilot"
    completed = "completed"
    discontinued = "discontinued"


Reason = Annotated[PlainText, StringConstraints(max_length=300)]
Keyword = Annotated[PlainShortText, StringConstraints(max_length=60)]
Summary = Annotated[PlainText, StringConstraints(max_length=320)]
WrittenIn = Annotated[Language, Field(description="The language the file is written in: en, es or fr (en when "
                                                  "absent). Translations into the others sit beside it.")]


class TargetReason(Strict):
    target: SdgTarget = Field(description="An official SDG target, goal.target, e.g. '16.7' or '11.a'.")
    reason: Reason = Field(description="One sentence in our words: what the case does that serves this target, as a "
                                       "source says it.")


class Case(Strict):
    """A best-practice case: ``cases/<slug>.md``. The file name is the slug.

    A case comes either from an edition of the Smart Cities Study (``edition`` and ``source``) or from a
    contribution (``contributed_by``, ``contributed_on`` and at least one of ``sources``)."""

    title: PlainShortText = Field(description="The initiative's name and city, in our words.")
    cities: list[Slug] = Field(min_length=1, description="City ids from data/cities.yaml.")
    edition: Annotated[int, Field(ge=1990, le=2100)] | None = Field(
        default=None, description="For a case from the study: the year of the edition that names it, one of "
                                  "data/editions.yaml.")
    areas: list[Slug] = Field(min_length=1, description="Governance area ids from data/taxonomy.yaml; the "
                                                        "first is the main one.")
    sdgs: list[SdgNumber] = Field(min_length=1, description="The goals of the targets below (1-17), most important "
                                                            "first. Our classification: the study tags no case.")
    sdg_targets: list[TargetReason] = Field(min_length=1, description="The SDG targets the case serves directly, "
                                                                      "each with its reason; at least one per goal.")
    summary: Summary = Field(description="One sentence in our words: what the city did and why it matters.")
    source: Source | None = Field(default=None, description="For a case from the study: where it describes the "
                                                            "case, `study` and `section`.")
    contributed_by: Annotated[PlainShortText, AfterValidator(_organisation)] | None = Field(
        default=None, description="For a contributed case: the city or organisation that contributes it (never a "
                                  "person's name or details).")
    contributed_on: Month | None = Field(default=None, description="For a contributed case: when, as year-month.")
    sources: list[Link] = Field(default=[], description="Public documents that support the case (official pages, "
                                                        "reports): at least one for a contributed case.")
    links: list[Link] = Field(default=[], description="Official pages of the initiative or city.")
    year_started: Annotated[int, Field(ge=1950, le=2100)] | None = Field(
        default=None, description="Year the initiative began, only where a source states it.")
    status: CaseStatus | None = Field(default=None, description="Only where a source states it.")
    keywords: list[Keyword] = Field(default=[], max_length=12, description=(
        "Words people search for that the page may not use: the programme's own name in its language, or the usual "
        "term for what it does (e.g. 'presupuesto participativo'). Shown on the case page and searched in every "
        "edition."))
    reviewed: Month | None = Field(default=None, description="When the case was last checked against its sources, "
                                                             "as year-month; by default, when it was published.")
    language: WrittenIn = "en"

    @property
    def contributed(self) -> bool:
        return self.contributed_by is not None

    def provenance_problems(self) -> list[tuple[str, str]]:
        """Where the case does not say plainly where it comes from: (field path, message) pairs."""
        study_fields = [name for name in ("edition", "source") if getattr(self, name) is not None]
        if self.contributed_by is None:
            if not study_fields:
                return [("", "say where the case comes from: edition and source for a case from the study, or "
                             "contributed_by, contributed_on and sources for a contribution")]
            missing = [name for name in ("edition", "source") if name not in study_fields]
            return [(name, f"a case from the study needs {name} too") for name in missing]
        problems = [(name, f"a contributed case does not come from the study: remove {name}, or contributed_by if "
                           "the study describes the case") for name in study_fields]
        if self.contributed_on is None:
            problems.append(("contributed_by", "a contributed case needs contributed_on, the year-month it was "
                                               "contributed"))
        if not self.sources:
            problems.append(("contributed_by", "a contributed case needs at least one of sources: a public page or "
                                               "report that supports it, with its title and address"))
        return problems

    def targets_of(self, goal: int) -> list[TargetReason]:
        return [t for t in self.sdg_targets if goal_of(t.target) == goal]

    def tag_problems(self) -> list[tuple[str, str]]:
        """Where goals and targets do not match: (field path, message) pairs."""
        problems: list[tuple[str, str]] = []
        seen: set[str] = set()
        for i, tagged in enumerate(self.sdg_targets):
            if goal_of(tagged.target) not in self.sdgs:
                problems.append((f"sdg_targets.{i}.target", f"{tagged.target} is a target of goal "
                                 f"{goal_of(tagged.target)}, which sdgs does not list; add the goal or drop the "
                                 "target"))
            if tagged.target in seen:
                problems.append((f"sdg_targets.{i}.target", f"{tagged.target} is listed twice; keep one reason"))
            seen.add(tagged.target)
        for i, goal in enumerate(self.sdgs):
            if goal in self.sdgs[:i]:
                problems.append((f"sdgs.{i}", f"goal {goal} is listed twice; keep one"))
            elif not self.targets_of(goal):
                problems.append((f"sdgs.{i}", f"goal {goal} has no target: add one of its targets to sdg_targets "
                                 "with the reason the case serves it, or drop the goal"))
        return problems


def goal_of(target: str) -> int:
    return int(target.split(".")[0])


class Unit(StrEnum):
    percent = "percent"
    percent_of_population = "percent-of-population"
    percent_of_plans = "percent-of-plans"
    score_1_5 = "score-1-5"
    score_0_10 = "score-0-10"
    city_count = "count"

    @property
    def is_percentage(self) -> bool:
        return self.value.startswith("percent")

    @property
    def scale(self) -> tuple[Decimal, Decimal] | None:
        """The lowest and highest value the unit allows; None for a count, which has no upper end."""
        if self.is_percentage:
            return Decimal(0), Decimal(100)
        return {"score-1-5": (Decimal(1), Decimal(5)), "score-0-10": (Decimal(0), Decimal(10))}.get(self.value)


class Origin(StrEnum):
    survey = "survey"
    context = "context"


# How far a stacked row may miss 100: each share rounded to a whole number moves the total by up to half a
# point, so the study's five-column rows add up to 99 or 101; two points allow for that, not for a typo.
STACKED_ROUNDING = 2


class ChartKind(StrEnum):
    ranked_bars = "ranked-bars"
    ordered_bars = "ordered-bars"
    stacked_bars = "stacked-bars"
    dots = "dots"
    single_figure = "single-figure"
    none = "none"


# A figure as the study prints it: digits, and at most two decimals after a point. Not 5e1 (shown as "5E+1%"),
# NaN or Infinity; no sign (no scale goes below zero); no leading zeros or long runs, which no survey prints.
_PRINTED_FIGURE = r"(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,2})?"


def _printed_figure(value: Any) -> Any:
    if not re.fullmatch(_PRINTED_FIGURE, str(value)):
        raise ValueError(f"'{str(value)[:20]}' is not a figure as printed: write it in digits, with a decimal point "
                         "where the study prints one, e.g. 75 or 2.9")
    return value


PrintedFigure = Annotated[Decimal, BeforeValidator(_printed_figure), WithJsonSchema(
    {"type": ["number", "string"], "minimum": 0, "pattern": f"^(?:{_PRINTED_FIGURE})$"})]


class Value(Strict):
    label: PlainShortText
    value: PrintedFigure = Field(description="The figure exactly as printed, e.g. 2.9 or 81.")


class TableRow(Strict):
    label: PlainShortText
    values: list[PrintedFigure] = Field(min_length=1)


class Table(Strict):
    columns: list[PlainShortText] = Field(min_length=2)
    rows: list[TableRow] = Field(min_length=1)


class Indicator(Strict):
    """A figure of the study, ``indicators/<slug>.md``: a result of its survey, or one it gives for context."""

    title: PlainShortText = Field(description="The figure's title exactly as printed in the study; where it prints "
                                              "none, our own title, said so in notes.")
    title_translation: PlainShortText | None = Field(default=None, description="English rendering when the "
                                                                               "printed title is not English.")
    finding: PlainText = Field(description="One sentence in our words stating what the figure shows.")
    origin: Origin = Field(default=Origin.survey, description="survey: a result of the study's survey; context: a "
                                                              "figure the study quotes from elsewhere, or a fact "
                                                              "about the study itself.")
    area: Slug | None = Field(default=None, description="An area or axis id from data/taxonomy.yaml; required for "
                                                        "a survey figure.")
    unit: Unit | None = Field(default=None, description="Required unless chart is 'none': the study does not "
                                                           "always say which scale an unprinted figure used.")
    base: PlainShortText = Field(description="Which cities the figure is about.")
    chart: ChartKind = Field(description="ranked-bars: shares of cities naming each item, sorted; ordered-bars: "
                                         "the same in printed order; stacked-bars: a table of rows adding to "
                                         "100%; dots: scores on one scale; single-figure: one number; none: "
                                         "the study prints no figures.")
    values: list[Value] | None = Field(default=None, description="Label/value pairs in printed order.")
    table: Table | None = Field(default=None, description="Rows x columns, for stacked-bars only.")
    source: Source = Field(description="Where the study prints the figure: `study` and `section`.")
    notes: PlainText | None = Field(default=None, description="Inconsistencies or rounding in the study.")
    language: WrittenIn = "en"

    # A charted figure always has a unit, and a stacked chart a table: the loader refuses it otherwise
    # (fit_problems). These say so to the type checker, and fail loudly should that ever be skipped.
    @property
    def chart_unit(self) -> Unit:
        if self.unit is None:
            raise ValueError(f"chart '{self.chart}' without a unit")
        return self.unit

    @property
    def chart_scale(self) -> tuple[float, float]:
        """The ends of a charted figure's axis (a count, which has none, is charted as a single figure)."""
        scale = self.chart_unit.scale
        if scale is None:
            raise ValueError(f"unit '{self.chart_unit}' has no scale")
        return float(scale[0]), float(scale[1])

    @property
    def chart_table(self) -> Table:
        if self.table is None:
            raise ValueError(f"chart '{self.chart}' without a table")
        return self.table

    def fit_problems(self) -> list[tuple[str, str]]:
        """Where the figures do not fit the chart kind or the unit's scale: (field path, message) pairs."""
        problems: list[tuple[str, str]] = []
        if self.area is None and self.origin is Origin.survey:
            problems.append(("area", "a survey figure needs the area or axis it belongs to"))
        expects_table = self.chart is ChartKind.stacked_bars
        if self.chart is ChartKind.none:
            for name in ("values", "table"):
                if getattr(self, name) is not None:
                    problems.append((name, "chart 'none' takes no figures; remove it or choose a chart kind"))
            return problems
        if self.unit is None:
            problems.append(("unit", f"chart '{self.chart}' needs a unit: {', '.join(u.value for u in Unit)}"))
            return problems
        if self.unit.scale is None and self.chart is not ChartKind.single_figure:
            problems.append(("chart", f"unit '{self.unit}' has no scale to draw on: use chart 'single-figure'"))
        if expects_table and self.table is None:
            problems.append(("table", f"chart '{self.chart}' needs a table of rows x columns"))
        if not expects_table and self.table is not None:
            problems.append(("table", f"chart '{self.chart}' takes a values list, not a table; "
                                      "use chart 'stacked-bars' for a table"))
        if not expects_table and not self.values:
            problems.append(("values", f"chart '{self.chart}' needs at least one label/value pair"))
            return problems
        if expects_table and self.values is not None:
            problems.append(("values", "chart 'stacked-bars' takes a table, not a values list"))
        minimum = {ChartKind.single_figure: 1, ChartKind.dots: 2}.get(self.chart, 1)
        if self.values is not None and self.chart is ChartKind.single_figure and len(self.values) != 1:
            problems.append(("values", "chart 'single-figure' takes exactly one value"))
        elif self.values is not None and len(self.values) < minimum:
            problems.append(("values", f"chart '{self.chart}' needs at least {minimum} values"))
        problems += self._stacked_problems()
        columns = len(self.table.columns) if self.table else 0
        figures = [(f"values.{i}.value", item.value) for i, item in enumerate(self.values or [])]
        for r, row in enumerate(self.table.rows if self.table else []):
            if len(row.values) != columns:
                problems.append((f"table.rows.{r}.values", f"has {len(row.values)} values for {columns} columns"))
            figures += [(f"table.rows.{r}.values.{c}", number) for c, number in enumerate(row.values)]
        low, high = self.unit.scale or (Decimal(0), None)
        for where, number in figures:
            if number < low or (high is not None and number > high):
                span = f"{low}–{high}" if high is not None else f"{low} or more"
                problems.append((where, f"{number} is outside {span} for unit '{self.unit}'"))
        return problems

    def _stacked_problems(self) -> list[tuple[str, str]]:
        """A stacked bar shows the shares of a whole: percentages that add up to 100."""
        if self.chart is not ChartKind.stacked_bars or self.table is None:
            return []
        if self.unit is not Unit.percent:
            return [("unit", "chart 'stacked-bars' shows shares that add up to 100%: its unit must be 'percent'")]
        problems = []
        for r, row in enumerate(self.table.rows):
            total = sum(row.values, Decimal(0))
            if len(row.values) == len(self.table.columns) and abs(total - 100) > STACKED_ROUNDING:
                problems.append((f"table.rows.{r}.values", f"adds up to {total}; the shares of a stacked row add up "
                                                           f"to 100 (±{STACKED_ROUNDING} for rounding)"))
        return problems


Region = Literal["Africa", "Asia-Pacific", "Eurasia", "Europe", "Latin America", "Middle East and West Asia",
                 "North America"]


class Coordinates(Strict):
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


# The largest city in the world has under 40 million people: a bigger figure is a typing error.
MAX_POPULATION = 100_000_000


class Population(Strict):
    value: Annotated[int, Field(gt=0, le=MAX_POPULATION)]
    year: Annotated[int, Field(ge=1900, le=2100)]
    source: PlainText


class City(Strict):
    """One entry of ``data/cities.yaml``."""

    id: CityId
    name: PlainShortText = Field(description="Name as printed in the study, or as the city writes it, accents "
                                             "exact.")
    other_names: list[PlainShortText] = Field(default=[], description="Other spellings people use.")
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code.")
    country_name: PlainShortText
    region: Region = Field(description="UCLG world region.")
    coordinates: Coordinates
    coordinates_source: PlainShortText
    population: Population | None = None
    website: WebUrl | None = None
    notes: PlainText | None = None


class Area(Strict):
    id: AreaId
    name: PlainShortText
    description: PlainText


class Axis(Strict):
    id: AreaId
    name: PlainShortText
    description: PlainText
    areas: list[Area] = Field(min_length=1)


class Principle(Strict):
    id: Slug
    name: PlainShortText
    description: PlainText


class Translations(Strict):
    """One text in each language the site is published in."""

    en: PlainText
    es: PlainText
    fr: PlainText


class OfficialTarget(Strict):
    id: SdgTarget
    title: Translations = Field(description="The UN's official wording of the target.")


class Goal(Strict):
    number: SdgNumber
    colour: HexColour = Field(description="The UN's official colour of the goal.")
    short: Translations = Field(description="The goal's short name, as on the UN's icons.")
    title: Translations = Field(description="The goal's official title.")
    targets: list[OfficialTarget] = Field(min_length=1)


class DataSource(Strict):
    title: PlainShortText
    url: WebUrl
    licence: PlainShortText
    commit: Annotated[str, StringConstraints(pattern="^[0-9a-f]{40}$")]


class SdgCatalogue(Strict):
    """``data/sdgs.yaml``: the 17 goals and their 169 targets, with their official titles in each language."""

    source: DataSource
    goals: list[Goal] = Field(min_length=17, max_length=17)


class StudyEdition(Strict):
    """One edition of the Smart Cities Study, in ``data/editions.yaml``."""

    year: Annotated[int, Field(ge=1990, le=2100)]
    title: PlainShortText = Field(description="The edition's title as printed, e.g. 'Smart Cities Study 2019'.")
    subtitle: PlainShortText | None = None
    publisher: PlainShortText
    participants: list[Slug] = Field(min_length=1, description="Ids of the cities that took part, from "
                                                               "data/cities.yaml.")


class Taxonomy(Strict):
    """``data/taxonomy.yaml``: governance axes and areas, and the principles and values of Smart Governance."""

    axes: list[Axis] = Field(min_length=1)
    principles: list[Principle] = []


# --- Translations: the words of a file in another language, beside it (cases/<slug>.es.md). Facts stay in the
# original; a translation that names one is refused.


class CaseTranslation(Strict):
    """``cases/<slug>.<lang>.md``: a case's words in another language."""

    title: PlainShortText
    summary: Summary
    section: PlainShortText | None = Field(default=None, description="The original's source.section, in this "
                                                                     "language (a case from the study only).")
    reasons: dict[SdgTarget, Reason] = Field(description="Each target of the original with its reason in this "
                                                         "language.")
    link_titles: list[PlainShortText] | None = Field(default=None, description="The original's link titles in this "
                                                                               "language, in the same order.")


class IndicatorTranslation(Strict):
    """``indicators/<slug>.<lang>.md``: an indicator's words in another language."""

    title: PlainShortText
    title_translation: PlainShortText | None = None
    finding: PlainText
    base: PlainShortText
    section: PlainShortText
    notes: PlainText | None = None
    labels: list[PlainShortText] | None = Field(default=None, description="The values' labels, in the original's "
                                                                          "order.")
    columns: list[PlainShortText] | None = None
    rows: list[PlainShortText] | None = None


class NameAndDescription(Strict):
    name: PlainShortText
    description: PlainText


class TaxonomyTranslation(Strict):
    """``data/taxonomy.<lang>.yaml``: the names and descriptions of axes, areas and principles, by id."""

    axes: dict[Slug, NameAndDescription]
    areas: dict[Slug, NameAndDescription]
    principles: dict[Slug, NameAndDescription] = {}


class CityNames(Strict):
    """``data/cities.<lang>.yaml``: city names that have a usual form of their own in this language."""

    names: dict[Slug, PlainShortText] = {}
