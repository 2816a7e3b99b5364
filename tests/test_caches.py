"""Caches keyed by content: a warm build gives the same site as a cold one, without the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from govkb.diskcache import TextCache
from govkb.load import Layout, load
from govkb.problems import ContentError

from .conftest import ROOT

PREPARE = """
import hashlib, json, sys
from pathlib import Path
from govkb.build import prepare
build = prepare(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]))
files = {f.uri: hashlib.sha256(f.content.encode()).hexdigest() for f in build.generated_files()}
heavy = sorted(m for m in ("pandas", "altair", "vl_convert") if m in sys.modules)
print(json.dumps({"files": files, "heavy": heavy, "summary": build.summary()}))
"""


def prepare_in_fresh_process(cache_dir) -> dict:
    result = subprocess.run([sys.executable, "-c", PREPARE, str(ROOT), str(cache_dir)], capture_output=True,
                            text=True, timeout=300, check=True)
    return json.loads(result.stdout)


def test_warm_build_matches_cold_build_without_importing_chart_libraries(tmp_path):
    cold = prepare_in_fresh_process(tmp_path / "cache")
    warm = prepare_in_fresh_process(tmp_path / "cache")
    assert cold["heavy"] == ["altair", "pandas", "vl_convert"]
    assert warm["heavy"] == []
    assert "0 rendered" in warm["summary"]
    assert warm["files"] == cold["files"]
    # The cut coastlines of the city maps are kept too.
    assert list((tmp_path / "cache" / "maps").glob("*.paths"))


def test_parse_cache_gives_the_same_knowledge_base_and_never_hides_a_new_problem(project, tmp_path):
    cache = TextCache(tmp_path / "content")
    cold = load(Layout(project), cache)
    warm = load(Layout(project), cache)
    assert warm == cold
    assert len(list(cache.directory.glob("*.json"))) == len(cold.cases) + len(cold.indicators)

    case = project / "cases" / "decidim-barcelona.md"
    case.write_text(case.read_text(encoding="utf-8") + "\nSee <script>alert(1)</script>.\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(Layout(project), cache)
    assert "cases/decidim-barcelona.md:" in str(error.value) and "<script>" in str(error.value)
