"""The knowledge base as tables, in one edition's language: every resource of the data package, its columns with
their types, constraints and meanings, and its rows (in the order of the files, the same in every edition).

Each column is one line: its name, what it means (an interface text, translated), where its value comes from,
and the model field it carries. A column that carries a field takes its type and constraints from the model's
JSON Schema (the one ``kb schema`` writes), so the Table Schemas cannot drift from what the loader accepts; a
new field in the model becomes a column by adding one line here. Ids and values are the same in every edition;
names, titles and sentences are the edition's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from functools import cache, cached_property
from typing import Any

from pydantic import BaseModel

from .. import urls
from ..content.freshness import last_reviewed
from ..content.knowledge import Entry
from ..content.models import (
    Case,
    City,
    Goal,
    Indicator,
    Link,
    NameAndDescription,
    OfficialTarget,
    Principle,
    StudyEdition,
    TargetReason,
    goal_of,
)
from ..languages import LANGUAGES
from ..pages.edition import Edition
from .dataset import Publication, credit

# JSON Schema's types as Table Schema names them (https://specs.frictionlessdata.io/table-schema/).
_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "array": "array"}
_FORMATS = {"date": "date", "date-time": "datetime"}


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Any], Any]
    # The model field the column carries ((model, 'dotted.path')), whose type and constraints it takes.
    field: tuple[type[BaseModel], str] | None = None
    type: str = "string"  # for a column that carries no field
    required: bool = False
    enum: tuple[str, ...] = ()
    references: tuple[str, str] | None = None  # (resource, column): a foreign key

    def descriptor(self) -> dict:
        """The column as a Table Schema field."""
        found: dict = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict = {"required": True} if self.required else {}
        if self.field:
            kind, field_constraints, required = _from_model(*self.field)
            found["type"] = kind.pop("type")
            found.update(kind)
            constraints |= field_constraints | ({"required": True} if required else {})
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            found["constraints"] = constraints
        return found


@dataclass(frozen=True)
class Table:
    name: str  # the resource's name and its files' (cases.csv, cases.json)
    title: str
    description: str
    columns: list[Column]
    rows: list[Any]
    primary_key: list[str]
    licence: dict | None = None  # a licence of its own, when the data are not ours
    sources: list[dict] = field(default_factory=list)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        """The rows as JSON values: numbers, text, lists; None where there is no value."""
        return [{column.name: _json_value(column.value(row)) for column in self.columns} for row in self.rows]

    def schema(self) -> dict:
        foreign = [{"fields": c.name, "reference": {"resource": "" if c.references[0] == self.name else c.references[0],
                                                    "fields": c.references[1]}}
                   for c in self.columns if c.references]
        return {"fields": [column.descriptor() for column in self.columns], "primaryKey": self.primary_key,
                **({"foreignKeys": foreign} if foreign else {}), "missingValues": [""]}


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Iterable) and not isinstance(value, str):
        return list(value)
    return value


@cache
def _model_schema(model: type[BaseModel]) -> dict:
    return model.model_json_schema()


def _from_model(model: type[BaseModel], dotted: str) -> tuple[dict, dict, bool]:
    """A field's Table Schema type (and format), constraints, and whether every entry has it."""
    root = _model_schema(model)
    definitions = root.get("$defs", {})
    node, required = root, True
    for part in dotted.split("."):
        required = required and part in node.get("required", [])
        node = _resolved(node["properties"][part], definitions)
        # An optional value is "this or null": its type and constraints are the first option's.
        options = [_resolved(option, definitions) for option in node.get("anyOf", [node])]
        node = next(option for option in options if option.get("type") != "null")
    json_type = node.get("type", "string")
    json_type = "number" if isinstance(json_type, list) else json_type  # a figure: a number, or as printed
    kind = {"type": _TYPES[json_type]}
    if node.get("format") in _FORMATS:
        kind["type"] = _FORMATS[node["format"]]
    constraints = {name: node[key] for key, name in (("enum", "enum"), ("minimum", "minimum"),
                                                     ("maximum", "maximum"), ("minLength", "minLength"),
                                                     ("maxLength", "maxLength")) if key in node}
    if "pattern" in node:  # Table Schema patterns match the whole value: no anchors
        constraints["pattern"] = node["pattern"].removeprefix("^").removesuffix("$")
    return kind, constraints, required


def _resolved(node: dict, definitions: dict) -> dict:
    ref = node.get("$ref")
    return {**definitions[ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}} if ref else node


def tables(ed: Edition, publication: Publication) -> list[Table]:
    """Every table of the data package, in this edition's words."""
    return [cases(ed, publication), case_cities(ed), case_areas(ed), case_targets(ed), case_links(ed),
            case_sources(ed), study_editions(ed), cities(ed, publication), taxonomy(ed, publication), principles(ed),
            sdg_targets(ed), indicators(ed, publication), figures(ed)]


def _language_column(ed: Edition, text_language: Callable[[Any], str]) -> Column:
    return Column("text_language", ed.t("The language of this row's words: the edition's, or the original's where "
                                        "the entry is not translated yet."), text_language, enum=LANGUAGES)


def _address(ed: Edition, publication: Publication, uri: Callable[[Any], str]) -> Column:
    return Column("url", ed.t("The entry's page in this edition of the site."),
                  lambda row: publication.address(ed.language, uri(row)))


def cases(ed: Edition, publication: Publication) -> Table:
    t = ed.t
    words = ed.case
    columns = [
        Column("id", t("The case's id: the name of its file in cases/ and the end of its page's address."),
               lambda c: c.slug, required=True),
        Column("title", t("The initiative's name and city, in our words."), lambda c: words(c).title, (Case, "title")),
        Column("summary", t("One sentence in our words: what the city did and why it matters."),
               lambda c: words(c).summary, (Case, "summary")),
        Column("provenance", t("Where the case comes from: study, an edition of the Smart Cities Study; contributed, "
                               "a city or organisation that shared it with the knowledge base."),
               lambda c: CONTRIBUTED if c.meta.contributed else STUDY, required=True, enum=(STUDY, CONTRIBUTED)),
        Column("edition", t("For a case from the study: the year of the edition that names it (see "
                            "study_editions)."), lambda c: c.meta.edition, (Case, "edition"),
               references=("study_editions", "year")),
        Column("source_study", t("For a case from the study: the publication that describes it."),
               lambda c: c.meta.source.study if c.meta.source else None, (Case, "source.study")),
        Column("source_section", t("For a case from the study: where it describes the case, its chapter and "
                                   "section."), lambda c: words(c).section, (Case, "source.section")),
        Column("contributed_by", t("For a contributed case: the city or organisation that contributed it; its "
                                   "sources are in case_sources."), lambda c: c.meta.contributed_by,
               (Case, "contributed_by")),
        Column("contributed_on", t("For a contributed case: when it was contributed, as year-month."),
               lambda c: c.meta.contributed_on, (Case, "contributed_on")),
        Column("last_reviewed", t("When the case was last checked against its sources: year-month, or a study "
                                  "edition's year for a case not checked since."), _last_reviewed, required=True),
        Column("year_started", t("The year the initiative began, where a source states it."),
               lambda c: c.meta.year_started, (Case, "year_started")),
        Column("status", t("The initiative's status (active, pilot, completed or discontinued), where a source "
                           "states it."), lambda c: c.meta.status, (Case, "status")),
        Column("original_language", t("The language the case was written in; the other editions translate it."),
               lambda c: c.meta.language, (Case, "language")),
        _language_column(ed, lambda c: words(c).written_in),
        _address(ed, publication, lambda c: urls.case(c.slug)),
    ]
    return Table("cases", t("Cases"), t("Every best-practice case: one row per case."), columns,
                 list(ed.kb.cases.values()), ["id"])


STUDY, CONTRIBUTED = "study", "contributed"


def _last_reviewed(case: Entry[Case]) -> str:
    """As the case page and the explorer say it: '2027-03', or '2019' when only the year is known."""
    reviewed = last_reviewed(case.meta)
    return f"{reviewed.year}-{reviewed.month:02d}" if reviewed.month else str(reviewed.year)


def _case_column(ed: Edition) -> Column:
    return Column("case", ed.t("The case's id (see cases)."), lambda row: row[0].slug, required=True,
                  references=("cases", "id"))


def _position_column(ed: Edition, meaning: str) -> Column:
    return Column("position", meaning, lambda row: row[1] + 1, type="integer", required=True)


def _listed(ed: Edition, items: Callable[[Entry[Case]], list]) -> list[tuple[Entry[Case], int, Any]]:
    """(case, index, item) for each item of each case, in the cases' order."""
    return [(case, i, item) for case in ed.kb.cases.values() for i, item in enumerate(items(case))]


def case_cities(ed: Edition) -> Table:
    t = ed.t
    columns = [_case_column(ed),
               Column("city", t("A city whose case it is (see cities)."), lambda row: row[2], required=True,
                      references=("cities", "id")),
               _position_column(ed, t("The city's place in the case's list of cities, from 1."))]
    return Table("case_cities", t("Cases and cities"), t("Which cities each case belongs to: one row per case and "
                                                         "city."), columns, _listed(ed, lambda c: c.meta.cities),
                 ["case", "city"])


def case_areas(ed: Edition) -> Table:
    t = ed.t
    columns = [_case_column(ed),
               Column("area", t("A governance area the case is filed under (see taxonomy)."), lambda row: row[2],
                      required=True, references=("taxonomy", "id")),
               _position_column(ed, t("The area's place in the case's list: 1 is its main area."))]
    return Table("case_areas", t("Cases and governance areas"), t("Which governance areas each case is filed under: "
                                                                  "one row per case and area."),
                 columns, _listed(ed, lambda c: c.meta.areas), ["case", "area"])


def case_targets(ed: Edition) -> Table:
    t = ed.t
    columns = [_case_column(ed),
               Column("goal", t("The Sustainable Development Goal of the target, 1 to 17."),
                      lambda row: goal_of(row[2].target), (Goal, "number")),
               Column("target", t("An SDG target the case serves directly (see sdg_targets)."),
                      lambda row: row[2].target, (TargetReason, "target"), references=("sdg_targets", "target")),
               Column("reason", t("Why the case serves the target, in one sentence of ours."),
                      lambda row: ed.case(row[0]).reasons[row[2].target], (TargetReason, "reason")),
               _position_column(ed, t("The target's place in the case's list of targets, from 1."))]
    return Table("case_targets", t("Cases and SDG targets"), t(
        "The SDG targets each case serves, each with our reason: one row per case and target. This classification "
        "is ours: the study tags no case with a goal."), columns, _listed(ed, lambda c: c.meta.sdg_targets),
        ["case", "target"])


def case_links(ed: Edition) -> Table:
    t = ed.t
    return _case_link_table(ed, "case_links", t("Cases' official links"), t(
        "Official pages of each case's initiative or city: one row per link."), lambda c: c.meta.links,
        t("The link's place in the case's list of links, from 1."), t("What the link leads to."),
        lambda row: ed.case(row[0]).link_titles[row[1]], t("An official web address of the initiative or city."))


def case_sources(ed: Edition) -> Table:
    t = ed.t
    return _case_link_table(ed, "case_sources", t("Sources of contributed cases"), t(
        "The public documents each contributed case rests on: one row per source. Cases from the study rest on "
        "the study (see cases)."), lambda c: c.meta.sources,
        t("The source's place in the case's list of sources, from 1."),
        t("What the source is, in the words of the case's original language."), lambda row: row[2].title,
        t("The source's web address."))


def _case_link_table(ed: Edition, name: str, title: str, description: str, links: Callable[[Entry[Case]], list],
                     position: str, link_title: str, title_of: Callable[[Any], str], address: str) -> Table:
    """A table of links each case lists (its official links, its sources): case, position, title, url."""
    columns = [_case_column(ed), _position_column(ed, position),
               Column("title", link_title, title_of, (Link, "title")),
               Column("url", address, lambda row: row[2].url, (Link, "url"))]
    return Table(name, title, description, columns, _listed(ed, links), ["case", "position"])


def study_editions(ed: Edition) -> Table:
    t = ed.t
    columns = [
        Column("year", t("The edition's year, as cases name it."), lambda e: e.year, (StudyEdition, "year")),
        Column("title", t("The edition's title as printed."), lambda e: e.title, (StudyEdition, "title")),
        Column("subtitle", t("Its subtitle as printed."), lambda e: e.subtitle, (StudyEdition, "subtitle")),
        Column("publisher", t("Who published it."), lambda e: e.publisher, (StudyEdition, "publisher")),
        Column("participants", t("How many cities took part in it (see cities' study_editions)."),
               lambda e: len(e.participants), type="integer", required=True),
    ]
    return Table("study_editions", t("Editions of the study"), t(
        "The editions of the Smart Cities Study that cases and figures come from: one row per edition."), columns,
        [edition for _, edition in sorted(ed.kb.study_editions.items())], ["year"])


def cities(ed: Edition, publication: Publication) -> Table:
    t = ed.t

    def population(city: City, part: str) -> Any:
        return getattr(city.population, part) if city.population else None

    columns = [
        Column("id", t("The city's id, as cases name it."), lambda c: c.id, (City, "id")),
        Column("name", t("The city's name in this edition's language."), lambda c: ed.city_name(c.id)),
        Column("study_name", t("The city's name as the study prints it, accents exact."), lambda c: c.name,
               (City, "name")),
        Column("other_names", t("Other spellings people use, as a JSON list."), lambda c: c.other_names,
               (City, "other_names")),
        Column("country", t("The country's two-letter ISO 3166-1 code."), lambda c: c.country, (City, "country")),
        Column("country_name", t("The country's name in this edition's language."), lambda c: ed.country_name(c)),
        Column("region", t("The UCLG world region, as an id shared by every edition."), lambda c: c.region,
               (City, "region")),
        Column("region_name", t("The UCLG world region's name in this edition's language."),
               lambda c: ed.region_name(c.region)),
        Column("latitude", t("Latitude in decimal degrees (WGS 84)."), lambda c: c.coordinates.lat,
               (City, "coordinates.lat")),
        Column("longitude", t("Longitude in decimal degrees (WGS 84)."), lambda c: c.coordinates.lon,
               (City, "coordinates.lon")),
        Column("coordinates_source", t("Where the coordinates come from."), lambda c: c.coordinates_source,
               (City, "coordinates_source")),
        Column("population", t("The population, where an official source gives it."),
               lambda c: population(c, "value"), (City, "population.value")),
        Column("population_year", t("The year of that population figure."), lambda c: population(c, "year"),
               (City, "population.year")),
        Column("population_source", t("Where the population figure comes from."), lambda c: population(c, "source"),
               (City, "population.source")),
        Column("website", t("The city's official website."), lambda c: c.website, (City, "website")),
        Column("notes", t("Notes on the entry, in English."), lambda c: c.notes, (City, "notes")),
        Column("study_editions", t("The years of the study's editions the city took part in, as a JSON list; empty "
                                   "for a city that joined the knowledge base with a contributed case."),
               lambda c: [edition.year for edition in ed.kb.editions_of_city.get(c.id, [])], type="array",
               required=True),
        _address(ed, publication, lambda c: urls.city(c.id)),
    ]
    rows = sorted(ed.kb.cities.values(), key=lambda c: c.id)
    return Table("cities", t("Cities"), t("The cities that took part in the study, and any city a case names: one "
                                          "row per city."), columns, rows, ["id"])


def taxonomy(ed: Edition, publication: Publication) -> Table:
    t = ed.t
    rows: list[tuple[str, str | None]] = []  # (id, axis): an axis has none
    for axis in ed.kb.taxonomy.axes:
        rows.append((axis.id, None))
        rows += [(area.id, axis.id) for area in axis.areas if area.id != axis.id]  # an axis may be its own area
    columns = [
        Column("id", t("The id of the axis or area, as cases and figures name it."), lambda r: r[0], required=True),
        Column("axis", t("For an area, the id of its axis; empty for an axis."), lambda r: r[1],
               references=("taxonomy", "id")),
        Column("name", t("Its name in this edition's language."),
               lambda r: ed.area_name(r[0]) if r[1] else ed.axis_name(r[0]), required=True),
        Column("description", t("What it covers, in our words."),
               lambda r: ed.area_description(r[0]) if r[1] else ed.axis_description(r[0]), required=True),
        _address(ed, publication, lambda r: urls.area(r[0])),
    ]
    return Table("taxonomy", t("Governance axes and areas"), t("The study's governance axes and the areas within "
                                                               "them: one row each."), columns, rows, ["id"])


def principles(ed: Edition) -> Table:
    t = ed.t
    translated = ed.kb.taxonomy_translations.get(ed.language)

    def words(principle: Principle) -> NameAndDescription | Principle:
        return (translated.principles.get(principle.id) if translated else None) or principle

    columns = [
        Column("id", t("The principle's id."), lambda p: p.id, (Principle, "id")),
        Column("name", t("Its name in this edition's language."), lambda p: words(p).name, (Principle, "name")),
        Column("description", t("What it means, in our words."), lambda p: words(p).description,
               (Principle, "description")),
    ]
    return Table("principles", t("Principles and values"), t("The principles and values of Smart Governance the "
                                                              "study lists, in its order: one row each."),
                 columns, list(ed.kb.taxonomy.principles), ["id"])


def sdg_targets(ed: Edition) -> Table:
    t = ed.t
    source = ed.kb.sdg_catalogue.source
    rows = [(goal, target) for goal in ed.kb.sdg_catalogue.goals for target in goal.targets]
    columns = [
        Column("target", t("The target's official number, goal.target."), lambda r: r[1].id, (OfficialTarget, "id")),
        Column("goal", t("The Sustainable Development Goal, 1 to 17."), lambda r: r[0].number, (Goal, "number")),
        Column("goal_name", t("The goal's short name, as on the UN's icons."), lambda r: ed.goal_name(r[0].number),
               required=True),
        Column("title", t("The target's official wording in this edition's language."),
               lambda r: ed.target_title(r[1].id), required=True),
    ]
    return Table("sdg_targets", t("SDG targets"), t("The 169 targets of the 17 Sustainable Development Goals, with "
                                                    "their official titles."), columns, rows, ["target"],
                 licence={"name": source.licence, "title": source.licence, "path": source.url},
                 sources=[{"title": source.title, "path": source.url}])


def indicators(ed: Edition, publication: Publication) -> Table:
    t = ed.t
    words = ed.indicator
    columns = [
        Column("id", t("The figure's id: the name of its file in indicators/."), lambda i: i.slug, required=True),
        Column("title", t("The figure's title as the study prints it, in this edition's language where it is "
                          "translated."), lambda i: words(i).title, (Indicator, "title")),
        Column("title_translation", t("Our rendering of a title the study prints in another language."),
               lambda i: words(i).title_translation, (Indicator, "title_translation")),
        Column("finding", t("One sentence in our words: what the figure shows."), lambda i: words(i).finding,
               (Indicator, "finding")),
        Column("origin", t("survey: a result of the study's survey; context: a figure the study quotes from "
                           "elsewhere, or a fact about the study."), lambda i: i.meta.origin, (Indicator, "origin")),
        Column("area", t("The governance area or axis the figure belongs to (see taxonomy)."),
               lambda i: i.meta.area, (Indicator, "area"), references=("taxonomy", "id")),
        Column("unit", t("The unit of the values: percent (of cities), percent-of-population, percent-of-plans, "
                         "score-1-5, score-0-10 or count (of cities)."), lambda i: i.meta.unit, (Indicator, "unit")),
        Column("chart", t("How the site draws the figure; none when the study prints no values."),
               lambda i: i.meta.chart, (Indicator, "chart")),
        Column("base", t("Which cities the figure is about."), lambda i: words(i).base, (Indicator, "base")),
        Column("source_study", t("The publication that prints the figure."), lambda i: i.meta.source.study,
               (Indicator, "source.study")),
        Column("source_section", t("Where the study prints the figure."), lambda i: words(i).section,
               (Indicator, "source.section")),
        Column("notes", t("Inconsistencies or rounding in the study."), lambda i: words(i).notes,
               (Indicator, "notes")),
        _language_column(ed, lambda i: words(i).written_in),
        _address(ed, publication, lambda i: urls.indicator(i.slug)),
    ]
    return Table("indicators", t("Figures of the study"), t(
        "Every figure of the study: one row per figure, its values in figures. The titles and values are the "
        "study's, as printed."), columns, list(ed.kb.indicators.values()), ["id"],
        sources=[{"title": credit(edition)} for _, edition in sorted(ed.kb.study_editions.items())
                 if edition.title in {entry.meta.source.study for entry in ed.kb.indicators.values()}])


def figures(ed: Edition) -> Table:
    t = ed.t
    rows: list[tuple[Entry[Indicator], int, str, str, Decimal]] = []
    for entry in ed.kb.indicators.values():
        meta, words = entry.meta, ed.indicator(entry)
        if meta.table:
            values = [(row_label, column, value) for row_label, row in zip(words.rows, meta.table.rows, strict=True)
                      for column, value in zip(words.columns, row.values, strict=True)]
        else:
            values = [(label, "", item.value) for label, item in zip(words.labels, meta.values or [], strict=True)]
        rows += [(entry, i, label, column, value) for i, (label, column, value) in enumerate(values)]
    columns = [
        Column("indicator", t("The figure's id (see indicators)."), lambda r: r[0].slug, required=True,
               references=("indicators", "id")),
        Column("position", t("The value's place in the order the study prints them, from 1."), lambda r: r[1] + 1,
               type="integer", required=True),
        Column("label", t("What the value is about: an answer, a city group, or a table's row."), lambda r: r[2],
               required=True),
        Column("column", t("A table's column, for figures printed as a table; empty otherwise."),
               lambda r: r[3] or None),
        Column("value", t("The value exactly as the study prints it, in the figure's unit."), lambda r: r[4],
               type="number", required=True),
    ]
    return Table("figures", t("Values of the figures"), t(
        "Every value of every figure, in tidy form: one row per value."), columns, rows, ["indicator", "position"])

