""""Cite this": a case's, an indicator's or the dataset's citation in APA and Chicago styles, with a copy button
and the BibTeX, RIS and CSL-JSON files to download. Pages call ``cite_case``, ``cite_indicator`` and
``cite_dataset``; the build writes the files ``citation_files`` names.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import urls
from ..content.knowledge import Entry
from ..content.models import Case, Indicator
from ..opendata.citations import FILES, STYLES, Work
from ..opendata.package import dataset_title
from .edition import Edition
from .html import Linker
from .page import section


def case_work(ed: Edition, case: Entry[Case]) -> Work | None:
    words = ed.case(case)
    return _page_work(ed, case.slug, words.title, urls.case(case.slug), words.written_in)


def indicator_work(ed: Edition, entry: Entry[Indicator]) -> Work | None:
    words = ed.indicator(entry)
    return _page_work(ed, entry.slug, words.title, urls.indicator(entry.slug), words.written_in)


def _page_work(ed: Edition, slug: str, title: str, uri: str, written_in) -> Work | None:
    publication = ed.publication
    if publication is None:
        return None
    site = publication.sites[ed.language]
    return Work(slug, "webpage", title, site.author, site.name, publication.built.year, publication.version,
                publication.address(ed.language, uri), written_in)


def dataset_work(ed: Edition) -> Work | None:
    publication = ed.publication
    if publication is None:
        return None
    return Work(publication.name, "dataset", dataset_title(ed, publication), publication.sites[ed.language].author,
                None, publication.built.year, publication.version, publication.address(ed.language, urls.DATA),
                ed.language, genre=ed.t("Dataset"))


def citation_text(ed: Edition, work: Work, style: str = "apa") -> str:
    """A formatted citation as plain text (for files, where there are no italics)."""
    return Markup(ed.citations.html(work)[style]).striptags() if ed.citations else ""


def cite_case(ed: Edition, case: Entry[Case]) -> list | None:
    return _block(ed, ed.t("Cite this case"), case_work(ed, case), urls.case(case.slug), "cases")


def cite_indicator(ed: Edition, entry: Entry[Indicator]) -> list | None:
    return _block(ed, ed.t("Cite this figure"), indicator_work(ed, entry), urls.indicator(entry.slug), "indicators")


def cite_dataset(ed: Edition) -> list | None:
    return _block(ed, ed.t("How to cite the data"), dataset_work(ed), urls.DATA, "")


def _block(ed: Edition, heading: str, work: Work | None, page_uri: str, folder: str) -> list | None:
    if work is None or ed.citations is None:
        return None
    links = Linker(page_uri)
    t = ed.t
    formatted = ed.citations.html(work)
    entries = Markup("").join(
        Markup('<div class="kb-cite__entry"><p class="kb-cite__style">{label}</p>'
               '<p class="kb-cite__text" id="cite-{style}">{text}</p>'
               '<button type="button" class="md-button kb-cite__copy" data-copy="cite-{style}" hidden>{copy}</button>'
               "</div>").format(label=label, style=style, text=Markup(formatted[style]),
                                copy=t("Copy {style}", style=label))
        for style, label in STYLES.items())
    downloads = Markup(" · ").join(
        Markup('<a href="{}" download>{}</a>').format(links.href(urls.citation(folder, work.id, suffix)), name)
        for suffix, (name, _) in FILES.items())
    block = Markup('<div class="kb-cite" data-pagefind-ignore data-copied="{copied}">{entries}'
                   '<p class="kb-downloads">{download} {downloads}</p>'
                   '<p class="kb-cite__status" role="status" aria-live="polite"></p></div>').format(
        copied=t("Copied to the clipboard."), entries=entries, download=t("Download:"), downloads=downloads)
    return section(heading, block, anchor="cite")


def citation_files(ed: Edition) -> list[tuple[str, str]]:
    """Every citation to download in this edition: (uri, text) for each case, indicator and the dataset."""
    works = [(folder, work) for folder, work in
             [*(("cases", case_work(ed, case)) for case in ed.kb.cases.values()),
              *(("indicators", indicator_work(ed, entry)) for entry in ed.kb.indicators.values()),
              ("", dataset_work(ed))] if work is not None]
    return [(urls.citation(folder, work.id, suffix), write(work)) for folder, work in works
            for suffix, (_, write) in FILES.items()]
