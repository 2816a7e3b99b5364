"""The search index is built one edition at a time (less memory) and gives the bundle one Pagefind run over the
whole site gives."""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import shutil
import subprocess
import sys

import pytest

from govkb import search
from govkb.urls import SEARCH_BUNDLE
from tests.conftest import folder_files

BUNDLE = SEARCH_BUNDLE.strip("/")


def _with_text(html: str, text: str) -> str:
    """A page with ``text`` first in its indexed part."""
    return re.sub(r"(<[^>]* data-pagefind-body[^>]*>)", rf"\1<p>{text}</p>", html, count=1)


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

    built, expected = folder_files(ours / BUNDLE), folder_files(bundle)
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


def test_an_edition_whose_pages_did_not_change_gets_its_bundle_from_the_cache(site, tmp_path):
    from govkb.cache import TextCache

    copy, cache = tmp_path / "site", TextCache(tmp_path / "cache")
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(BUNDLE))
    runs = []
    search.build_index(copy, runs.append, cache=cache)
    first = folder_files(copy / BUNDLE)
    assert len(runs) == 3

    search.build_index(copy, runs.append, cache=cache)  # the same pages: no run
    assert len(runs) == 3
    assert folder_files(copy / BUNDLE) == first

    spanish = copy / "es" / "index.html"
    original = spanish.read_text(encoding="utf-8")
    spanish.write_text(_with_text(original, "zanahoria"),
                       encoding="utf-8")
    search.build_index(copy, runs.append, cache=cache)  # one Spanish page changed: the Spanish edition runs
    assert len(runs) == 4
    assert "zanahoria" in _indexed(copy)["/es/"]
    changed = folder_files(copy / BUNDLE)
    assert {name.split("/")[-1].split("_")[0] for name in changed.keys() ^ first.keys()} <= {"pagefind.es", "es"}

    spanish.write_text(original, encoding="utf-8")
    search.build_index(copy, runs.append, cache=cache)  # as at first: every edition from the cache
    assert len(runs) == 4
    assert folder_files(copy / BUNDLE) == first


def test_a_bundle_set_aside_comes_back_whole_only_if_every_editions_pages_are_the_same(site, tmp_path):
    from govkb.cache import TextCache

    copy, cache = tmp_path / "site", TextCache(tmp_path / "cache")
    previous = search.PreviousBundle(tmp_path / "kept/search", tmp_path / "kept/search.json")
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(BUNDLE))

    def build_setting_aside() -> bool:
        """Set the site's bundle aside, as a build does, marked; build the index; whether the mark came back."""
        (copy / BUNDLE / "kb-mark").write_text("set aside", encoding="utf-8")
        previous.folder.parent.mkdir(exist_ok=True)
        (copy / BUNDLE).rename(previous.folder)
        search.build_index(copy, cache=cache, previous=previous)
        assert not previous.folder.exists()
        return (copy / BUNDLE / "kb-mark").is_file()

    search.build_index(copy, cache=cache, previous=previous)
    first = folder_files(copy / BUNDLE)
    assert build_setting_aside()  # the same pages: the same folder
    assert folder_files(copy / BUNDLE).keys() - {"kb-mark"} == first.keys()

    french = copy / "fr" / "index.html"
    french.write_text(_with_text(french.read_text(encoding="utf-8"), "poireau"), encoding="utf-8")
    assert not build_setting_aside()  # one edition changed: made again
    assert "poireau" in _indexed(copy)["/fr/"]
    assert build_setting_aside()

    search.build_index(copy, cache=TextCache(tmp_path / "cache", version="other code"), previous=previous)
    assert not build_setting_aside()  # recorded by other code: not trusted
    previous.record.unlink(missing_ok=True)
    assert not build_setting_aside()  # no record (a build stopped half-way): not trusted


def test_the_cache_keeps_a_few_bundles_per_edition(site, tmp_path):
    from govkb.cache import TextCache

    copy, cache = tmp_path / "site", TextCache(tmp_path / "cache")
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(BUNDLE, "es", "fr"))
    page = copy / "index.html"
    original = page.read_text(encoding="utf-8")
    for word in ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]:
        page.write_text(_with_text(original, word), encoding="utf-8")
        search.build_index(copy, cache=cache)
    kept = [entry for entry in (tmp_path / "cache" / "search").iterdir() if entry.is_dir()]
    assert len(kept) == 2 * 3
    assert all(not entry.name.startswith(".") for entry in kept)  # no temporary or dropped folder is left
