"""The knowledge base as open data: the package validates, its tables hold every case, city, target and figure
with their documentation in three languages, every page cites and describes itself, and the repository's
CITATION.cff is valid."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nh3
import pandas as pd
import pytest
import yaml
from bs4 import BeautifulSoup

from govkb.cache import TextCache
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.models import Case, CaseStatus
from govkb.content.problems import ContentError
from govkb.languages import LANGUAGES
from govkb.opendata.citations import CitationFormatter, Work, bibtex, ris
from govkb.opendata.dataset import load_publication
from govkb.opendata.jsonld import StructuredData, script
from govkb.opendata.package import package_files
from govkb.opendata.tables import Column, tables
from govkb.pages.datapage import readme
from govkb.pages.edition import Edition

from .conftest import ROOT, parsed

EDITIONS = {"en": "", "es": "es/", "fr": "fr/"}
TABLES = ["cases", "case_cities", "case_areas", "case_targets", "case_links", "case_sources", "study_editions",
          "cities", "taxonomy", "principles", "sdg_targets", "indicators", "figures"]


def data(site: Path, language: str) -> Path:
    return site / EDITIONS[language] / "data"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_edition_publishes_a_valid_data_package(site, language):
    from frictionless import validate

    package = data(site, language) / "datapackage.json"
    report = validate(package)
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "message"])[:10]
    descriptor = json.loads(package.read_text(encoding="utf-8"))
    assert descriptor["version"] == load_publication(Layout(ROOT)).version
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert {r["name"] for r in descriptor["resources"]} >= {*TABLES, *(f"{t}-json" for t in TABLES), "cities-geojson"}
    # The study's figures are credited to it, the SDG titles carry their own licence.
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert "UCLG" in resources["figures"]["description"] + json.dumps(resources["indicators"]["sources"])
    assert resources["sdg_targets"]["licenses"][0]["name"] == "MIT"


def test_the_csvs_open_in_pandas_with_every_case_city_target_and_figure(site, kb):
    folder = data(site, "en")
    cases = pd.read_csv(folder / "cases.csv")
    assert sorted(cases["id"]) == sorted(kb.cases)
    targets = pd.read_csv(folder / "case_targets.csv", dtype={"target": str})
    expected = {(slug, t.target, t.reason) for slug, case in kb.cases.items() for t in case.meta.sdg_targets}
    assert set(targets[["case", "target", "reason"]].itertuples(index=False, name=None)) == expected
    cities = pd.read_csv(folder / "cities.csv")
    assert sorted(cities["id"]) == sorted(kb.cities)
    bilbao = cities.set_index("id").loc["bilbao"]
    assert bilbao["longitude"] == kb.cities["bilbao"].coordinates.lon < 0  # a number, not neutralised text
    figures = pd.read_csv(folder / "figures.csv")
    printed = [value for i in kb.indicators.values()
               for value in ([v for row in i.meta.table.rows for v in row.values] if i.meta.table
                             else [item.value for item in i.meta.values or []])]
    assert len(figures) == len(printed) and figures["value"].sum() == pytest.approx(float(sum(printed)))
    assert len(pd.read_csv(folder / "sdg_targets.csv")) == sum(len(g.targets) for g in kb.sdg_catalogue.goals)


def test_ids_and_values_are_shared_and_words_translated(site):
    english = pd.read_csv(data(site, "en") / "cases.csv")
    for language in ("es", "fr"):
        other = pd.read_csv(data(site, language) / "cases.csv")
        assert list(other.columns) == list(english.columns)
        assert list(other["id"]) == list(english["id"])
        assert (other["title"] != english["title"]).sum() > len(english) / 2, language
        for name in ("case_areas", "case_targets", "figures"):
            ours = pd.read_csv(data(site, language) / f"{name}.csv").drop(columns=["reason", "label", "column"],
                                                                           errors="ignore")
            assert ours.equals(pd.read_csv(data(site, "en") / f"{name}.csv").drop(
                columns=["reason", "label", "column"], errors="ignore")), (language, name)


def test_the_zip_holds_the_package_sorted_and_dated_with_its_readme(site):
    folder = data(site, "fr")
    archive = zipfile.ZipFile(io.BytesIO((folder / "smart-governance-kb.zip").read_bytes()))
    names = archive.namelist()
    assert names == sorted(names) and {"datapackage.json", "README.md", "cases.csv", "cities.geojson"} <= set(names)
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 28, 0, 0, 0)}  # the build date
    for name in names:
        if name != "README.md":
            assert archive.read(name) == (folder / name).read_bytes(), name
    readme = archive.read("README.md").decode("utf-8")
    assert "Dictionnaire des données" in readme and "| `year_started` | `integer` |" in readme


def test_each_case_has_its_own_json_and_an_index(site, kb):
    index = json.loads((data(site, "es") / "cases/index.json").read_text(encoding="utf-8"))
    assert [entry["id"] for entry in index["cases"]] == list(kb.cases)
    for slug, case in kb.cases.items():
        own = json.loads((data(site, "es") / f"cases/{slug}.json").read_text(encoding="utf-8"))
        assert own["id"] == slug and own["dataset"]["language"] == "es"
        assert [t["target"] for t in own["targets"]] == [t.target for t in case.meta.sdg_targets]
        assert [c["city"] for c in own["cities"]] == case.meta.cities
        assert own["cite"]["BibTeX"].endswith(f"/es/cite/cases/{slug}.bib")


def test_table_schemas_take_types_and_constraints_from_the_model():
    year = Column("year_started", "x", lambda case: None, (Case, "year_started")).descriptor()
    assert year["type"] == "integer" and year["constraints"] == {"minimum": 1950, "maximum": 2100}
    status = Column("status", "x", lambda case: None, (Case, "status")).descriptor()
    assert status["constraints"]["enum"] == [s.value for s in CaseStatus]
    title = Column("title", "x", lambda case: None, (Case, "title")).descriptor()
    assert title["constraints"] == {"minLength": 1, "maxLength": 200, "required": True}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_data_page_documents_every_column_in_its_language(site, language):
    page = parsed(site / EDITIONS[language] / "data/index.html")
    descriptor = json.loads((data(site, language) / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if "schema" not in resource or resource["name"].endswith("-json"):
            continue
        table = page.find(id=resource["name"]).find_next("table")
        rows = {row.th.get_text(): row.select("td")[1].get_text() for row in table.select("tbody tr")}
        assert list(rows) == [field["name"] for field in resource["schema"]["fields"]]
        assert all(rows.values())
        assert [link for link in page.select("a[download]") if link["href"] == f"{resource['name']}.csv"]
    english = parsed(site / "data/index.html").find(id="cases").find_next("table").get_text()
    if language != "en":
        assert page.find(id="cases").find_next("table").get_text() != english


def test_case_and_indicator_pages_cite_themselves(site, kb):
    for edition, slug, folder in [("", "decidim-barcelona", "cases"), ("es/", "decidim-barcelona", "cases"),
                                  ("fr/", "assessment-barriers", "indicators")]:
        page = parsed(site / edition / folder / slug / "index.html")
        block = page.select_one(".kb-cite")
        title = page.select_one("article h1").get_text().removesuffix("¶").strip()
        entries = block.select(".kb-cite__text")
        # Chicago writes an English title in title case.
        assert len(entries) == 2 and all(title.casefold() in e.get_text().casefold() for e in entries), title
        assert all(f"{edition}{folder}/{slug}/" in e.get_text() for e in entries)
        assert [a.get_text() for a in block.select("a[download]")] == ["BibTeX", "RIS", "CSL-JSON"]
        downloads = {a.get_text(): (site / edition / folder / slug / a["href"]).resolve() for a in
                     block.select("a[download]")}
        assert downloads["BibTeX"].read_text(encoding="utf-8").startswith(f"@misc{{{slug},")
        assert downloads["RIS"].read_bytes().startswith(b"TY  - ELEC\r\n")
        [item] = json.loads(downloads["CSL-JSON"].read_text(encoding="utf-8"))
        assert item["title"] == title and item["version"] == "1.0.0"
    spanish = parsed(site / "es/cases/decidim-barcelona/index.html").select_one("#cite-chicago-author-date")
    assert "Versión 1.0.0" in spanish.get_text()
    # The dataset says what it is in the edition's language (citeproc-py's Spanish locale would say "Dataset").
    for edition, kind in (("", "[Dataset]"), ("es/", "[Conjunto de datos]"), ("fr/", "[Jeu de données]")):
        assert kind in parsed(site / edition / "data/index.html").select_one("#cite-apa").get_text(), edition


def test_a_formatted_citation_keeps_markup_in_a_title_as_text():
    work = Work("x", "webpage", "<script>alert(1)</script> & <b>", "A & B", "Site", 2026, "1.0.0",
                "https://example.org/x/", "en")
    for style, text in CitationFormatter(TextCache(None)).html(work).items():
        element = BeautifulSoup(text, "html.parser")
        assert not element.find(["script", "b"]), style
        assert "<script>alert(1)</script> & <b>".casefold() in element.get_text().casefold(), style


# Works whose citations tell the styles' branches apart: each kind, with and without a site, titles that title
# case changes or not, end in punctuation, or carry markup and accents.
CITED = [Work(slug, kind, title, "UCLG Community of Practice on Digital Cities", container, 2026, "1.0.0",
              f"https://example.org/{language}/{slug}/", language, genre)
         for language in LANGUAGES
         for slug, title in (("plain", "open data portal of bilbao"), ("asks", "Is it open?"),
                             ("marked", "Título: «x» & <y>."))
         for kind, container, genre in (("webpage", "Smart Governance knowledge base", None),
                                        ("dataset", None, "Dataset"))]


def test_citeproc_with_its_lookups_kept_formats_what_citeproc_formats(tmp_path):
    """The speed-up keeps citeproc-py's answers about the style: the same citations, byte for byte, as an
    interpreter running citeproc-py unchanged."""
    from govkb.opendata import citations

    unchanged = tmp_path / "unchanged.py"
    unchanged.write_text("""
import json, sys
from citeproc import CitationStylesStyle
from govkb.opendata import citations
# _format as it is, on styles loaded without the speed-up.
citations._style = lambda name, locale: CitationStylesStyle(str(citations.STYLES_DIR / f"{name}.csl"),
                                                            locale=locale, validate=False)
from tests.test_opendata import CITED
json.dump([citations._format(work, style) for work in CITED for style in citations.STYLES], sys.stdout)
""", encoding="utf-8")
    result = subprocess.run([sys.executable, str(unchanged)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    assert result.returncode == 0, result.stderr
    expected = json.loads(result.stdout)
    assert [citations._format(work, style) for work in CITED for style in citations.STYLES] == expected
    assert len(set(expected)) == len(expected)  # every work and style formats differently


# Titles of every kind a pattern must treat as citeproc-py does: title case changing them or not, space and
# punctuation at either end or doubled inside, quotes, markup, accents; and addresses ending in punctuation.
TITLES = ["participatory budgeting in bilbao", "Amman's Open Data Portal (2)", "Is it open?", "Open data.",
          "  spaced  title ", "ends with colon:", "(paren)", "x < y & z", "x &", "Say \"hi\" to 'me'", "«Bilbao»",
          "i.e. open", "ÉCOLE of the CITY", "O'Neil's plan!", "the city of a thousand and one nights", "Q&A"]
ADDRESSES = ["https://example.org/cases/x/", "https://example.org/a?b=1&c=2."]


def test_citations_filled_in_from_a_pattern_are_those_citeproc_formats(monkeypatch):
    """Every work's citation, in each style and language, is byte for byte citeproc-py's own; citeproc-py runs once
    per style and kind of work, plus once for each work whose title or address ends in a space or punctuation."""
    from govkb.opendata import citations

    works = [Work("x", kind, title, "UCLG Community of Practice on Digital Cities", container, 2026, "1.0.0", url,
                  language, genre)
             for language in LANGUAGES for title in TITLES for url in ADDRESSES
             for kind, container, genre in (("webpage", "Smart Governance Knowledge Base", None),
                                            ("dataset", None, "Dataset"))]
    expected = [nh3.clean(citations._format(work, style), tags={"i", "b", "sup", "sub"}, attributes={})
                for work in works for style in citations.STYLES]
    formatted = []
    real_format = citations._format
    monkeypatch.setattr(citations, "_format", lambda work, style: formatted.append(work) or real_format(work, style))
    formatter = CitationFormatter(TextCache(None))
    assert [text for work in works for text in formatter.html(work).values()] == expected
    alone = [work for work in formatted if work.title != citations._TITLE_STANDIN]
    assert len(formatted) - len(alone) == len(LANGUAGES) * 2 * len(citations.STYLES)  # the patterns

    def ends_specially(work: Work) -> bool:
        title = html.escape(work.title, quote=False)
        return any(text[0] in " .,;:!?" or text[-1] in " .,;:!?" for text in (title, work.url))

    assert all(ends_specially(work) for work in alone)
    assert not any(work in alone for work in works if not ends_specially(work))


def test_bibtex_and_ris_keep_any_title_to_its_field():
    work = Work("x", "webpage", "50% {of} \\cases & #1_a ~ ^\nnext", "A & B", "Site", 2026, "1.0.0",
                "https://example.org/x_y/", "en")
    entry = bibtex(work)
    assert r"title = {50\% \{of\} \textbackslash{}cases \& \#1\_a \textasciitilde{} \textasciicircum{} next}" in entry
    assert "url = {https://example.org/x_y/}" in entry and entry.count("{") == entry.count("}")
    record = ris(work)
    assert "TI  - 50% {of} \\cases & #1_a ~ ^ next\r\n" in record and record.endswith("ER  - \r\n")


REQUIRED = {
    "Article": {"headline", "description", "about", "spatialCoverage", "isBasedOn", "inLanguage", "license",
                "dateModified", "url"},
    "City": {"name", "geo", "url", "containedInPlace"},
    "Dataset": {"name", "description", "url", "inLanguage", "isBasedOn", "dateModified"},
    "WebPage": {"name", "url", "inLanguage", "isPartOf", "license", "dateModified"},
    "WebSite": {"name", "url", "inLanguage", "license"},
}


# The escaping guarantees that no "</script>" occurs inside: a pattern finds the element exactly, at a fraction of
# the cost of parsing each page.
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def test_every_page_describes_itself_in_json_ld(site, kb):
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html"]
    kinds: dict[str, int] = {}
    for path in pages:
        [element] = JSON_LD.findall(path.read_text(encoding="utf-8"))
        found = json.loads(element)
        assert found["@context"] == "https://schema.org"
        kind = found["@type"]
        kinds[kind] = kinds.get(kind, 0) + 1
        assert REQUIRED[kind] <= set(found), (path, REQUIRED[kind] - set(found))
        assert found["url"].startswith("https://uclg-digital-cities.github.io/smart-governance-kb/")
        if kind == "Article":
            terms = {term["inDefinedTermSet"]["name"] for term in found["about"]}
            assert len(terms) == 2 and all(term["@type"] == "DefinedTerm" for term in found["about"])
            assert all(place["@type"] == "City" and "latitude" in place["geo"] for place in found["spatialCoverage"])
        if found["url"].endswith("/data/"):
            assert {d["encodingFormat"] for d in found["distribution"]} >= {"application/zip", "text/csv"}
            assert all(d["contentUrl"].startswith("https://") for d in found["distribution"])
    languages = len(LANGUAGES)
    assert kinds["Article"] == languages * len(kb.cases) and kinds["City"] == languages * len(kb.cities)
    assert kinds["WebSite"] == languages


def test_json_ld_cannot_be_closed_by_any_text():
    hostile = "</script><script>alert(1)</script> <!-- & \u2028\u2029"
    element = str(script({"name": hostile}))
    assert element.count("<") == 2 and element.endswith("</script>")  # its own tags only
    assert "\u2028" not in element and "\u2029" not in element
    parsed_back = BeautifulSoup(element, "html.parser").script.string
    assert json.loads(parsed_back) == {"name": hostile}


def test_citation_cff_is_valid_and_agrees_with_the_dataset():
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data/citation-file-format-1.2.0.schema.json").read_text())
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER).validate(citation)
    publication = load_publication(Layout(ROOT))
    assert citation["version"] == publication.version
    assert citation["title"] == publication.sites["en"].name
    assert publication.licence.id in citation["license"]


def test_a_mistake_in_dataset_yaml_is_named_with_its_line(project):
    path = project / "data/dataset.yaml"
    path.write_text(re.sub(r'^version: .*$', 'version: "1.0"', path.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_publication(Layout(project))
    [problem] = raised.value.problems
    assert problem.path == "data/dataset.yaml" and problem.line and "major.minor.patch" in problem.message


def test_the_build_date_is_source_date_epoch_when_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795824000")
    assert load_publication(Layout(ROOT)).date == "2026-11-28"


def test_the_package_is_kept_until_what_it_is_made_from_changes(project, tmp_path, monkeypatch):
    """A build takes its open data from the cache while the content stays the same; an edited case title makes the
    package afresh, and the cache keeps that edition's last package only."""
    import govkb.opendata.package as package

    made, make = [], package._made

    def counted(*args):
        made.append(args)
        return make(*args)

    monkeypatch.setattr(package, "_made", counted)
    cache = TextCache(tmp_path / "cache")

    def files() -> dict[str, bytes]:
        layout = Layout(project)
        kb, publication = load(layout), load_publication(layout)
        ed = Edition(kb, "es", publication)
        found = tables(ed, publication)
        return {file.uri: file.data for file in package_files(ed, publication, found, readme(ed, publication, found),
                                                              cache)}

    first, again = files(), files()
    assert again == first and len(made) == 1
    case = project / "cases/decidim-barcelona.es.md"
    case.write_text(case.read_text(encoding="utf-8").replace('title: "', 'title: "Renombrado: ', 1), encoding="utf-8")
    edited = files()
    assert len(made) == 2
    assert "Renombrado: " in edited["data/cases.csv"].decode("utf-8")
    assert "Renombrado: " in edited["data/cases/decidim-barcelona.json"].decode("utf-8")
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1


def test_a_contributed_case_is_credited_to_its_contributor_and_sources(project, tmp_path):
    """No study case is contributed yet: a copy of the project gets one, and its package is made without a build."""
    shutil.copy(ROOT / "tests/invalid/cases/valid-contributed-control.md", project / "cases/contributed-decidim.md")
    layout = Layout(project)
    kb, publication = load(layout), load_publication(layout)
    ed = Edition(kb, "fr", publication)
    found = tables(ed, publication)
    for file in package_files(ed, publication, found, readme(ed, publication, found)):
        (tmp_path / file.uri).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file.uri).write_bytes(file.data)
    from frictionless import validate

    report = validate(tmp_path / "data/datapackage.json")
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "message"])[:10]
    cases = pd.read_csv(tmp_path / "data/cases.csv", dtype=str, keep_default_na=False).set_index("id")
    contributed, study = cases.loc["contributed-decidim"], cases.loc["decidim-barcelona"]
    assert (contributed["provenance"], contributed["edition"], contributed["source_study"]) == ("contributed", "", "")
    assert (contributed["contributed_by"], contributed["contributed_on"], contributed["last_reviewed"]) == (
        "Barcelona City Council (test copy)", "2025-06", "2025-06")
    assert (study["provenance"], study["edition"], study["contributed_by"], study["last_reviewed"]) == (
        "study", "2019", "", "2019")
    own = json.loads((tmp_path / "data/cases/contributed-decidim.json").read_text(encoding="utf-8"))
    assert own["sources"] == [{"position": 1, "title": "Decidim annual report (test copy)",
                               "url": "https://example.org/decidim-report-test-copy"}]
    editions = pd.read_csv(tmp_path / "data/study_editions.csv")
    assert list(editions["year"]) == [2019] and editions["participants"][0] == 24

    described = StructuredData(ed, publication, found)
    article = described.case(kb.cases["contributed-decidim"])
    assert article["isBasedOn"] == [{"@type": "CreativeWork", "name": "Decidim annual report (test copy)",
                                     "url": "https://example.org/decidim-report-test-copy"}]
    assert article["contributor"]["name"] == "Barcelona City Council (test copy)"
    assert article["dateCreated"] == "2025-06"
    based_on = described.case(kb.cases["decidim-barcelona"])["isBasedOn"]
    assert based_on["@type"] == "Report" and based_on["name"].startswith("Smart Cities Study 2019")
    assert "contributor" not in described.case(kb.cases["decidim-barcelona"])
