"""Structured data for every page's head: schema.org in JSON-LD, as search engines and data catalogues read it.

A case is an ``Article`` about its governance areas and SDG targets (``DefinedTerm``s in ``DefinedTermSet``s),
covering its cities (``City`` with ``geo``), based on its edition of the study, or, for a contributed case, on its
sources with its contributor named; a city page is a ``City``; an indicator page and
the data page are ``Dataset``s, the latter with every download as a ``distribution``; the home page is the
``WebSite``, and every other page a ``WebPage``. The JSON is escaped so that no text can end the ``<script>``
element that holds it: ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026``, and the line and
paragraph separators their escapes too (JSON allows them raw, older JavaScript parsers do not).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cached_property, partial

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Case, ChartKind, City, Indicator, StudyEdition, goal_of
from ..pages.edition import Edition
from .dataset import Publication, credit, full_title
from .package import dataset_description, dataset_title
from .tables import Table

CONTEXT = "https://schema.org"
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script(data: dict) -> Markup:
    """``data`` as a JSON-LD script element that no value inside it can close."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # One replace per character rather than str.translate, which looks each character up in a dict: 10 µs rather
    # than 220 µs for a case's 3 KB of accented text, twice for every page of a build.
    for character, escape in _ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(f'<script type="application/ld+json">{text}</script>')


class StructuredData:
    """One edition's structured data, page by page (``for_page``)."""

    def __init__(self, ed: Edition, publication: Publication, tables: list[Table]):
        self.ed = ed
        self.publication = publication
        self.tables = tables

    def address(self, uri: str) -> str:
        return self.publication.address(self.ed.language, uri)

    @cached_property
    def _generated(self) -> dict[str, Callable[[], dict]]:
        """The pages that are more than a web page, by docs-relative URI."""
        kb = self.ed.kb
        found: dict[str, Callable[[], dict]] = {urls.HOME: self.website, urls.DATA: self.dataset}
        found |= {urls.case(slug): partial(self.case, case) for slug, case in kb.cases.items()}
        found |= {urls.city(city_id): partial(self.city, city) for city_id, city in kb.cities.items()}
        found |= {urls.indicator(slug): partial(self.indicator, entry) for slug, entry in kb.indicators.items()}
        return found

    def for_page(self, uri: str, title: str, description: str) -> Markup:
        """The page's JSON-LD script element; ``title`` and ``description`` are the page's own, as plain text."""
        make = self._generated.get(uri)
        data = make() if make else self.web_page(uri, title, description)
        return script({"@context": CONTEXT, **data})

    # --- pieces ---------------------------------------------------------------------------------------------

    @cached_property
    def _site(self) -> dict:
        site = self.publication.sites[self.ed.language]
        return {"@type": "WebSite", "name": site.name, "url": site.url, "inLanguage": self.ed.language}

    @cached_property
    def _publisher(self) -> dict:
        return {"@type": "Organization", "name": self.publication.sites[self.ed.language].author}

    @staticmethod
    def _report(edition: StudyEdition) -> dict:
        return {"@type": "Report", "name": full_title(edition), "datePublished": str(edition.year),
                "author": {"@type": "Organization", "name": edition.publisher}}

    @cached_property
    def _studies(self) -> list[dict]:
        """Every edition of the study, oldest first: what the knowledge base as a whole is based on."""
        return [self._report(edition) for _, edition in sorted(self.ed.kb.study_editions.items())]

    def _edition_titled(self, title: str) -> StudyEdition | None:
        """The edition of the study a figure names by its title."""
        return next((edition for edition in self.ed.kb.study_editions.values() if edition.title == title), None)

    def _ours(self) -> dict:
        """What every page of ours says: its site, publisher, licence and when it was last built."""
        return {"isPartOf": self._site, "publisher": self._publisher, "license": self.publication.licence.url,
                "dateModified": self.publication.date}

    def web_page(self, uri: str, title: str, description: str) -> dict:
        return {"@type": "WebPage", "name": title, "description": description, "url": self.address(uri),
                "inLanguage": self.ed.language, **self._ours()}

    def website(self) -> dict:
        site = self.publication.sites[self.ed.language]
        return {**self._site, "description": self.ed.t("Best practices and survey figures of the Smart Cities "
                                                       "Study 2019 on Smart Governance, as a knowledge base."),
                "publisher": self._publisher, "license": self.publication.licence.url, "isBasedOn": self._studies,
                "url": site.url}

    def _city(self, city: City) -> dict:
        ed = self.ed
        return {"@type": "City", "name": ed.city_name(city.id), "url": self.address(urls.city(city.id)),
                "geo": {"@type": "GeoCoordinates", "latitude": city.coordinates.lat,
                        "longitude": city.coordinates.lon},
                "containedInPlace": {"@type": "Country", "name": ed.country_name(city), "identifier": city.country}}

    def city(self, city: City) -> dict:
        ed = self.ed
        names = [name for name in (city.name, *city.other_names) if name != ed.city_name(city.id)]
        found = self._city(city)
        editions = ed.kb.editions_of_city.get(city.id)
        if editions:  # a city that joined with a contributed case took part in no edition
            found["description"] = ed.t("{city} took part in the {study}.", city=ed.city_name(city.id),
                                        study=", ".join(edition.title for edition in editions))
        if names:
            found["alternateName"] = names
        if city.website:
            found["sameAs"] = city.website
        return found

    def case(self, case: Entry[Case]) -> dict:
        ed = self.ed
        words = ed.case(case)
        areas = {"@type": "DefinedTermSet", "name": ed.t("Governance areas"), "url": self.address(urls.AREAS)}
        targets = {"@type": "DefinedTermSet", "name": ed.t("Sustainable Development Goals and targets"),
                   "url": self.address(urls.SDGS)}
        about = [{"@type": "DefinedTerm", "termCode": area, "name": ed.area_name(area),
                  "url": self.address(urls.area(area)), "inDefinedTermSet": areas} for area in case.meta.areas]
        about += [{"@type": "DefinedTerm", "termCode": tagged.target, "name": ed.target_title(tagged.target),
                   "url": self.address(urls.sdg(goal_of(tagged.target))), "inDefinedTermSet": targets}
                  for tagged in case.meta.sdg_targets]
        return {"@type": "Article", "headline": words.title, "name": words.title, "description": words.summary,
                "url": self.address(urls.case(case.slug)), "inLanguage": words.written_in, "about": about,
                "spatialCoverage": [self._city(ed.kb.cities[c]) for c in case.meta.cities],
                **self._provenance(case.meta), "author": self._publisher, **self._ours()}

    def _provenance(self, meta: Case) -> dict:
        """What a case is based on: its edition of the study, or the sources of a contribution, with who
        contributed it and when."""
        if meta.edition is not None:
            return {"isBasedOn": self._report(self.ed.kb.study_editions[meta.edition])}
        return {"isBasedOn": [{"@type": "CreativeWork", "name": source.title, "url": source.url}
                              for source in meta.sources],
                "contributor": {"@type": "Organization", "name": meta.contributed_by},
                "dateCreated": meta.contributed_on}  # a contributed case has both (the model refuses it otherwise)

    def indicator(self, entry: Entry[Indicator]) -> dict:
        ed = self.ed
        words = ed.indicator(entry)
        printed_in = entry.meta.source.study
        edition = self._edition_titled(printed_in)
        study = self._report(edition) if edition else {"@type": "Report", "name": printed_in}
        found = {"@type": "Dataset", "name": words.title, "description": words.finding,
                 "url": self.address(urls.indicator(entry.slug)), "inLanguage": words.written_in,
                 "isBasedOn": study, **({"creator": study["author"]} if edition else {}),
                 # The figures are the study's: credited to it, not put under our licence.
                 "creditText": credit(edition) if edition else printed_in,
                 "isPartOf": self._site, "dateModified": self.publication.date}
        if entry.meta.chart is not ChartKind.none:
            found["distribution"] = [{"@type": "DataDownload", "encodingFormat": "text/csv",
                                      "contentUrl": self.address(urls.chart(entry.slug, ".csv"))}]
        return found

    def dataset(self) -> dict:
        ed = self.ed
        publication = self.publication
        downloads = [(urls.data_zip(publication.name), "application/zip"),
                     (urls.DATA_PACKAGE, "application/json"), (urls.CITIES_GEOJSON, "application/geo+json"),
                     *((urls.data_table(table.name, suffix), media) for table in self.tables
                       for suffix, media in (("csv", "text/csv"), ("json", "application/json")))]
        return {"@type": "Dataset", "name": dataset_title(ed, publication), "description": dataset_description(ed),
                "url": self.address(urls.DATA), "inLanguage": ed.language, "version": publication.version,
                "creator": self._publisher, "isBasedOn": self._studies,
                "distribution": [{"@type": "DataDownload", "encodingFormat": media, "contentUrl": self.address(uri)}
                                 for uri, media in downloads],
                **self._ours()}
