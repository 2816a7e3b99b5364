"""Shared fixtures: the real project, a loaded knowledge base, a strict build, and disposable copies."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.languages import LANGUAGES, config_file

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = [*(config_file(language) for language in LANGUAGES), "content", "cases", "indicators", "data", "hooks",
                 "overrides"]


@functools.cache
def parsed(page: Path) -> BeautifulSoup:
    """A built page's HTML, parsed once per test process: many tests read every page of the built site.
    Callers only read it."""
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def run_kb(root: Path, *args: str) -> int:
    """The ``kb`` command, in this process, as a contributor runs it in the project folder."""
    from kbtools.cli import main

    return main(["--root", str(root), *args])


def kb_subprocess(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """The ``kb`` command in its own process, for what a terminal shows (exit code, stdout and stderr)."""
    return subprocess.run([sys.executable, "-m", "kbtools.cli", "--root", str(root), *args], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=timeout)


def mkdocs_build(project: Path, site_dir: Path, languages: str = "") -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project into ``site_dir``, as a maintainer runs it; ``languages`` as
    KB_LANGUAGES takes it ("en": the English edition alone, for what does not depend on the language)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_LANGUAGES": languages}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


def run_folder(tmp_path_factory) -> Path:
    """A folder all of this run's test processes share (pytest-xdist gives each worker a folder below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory):
    """One disk cache for every build of the run, in every test process and the ones they start: the project's
    copies render the same charts and maps, and cache entries are named by what made them (and written
    atomically), so sharing is safe."""
    previous = os.environ.get("KB_CACHE_DIR")
    cache = run_folder(tmp_path_factory) / "kb-cache"
    cache.mkdir(exist_ok=True)
    os.environ["KB_CACHE_DIR"] = str(cache)
    yield
    if previous is None:
        os.environ.pop("KB_CACHE_DIR", None)
    else:
        os.environ["KB_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def kb():
    return load(Layout(ROOT))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content, built once per run with --strict (the first test process builds it, the others wait)."""
    folder = run_folder(tmp_path_factory)
    site_dir = folder / "site"
    with FileLock(folder / "site.lock"):
        if not (site_dir / "index.html").is_file():
            result = mkdocs_build(ROOT, site_dir)
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
    return site_dir


@pytest.fixture
def project(tmp_path) -> Path:
    """A disposable copy of the project to break on purpose."""
    copy = tmp_path / "project"
    copy.mkdir()
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part)
        else:
            shutil.copy2(source, copy / part)
    return copy
