"""The knowledge base as a published dataset: its name, version and licence (``data/dataset.yaml``), its title,
address and publisher in each language (the site's configuration files), and the date of the build.

The build date is the build's one clock (``govkb.clock``): ``SOURCE_DATE_EPOCH`` when it is set (the convention
of reproducible builds, which MkDocs follows for its sitemap too), otherwise today. The editions of the study the
data credit are ``data/editions.yaml``'s, read with the rest of the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..clock import build_date
from ..content.frontmatter import read_data_file
from ..content.layout import Layout
from ..content.models import PlainShortText, StudyEdition, WebUrl
from ..content.problems import ContentError, Problem
from ..content.slugs import SLUG_REGEX
from ..content.validate import validated
from ..languages import DEFAULT, LANGUAGES, Language, config_file
from ..urls import served_path

DATASET_FILE = "data/dataset.yaml"


def _semantic_version(value: str) -> str:
    if not re.fullmatch(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)", value):
        raise ValueError(f"'{value}' is not a version: write major.minor.patch, e.g. '1.0.0'")
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(SLUG_REGEX, value):
        raise ValueError(f"'{value}' is not a package name: use lowercase letters, digits and hyphens")
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Licence(_Strict):
    id: PlainShortText = Field(description="The licence's SPDX identifier, e.g. CC-BY-4.0.")
    title: PlainShortText
    url: WebUrl


class DatasetFile(_Strict):
    """``data/dataset.yaml``."""

    name: Annotated[str, AfterValidator(_slug)]
    version: Annotated[str, AfterValidator(_semantic_version)]
    licence: Licence


@dataclass(frozen=True)
class Site:
    """One edition's published address, name and author, and the repository it is made from (repo_url, '' when
    none), from its configuration file."""

    url: str
    name: str
    author: str
    repository: str = ""


@dataclass(frozen=True)
class Publication:
    """What every open-data file, citation and structured-data block says about the dataset as a whole."""

    name: str
    version: str
    licence: Licence
    built: date
    sites: dict[Language, Site]

    @property
    def date(self) -> str:
        """The build date, ISO 8601: 2026-11-28."""
        return self.built.isoformat()

    def address(self, language: Language, uri: str) -> str:
        """The published address of a docs-relative file in an edition: 'cases/x.md' -> https://…/es/cases/x/."""
        return self.sites[language].url + served_path(uri)


def load_publication(layout: Layout) -> Publication:
    """The dataset's description; raises ContentError naming the file, line and field of a mistake."""
    problems: list[Problem] = []
    path = layout.root / DATASET_FILE
    if not path.is_file():
        raise ContentError([Problem(DATASET_FILE, None, "", "file is missing")])
    parsed = read_data_file(path, DATASET_FILE)  # a ContentError names the line that does not parse
    described: DatasetFile | None = validated(parsed, DatasetFile, problems)
    if described is None:
        raise ContentError(problems)
    return Publication(described.name, described.version, described.licence, build_date(),
                       published_sites(layout.root))


def full_title(edition: StudyEdition) -> str:
    """'Smart Cities Study 2019 — Smart Governance'."""
    return f"{edition.title} — {edition.subtitle}" if edition.subtitle else edition.title


def credit(edition: StudyEdition) -> str:
    """How the data credit an edition of the study: its publisher, title, subtitle and year."""
    return f"{edition.publisher}, {full_title(edition)} ({edition.year})"


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Reads a site configuration's plain values; MkDocs' own tags (!ENV, !relative) are not needed here. With
    LibYAML when PyYAML has it: the pure-Python parser took 11 ms of every build for these three files, LibYAML 2."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def published_sites(root: Path) -> dict[Language, Site]:
    """Each edition's site_url, site_name, site_author and repo_url; an edition's file inherits what it leaves out."""
    default = yaml.load((root / config_file(DEFAULT)).read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    sites = {}
    for language in LANGUAGES:
        own = default
        if language != DEFAULT and (root / config_file(language)).is_file():
            own = {**default, **(yaml.load((root / config_file(language)).read_text(encoding="utf-8"),
                                           Loader=_ConfigLoader) or {})}
        url = str(own.get("site_url") or "/")
        sites[language] = Site(url if url.endswith("/") else url + "/", str(own.get("site_name", "")),
                               str(own.get("site_author", "")), str(own.get("repo_url") or "").rstrip("/"))
    return sites
