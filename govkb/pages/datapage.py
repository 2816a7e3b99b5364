"""The open data page: the downloads, the licence and sources, how to cite the data, and the data dictionary
generated from the tables' schemas; and the same dictionary as the README inside the zip."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .. import urls
from ..opendata.citations import STYLES
from ..opendata.dataset import Publication, credit
from ..opendata.package import PackageFile, dataset_title
from ..opendata.tables import Column, Table
from .citation import citation_text, cite_dataset, dataset_work
from .edition import Edition
from .html import Linker, Markdown, external, facts, markdown_text, paragraph, scrolling_table, ul
from .page import Page, make_page, section

# The CSL project asks every user of its styles for a clear mention and a link.
CSL_PROJECT = "https://citationstyles.org/"
NATURAL_EARTH = "https://www.naturalearthdata.com/"


def column_meaning(ed: Edition, column: Column) -> str:
    """A column's meaning, with the values it may take when they are a short list."""
    enum = column.descriptor().get("constraints", {}).get("enum")
    return ed.t("{meaning} One of: {values}.", meaning=column.description, values=", ".join(map(str, enum))) \
        if enum else column.description


def _sources(ed: Edition, publication: Publication, link: Callable[[str, str], str]) -> list[str]:
    """The licence and sources, as sentences; ``link(label, url)`` writes a link in the page's markup."""
    t = ed.t
    credited = "; ".join(credit(edition) for _, edition in sorted(ed.kb.study_editions.items()))
    csl_project = t("Citation Style Language project")
    sdg = ed.kb.sdg_catalogue.source
    return [
        t("Our summaries, translations and the data we compiled are published under the {licence}: you may share "
          "and adapt them for any purpose, crediting “{site}”.", licence=link(
              f"{publication.licence.title} ({publication.licence.id})", publication.licence.url),
          site=publication.sites[ed.language].name),
        t("The study's own text and figures belong to UCLG: its figures and printed titles are reproduced exactly, "
          "credited to {credit}.", credit=credited),
        t("A contributed case names the city or organisation that contributed it and the public sources it rests "
          "on (contributed_by in the cases table, and case_sources); those sources belong to their authors."),
        t("The official titles of the SDG targets come from {source}, under the {licence} licence.",
          source=link(sdg.title, sdg.url), licence=sdg.licence),
        t("The cities' coordinates and populations name their sources in the cities table. The maps' country "
          "boundaries are {natural_earth}'s (public domain), through the world-atlas package (ISC licence).",
          natural_earth=link("Natural Earth", NATURAL_EARTH)),
        t("The citations are formatted with the styles of the {csl} (CC BY-SA 3.0 licence).",
          csl=link(csl_project, CSL_PROJECT)),
    ]


def data_page(ed: Edition, publication: Publication, tables: list[Table], files: list[PackageFile]) -> Page:
    uri = urls.DATA
    links = Linker(uri)
    t = ed.t
    sizes = {file.uri: len(file.data) for file in files}
    zip_uri = urls.data_zip(publication.name)
    intro = paragraph(t("Everything in this knowledge base is also a dataset to download, reuse and cite: its cases, "
                        "cities, governance areas, SDG targets and figures, as tables in CSV and JSON with their "
                        "documentation. Ids and values are the same in every language; names and texts are in "
                        "this edition's language. The CSV files are UTF-8 (with a byte-order mark, so that "
                        "spreadsheets keep the accents), with commas between columns: if a spreadsheet asks, choose "
                        "those."))
    about = facts([
        (t("Version:"), publication.version),
        (t("Built on:"), ed.messages.date(publication.built)),
        (t("Licence:"), external(f"{publication.licence.title} ({publication.licence.id})", publication.licence.url)),
    ])

    def download(label: str, file_uri: str) -> Markup:
        size = ed.t("{size} KB", size=ed.messages.number(max(1, round(sizes[file_uri] / 1024))))
        return Markup('<a href="{}" download>{}</a> ({})').format(links.href(file_uri), label, size)

    rows = Markup("").join(
        Markup('<tr><th scope="row"><a href="#{anchor}">{title}</a></th><td class="kb-number">{count}</td>'
               "<td>{csv} · {json}</td></tr>").format(
            anchor=table.name, title=table.title, count=ed.messages.number(len(table.rows)),
            csv=download("CSV", urls.data_table(table.name, "csv")),
            json=download("JSON", urls.data_table(table.name, "json")))
        for table in tables)
    resources = scrolling_table(t("Downloads"), Markup(
        '<tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>').format(
        t("Table"), t("Rows"), t("Files")), rows)
    downloads = section(t("Downloads"), ul([
        Markup("{} {}").format(t("Everything in one zip, with a README that documents every column:"),
                                download(zip_uri.removeprefix(urls.DATA_FOLDER), zip_uri)),
        Markup("{} {}").format(t("The package's description, with the schema of every table (Frictionless Data "
                                  "Package):"), download("datapackage.json", urls.DATA_PACKAGE)),
        Markup("{} {}").format(t("The cities on a map (GeoJSON):"), download("cities.geojson", urls.CITIES_GEOJSON)),
        Markup("{} {}").format(t("One JSON file per case, at an address that stays, listed in an index:"),
                                download("cases/index.json", urls.CASES_JSON_INDEX)),
    ]), resources, paragraph(Markup(t("To download a selection of cases, filter them in the {explorer}: its CSV and "
                                      "JSON files say which filters made them.")).format(
        explorer=links.a(t("case explorer"), urls.EXPLORER))))
    licence = section(t("Licence and sources"), *(paragraph(Markup(sentence)) for sentence in _sources(
        ed, publication, lambda label, url: str(external(label, url)))))
    heading = t("Data dictionary")
    dictionary = [Markdown(f"## {markdown_text(heading)} {{ #dictionary }}"), paragraph(t(
        "Every table, column by column: its name in the files, its type (as Table Schema names it) and its "
        "meaning. Empty cells mean there is no value."))]
    for table in tables:
        dictionary += [Markdown(f"### {markdown_text(table.title)} ({table.name}) {{ #{table.name} }}"),
                       paragraph(table.description), _dictionary_table(ed, table)]
    return make_page(uri, t("Open data"), t("The knowledge base as an open dataset: downloads, licence, how to cite "
                                            "it and the data dictionary."),
                     [intro, about, downloads, licence, cite_dataset(ed), dictionary])


def _dictionary_table(ed: Edition, table: Table) -> Markup:
    rows = Markup("").join(Markup('<tr><th scope="row"><code>{}</code></th><td><code>{}</code></td><td>{}</td></tr>')
                           .format(column.name, column.descriptor()["type"], column_meaning(ed, column))
                           for column in table.columns)
    head = Markup('<tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr>').format(
        ed.t("Column"), ed.t("Type"), ed.t("Meaning"))
    # Like the site's other tables, it scrolls on its own where it is wider than a phone, and shows that it does.
    return Markup('<div class="kb-dictionary">{}</div>').format(
        scrolling_table(f"{table.title} ({table.name})", head, rows))


def readme(ed: Edition, publication: Publication, tables: list[Table]) -> str:
    """The zip's README.md: what the package is, its licence, how to cite it, and the data dictionary."""
    t = ed.t
    work = dataset_work(ed)
    version, built, cite, dictionary = t("Version:"), t("Built on:"), t("How to cite the data"), t("Data dictionary")
    header = "| " + " | ".join([t("Column"), t("Type"), t("Meaning")]) + " |"
    lines = [f"# {dataset_title(ed, publication)}", "",
             f"{version} {publication.version} · {built} {publication.date} · "
             f"{publication.address(ed.language, urls.DATA)}", "",
             *(f"{sentence}\n" for sentence in _sources(ed, publication, lambda label, url: f"{label} (<{url}>)")),
             f"## {cite}", ""]
    if work is not None:
        lines += [f"- {label} — {citation_text(ed, work, style)}" for style, label in STYLES.items()] + [""]
    lines += [f"## {dictionary}", ""]
    for table in tables:
        lines += [f"### {table.title} ({table.name}.csv, {table.name}.json)", "", table.description, "",
                  header, "| --- | --- | --- |",
                  *(f"| `{column.name}` | `{column.descriptor()['type']}` | "
                    f"{column_meaning(ed, column).replace('|', '/')} |" for column in table.columns), ""]
    return "\n".join(lines)
