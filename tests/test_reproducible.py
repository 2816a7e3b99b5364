"""Reproducible builds: the same commit and build date give the same bytes, wherever it is checked out and
whatever the cache holds.

The session's site is built cold (its cache starts empty) in the project's own folder. This builds a copy of the
project from another folder, warm (from the cache that build filled), with the same SOURCE_DATE_EPOCH, and
compares every file: pages, assets, the search index, the sitemap and the data packages.
"""

from __future__ import annotations

import re
import shutil

from .conftest import PROJECT_PARTS, ROOT, folder_files, mkdocs_build


def test_two_checkouts_one_cold_one_warm_build_the_same_bytes(site, tmp_path):
    copy = tmp_path / "elsewhere" / "checkout"
    copy.mkdir(parents=True)
    for part in PROJECT_PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, copy / part)
    result = mkdocs_build(copy, tmp_path / "site")  # with the run's SOURCE_DATE_EPOCH (conftest.shared_cache)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "charts: 0 rendered" in result.stderr and not re.search(r"charts: [1-9]", result.stderr)  # warm
    cold, warm = folder_files(site), folder_files(tmp_path / "site")
    assert sorted(cold) == sorted(warm)
    assert {"sitemap.xml", "sitemap.xml.gz", "data/datapackage.json", "data/smart-governance-kb.zip",
            "es/data/datapackage.json", "pagefind/pagefind-entry.json"} <= set(cold)
    differing = [path for path in cold if cold[path] != warm[path]]
    assert differing == []
