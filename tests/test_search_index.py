"""The search index is built one edition at a time (less memory) and gives the bundle one Pagefind run over the
whole site gives."""

from __future__ import annotations

import filecmp
import gzip
import json
import shutil
import subprocess
import sys

import pytest

from govkb import search
from govkb.urls import SEARCH_BUNDLE

BUNDLE = SEARCH_BUNDLE.strip("/")


def _files(folder) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_bundle_built_edition_by_edition_is_one_runs_over_the_whole_site(site, tmp_path):
    ours, whole = tmp_path / "ours", tmp_path / "whole"
    shutil.copytree(site, ours, ignore=shutil.ignore_patterns(BUNDLE))
    shutil.copytree(ours, whole)
    runs = []
    search.build_index(ours, runs.append)
    assert len(runs) == 3  # one per edition

    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(whole), "--exclude-selectors", ".headerlink",
                    "--silent"], check=True)
    bundle = whole / BUNDLE
    search._sort_languages(bundle / search.ENTRY_FILE, search._sort_filters(bundle), {})

    built, expected = _files(ours / BUNDLE), _files(bundle)
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name]] == []
    assert not filecmp.dircmp(ours, whole).left_only  # no edition's part is left beside the bundle


def test_a_site_of_one_edition_is_indexed_in_one_run(site, tmp_path):
    english = tmp_path / "site"
    shutil.copytree(site, english, ignore=shutil.ignore_patterns(BUNDLE, "es", "fr"))
    runs = []
    search.build_index(english, runs.append)
    assert len(runs) == 1
    assert list(json.loads((english / BUNDLE / search.ENTRY_FILE).read_text())["languages"]) == ["en"]


def test_an_index_built_again_keeps_nothing_of_the_previous_one(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    stale = copy / BUNDLE / "fragment" / "en_stale.pf_fragment"
    stale.write_bytes(b"from an earlier build")
    search.build_index(copy)
    assert not stale.exists()


def test_a_folder_that_is_not_there_is_named(tmp_path):
    with pytest.raises(search.SearchIndexError, match="no such folder"):
        search.build_index(tmp_path / "no-site")


def _indexed(site) -> dict[str, str]:
    """Each indexed page's text, by its address."""
    pages = {}
    for fragment in (site / BUNDLE / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[data.index(b"{"):])
        pages[page["url"]] = page["content"]
    return pages


def test_lists_of_cases_are_left_to_the_cases_they_list(site, kb):
    """A word of a case's summary finds the case, not every list the case is on; a list's own words still find it."""
    indexed = _indexed(site)
    case = kb.cases["decidim-barcelona"].meta
    assert case.title in indexed["/cases/decidim-barcelona/"]
    lists = ["/cities/barcelona/", *(f"/areas/{area}/" for area in case.areas), "/explore/", "/cases/"]
    for url in lists:
        assert url in indexed, url
        assert case.title not in indexed[url], url
    assert kb.cities["barcelona"].name in indexed["/cities/barcelona/"]
