"""Caches keyed by content and code: a warm build gives the same site as a cold one, without the heavy
libraries, and a change to the code that shapes a cached output remakes it."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from govkb.cache import TextCache
from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.problems import ContentError
from govkb.templates import compiled_templates

from .conftest import ROOT

PREPARE = """
import hashlib, json, sys
from pathlib import Path
import govkb
from govkb.build import prepare
# English alone: what is checked here does not depend on the language, and each edition costs as much.
builds = prepare(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]), languages=("en",))
generated = [(language, f) for language, build in builds.items() for f in build.generated_files()]
files = {f"{language}/{f.uri}": f.content for language, f in generated if f.uri.endswith(".csv")}
hashes = {f"{language}/{f.uri}": hashlib.sha256(f.content if isinstance(f.content, bytes) else f.content.encode())
          .hexdigest() for language, f in generated}
heavy = sorted(m for m in ("pandas", "altair", "vl_convert") if m in sys.modules)
print(json.dumps({"csv": files, "hashes": hashes, "heavy": heavy,
                  "summary": " ".join(build.summary() for build in builds.values()), "package": govkb.__file__}))
"""


def prepare_in_fresh_process(cache_dir: Path, code_dir: Path = ROOT) -> dict:
    """Load and render the real content in a new process, with the ``govkb`` package found in ``code_dir``."""
    env = {**os.environ, "PYTHONPATH": str(code_dir)}
    result = subprocess.run([sys.executable, "-c", PREPARE, str(ROOT), str(cache_dir)], capture_output=True,
                            text=True, timeout=300, env=env, cwd=code_dir.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_warm_build_matches_cold_build_and_code_changes_remake_cached_output(tmp_path):
    cache = tmp_path / "cache"
    cold = prepare_in_fresh_process(cache)
    warm = prepare_in_fresh_process(cache)
    assert cold["heavy"] == []  # Altair, pandas and vl-convert make the charts in processes of their own
    drawn = re.search(r"charts: (\d+) rendered, 0 from cache", cold["summary"])
    assert drawn and int(drawn.group(1)) > 0, cold["summary"]
    assert warm["heavy"] == []
    assert f"charts: 0 rendered, {drawn.group(1)} from cache" in warm["summary"]
    assert warm["hashes"] == cold["hashes"]
    assert list((cache / "maps").glob("*.paths"))  # the cut coastlines of the city maps are kept too

    # A copy of the code whose unit label differs: the CSVs it shapes must change on a warm build.
    code = tmp_path / "code"
    shutil.copytree(ROOT / "govkb", code / "govkb", ignore=shutil.ignore_patterns("__pycache__"))
    shaping = code / "govkb/pages/indicators.py"
    source = shaping.read_text(encoding="utf-8")
    assert 't("% of cities")' in source
    shaping.write_text(source.replace('t("% of cities")', 't("percentage of the cities")'), encoding="utf-8")
    changed = prepare_in_fresh_process(cache, code)
    assert changed["package"].startswith(str(code))
    assert "0 rendered" not in changed["summary"]
    units = {row["unit"] for row in csv.DictReader(io.StringIO(
        changed["csv"]["en/assets/data/smart-cities-study-2019-figures.csv"]))}
    assert "percentage of the cities" in units and "% of cities" not in units


def test_parse_cache_gives_the_same_knowledge_base_and_never_hides_a_new_problem(project, tmp_path):
    cache = TextCache(tmp_path / "content")
    cold = load(Layout(project), cache)
    warm = load(Layout(project), cache)
    assert warm == cold
    files = [*cold.cases.values(), *cold.indicators.values()]
    assert len(list(cache.directory.glob("*.json"))) == len(files) + sum(len(f.translations) for f in files)

    case = project / "cases" / "decidim-barcelona.md"
    case.write_text(case.read_text(encoding="utf-8") + "\nSee <script>alert(1)</script>.\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(Layout(project), cache)
    assert "cases/decidim-barcelona.md:" in str(error.value) and "<script>" in str(error.value)


def test_an_interrupted_write_leaves_no_entry_and_no_stray_file(tmp_path, monkeypatch):
    cache = TextCache(tmp_path / "cache", version="test")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put("key", "a long text " * 1000)
    monkeypatch.undo()
    assert cache.get("key") is None
    assert list((tmp_path / "cache").iterdir()) == []
    assert cache.put("key", "text") == "text" and cache.get("key") == "text"


def test_keys_cover_the_code_version(tmp_path):
    one, other = TextCache(tmp_path, version="a"), TextCache(tmp_path, version="b")
    one.put("same key", "made by code a")
    assert other.get("same key") is None


def test_an_entry_comes_back_with_its_line_ends(tmp_path):
    cache = TextCache(tmp_path / "cache", version="test")
    cache.put("key", "a,b\r\nc\rd\n")
    assert cache.get("key") == "a,b\r\nc\rd\n"


def test_kept_templates_are_compiled_afresh_when_their_source_changes(tmp_path):
    templates = tmp_path / "overrides"
    templates.mkdir()
    page = templates / "main.html"

    def rendered() -> str:
        # A new environment each time, as each edition and each build gets from MkDocs.
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates),
                                         bytecode_cache=compiled_templates(tmp_path / "cache"))
        return environment.get_template("main.html").render(name="Bilbao")

    page.write_text("Before {{ name }}", encoding="utf-8")
    assert rendered() == "Before Bilbao"
    assert any((tmp_path / "cache").rglob("*.cache")), "the compiled template was not kept"
    assert rendered() == "Before Bilbao"
    page.write_text("After {{ name }}", encoding="utf-8")
    assert rendered() == "After Bilbao"
