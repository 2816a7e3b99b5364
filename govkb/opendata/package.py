"""The files of one edition's open data package: each table as CSV and JSON, the cities as GeoJSON, one JSON file
per case with an index of them, the Frictionless descriptor (``datapackage.json``) and one zip of it all.

Every file is the same bytes on every build of the same commit and build date: keys in a fixed order, rows in
the order of the content files, and the zip's entries sorted with the build's time and fixed permissions.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..cache import TextCache, hash_of
from ..csvtext import csv_text, published
from ..pages.edition import Edition
from .citations import FILES
from .dataset import Publication, credit
from .tables import Table

# A zip entry cannot be dated before 1980.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackageFile:
    uri: str  # where the site publishes it
    content: str | bytes

    @property
    def data(self) -> bytes:
        return self.content if isinstance(self.content, bytes) else self.content.encode("utf-8")


def _json(value: Any, indent: int | None = None) -> str:
    """JSON as the package writes it: compact for the tables (Python's fast encoder does not indent), indented
    where a reader opens the file to read it (the descriptor, one case)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators) + "\n"


def csv_file(table: Table) -> str:
    """The table as a published CSV file: after a byte-order mark, as every CSV of the site."""
    records = table.records
    header = [column.name for column in table.columns]
    return published(csv_text([header, *([_csv_value(record[name]) for name in header] for record in records)]))


def _csv_value(value: Any) -> Any:
    """A JSON value as a CSV cell: nothing for no value, a list as JSON (Table Schema's 'array'); numbers stay
    numbers, which the CSV writer writes as they are."""
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def table_files(table: Table) -> list[PackageFile]:
    return [PackageFile(urls.data_table(table.name, "csv"), csv_file(table)),
            PackageFile(urls.data_table(table.name, "json"), _json(table.records))]


def geojson(ed: Edition, cities: Table) -> PackageFile:
    """The cities as points, each with the columns of the cities table as its properties."""
    features = [{"type": "Feature", "id": record["id"],
                 "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                 "properties": record} for record in cities.records]
    return PackageFile(urls.CITIES_GEOJSON, _json({"type": "FeatureCollection", "features": features}))


def dataset_title(ed: Edition, publication: Publication) -> str:
    return ed.t("{site}: open data", site=publication.sites[ed.language].name)


def dataset_description(ed: Edition) -> str:
    return ed.t("The cases, cities, governance areas, SDG targets and figures of the Smart Governance knowledge "
                "base, which summarises the UCLG Smart Cities Study 2019.")


def dataset_summary(ed: Edition, publication: Publication) -> dict:
    """What each per-case file and the index say about the dataset they belong to."""
    return {"name": publication.name, "version": publication.version, "date": publication.date,
            "licence": publication.licence.url, "package": publication.address(ed.language, urls.DATA_PACKAGE),
            "language": ed.language}


def case_files(ed: Edition, publication: Publication, tables: list[Table]) -> list[PackageFile]:
    """One JSON file per case: its row of the cases table with its rows of every table that lists cases (its cities,
    areas, targets and links), and an index of them all."""
    cases = next(table for table in tables if table.name == "cases")
    listed = {table.name.removeprefix("case_"): table for table in tables
              if any(column.references == ("cases", "id") for column in table.columns)}
    by_case: dict[str, dict[str, list]] = {}
    for key, table in listed.items():
        for record in table.records:
            rest = {name: value for name, value in record.items() if name != "case"}
            by_case.setdefault(record["case"], {}).setdefault(key, []).append(rest)
    dataset = dataset_summary(ed, publication)
    files, index = [], []
    for record in cases.records:
        slug = record["id"]
        own = {**record, **{key: by_case.get(slug, {}).get(key, []) for key in listed},
               "cite": {name: publication.address(ed.language, urls.citation("cases", slug, suffix))
                        for suffix, (name, _) in FILES.items()},
               "dataset": dataset}
        files.append(PackageFile(urls.case_json(slug), _json(own, indent=1)))
        index.append({"id": slug, "title": record["title"], "url": record["url"],
                      "json": publication.address(ed.language, urls.case_json(slug))})
    files.append(PackageFile(urls.CASES_JSON_INDEX, _json({"dataset": dataset, "cases": index})))
    return files


def descriptor(ed: Edition, publication: Publication, tables: list[Table], files: dict[str, PackageFile]) -> dict:
    """The Frictionless Data Package descriptor: the dataset, its licences and sources, and each resource with its
    Table Schema, size and hash. ``files`` are the package's files by their path within it."""
    t = ed.t
    site = publication.sites[ed.language]
    sdg_source = ed.kb.sdg_catalogue.source
    resources = []
    for table in tables:
        for suffix, media in (("csv", "text/csv"), ("json", "application/json")):
            path = f"{table.name}.{suffix}"
            # frictionless cannot read a JSON table with no rows ("[]", as case_sources is until a case is
            # contributed): that file is declared a plain resource, with the schema it will have.
            tabular = suffix == "csv" or bool(table.rows)
            # A CSV starts with a byte-order mark: still UTF-8, which frictionless reads past.
            resource = {"name": table.name if suffix == "csv" else f"{table.name}-json", "path": path,
                        "profile": "tabular-data-resource" if tabular else "data-resource",
                        "title": table.title, "description": table.description,
                        "format": suffix, "mediatype": media, "encoding": "utf-8",
                        # frictionless reads a JSON table without counting its bytes: only a CSV's are checked.
                        **(_size(files[path]) if suffix == "csv" else {}), "schema": table.schema()}
            if table.licence:
                resource["licenses"] = [table.licence]
            if table.sources:
                resource["sources"] = table.sources
            resources.append(resource)
    geo = files[_in_package(urls.CITIES_GEOJSON)]
    resources.append({"name": "cities-geojson", "path": _in_package(urls.CITIES_GEOJSON), "format": "geojson",
                      "mediatype": "application/geo+json", "encoding": "utf-8", "title": t("Cities on a map"),
                      "description": t("The cities as GeoJSON points, with the columns of cities as properties."),
                      **_size(geo)})
    return {
        "profile": "data-package",
        "name": publication.name,
        "id": publication.address(ed.language, urls.DATA_PACKAGE),
        "title": dataset_title(ed, publication),
        "description": dataset_description(ed),
        "version": publication.version,
        "created": f"{publication.date}T00:00:00Z",
        "homepage": publication.address(ed.language, urls.DATA),
        "language": ed.language,
        "keywords": ["smart governance", "smart cities", "open government", "SDG", "UCLG"],
        "licenses": [{"name": publication.licence.id, "title": publication.licence.title,
                      "path": publication.licence.url}],
        "contributors": [{"title": site.author, "role": "publisher"}],
        "sources": [*({"title": credit(edition)} for _, edition in sorted(ed.kb.study_editions.items())),
                    {"title": f"{sdg_source.title} ({sdg_source.licence})", "path": sdg_source.url}],
        "resources": resources,
    }


def _size(file: PackageFile) -> dict:
    data = file.data
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def _in_package(uri: str) -> str:
    """A file's path within the package (the package's folder is its root)."""
    return uri.removeprefix(urls.DATA_FOLDER)


def deterministic_zip(files: dict[str, bytes], built: tuple[int, int, int, int, int, int]) -> bytes:
    """A zip of ``files`` (path -> bytes): entries sorted, each dated ``built``, with fixed permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=max(built, _ZIP_EPOCH))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the machine that builds it
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path], compresslevel=6)
    return buffer.getvalue()


def package_files(ed: Edition, publication: Publication, tables: list[Table], readme: str,
                  cache: TextCache | None = None) -> list[PackageFile]:
    """Every file of the edition's open data: the package's own (in the zip too), then the per-case files. They are
    kept in ``cache`` by all they are made from: at 5,000 cases, making them took about 2 s of every build. The
    cache keeps the last package of each language only, as each weighs about as much as the content."""
    cache = (cache or TextCache(None)).within(ed.language)
    key = _inputs(ed, publication, tables, readme)
    kept = cache.get(key, ".json")
    if kept is not None:
        return [PackageFile(uri, text if encoding == "text" else base64.b64decode(text))
                for uri, encoding, text in json.loads(kept)]
    files = _made(ed, publication, tables, readme)
    cache.put(key, json.dumps([[file.uri, "text", file.content] if isinstance(file.content, str) else
                               [file.uri, "base64", base64.b64encode(file.content).decode("ascii")]
                               for file in files], ensure_ascii=False), ".json")
    cache.keep_only({key}, ".json")
    return files


def _inputs(ed: Edition, publication: Publication, tables: list[Table], readme: str) -> str:
    """A hash of all that the files are made from, besides the code (which every cache key covers): the edition's
    language, the dataset, each table (its words, schema and records), the README, and the sources the descriptor
    credits."""
    described = [[table.name, table.title, table.description, table.licence, table.sources, table.schema(),
                  table.records] for table in tables]
    return hash_of([json.dumps([ed.language, repr(publication), readme, repr(sorted(ed.kb.study_editions.items())),
                                repr(ed.kb.sdg_catalogue.source), described], ensure_ascii=False, default=str)])


def _made(ed: Edition, publication: Publication, tables: list[Table], readme: str) -> list[PackageFile]:
    own = [file for table in tables for file in table_files(table)]
    own.append(geojson(ed, next(table for table in tables if table.name == "cities")))
    by_path = {_in_package(file.uri): file for file in own}
    package = PackageFile(urls.DATA_PACKAGE, _json(descriptor(ed, publication, tables, by_path), indent=1))
    own.append(package)
    # The zip carries the data dictionary as a README; on the site, the data page is that README.
    contents = {_in_package(file.uri): file.data for file in own} | {"README.md": readme.encode("utf-8")}
    built = publication.built
    archive = deterministic_zip(contents, (built.year, built.month, built.day, 0, 0, 0))
    return [*own, PackageFile(urls.data_zip(publication.name), archive), *case_files(ed, publication, tables)]
