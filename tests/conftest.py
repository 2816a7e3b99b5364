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


# The build date of the session's site, as a reproducible build sets it (2026-11-28 00:00 UTC).
SOURCE_DATE_EPOCH = "1795824000"


def mkdocs_build(project: Path, site_dir: Path, languages: str = "", **env_vars: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of a project into ``site_dir``, as a maintainer runs it; ``languages`` as
    KB_LANGUAGES takes it ("en": the English edition alone, for what does not depend on the language)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_LANGUAGES": languages, **env_vars}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, capture_output=True, text=True, env=env, timeout=600)


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (a site, a search bundle), by its path in it, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def run_folder(tmp_path_factory) -> Path:
    """A folder all of this run's test processes share (pytest-xdist gives each worker a folder below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory):
    """One disk cache (and one build date) for every build of the run, in every test process and the ones they
    start: the project's copies render the same charts and maps, and cache entries are named by what made them
    (and written atomically), so sharing is safe."""
    cache = run_folder(tmp_path_factory) / "kb-cache"
    cache.mkdir(exist_ok=True)
    # One build date for every build of the run too, so that builds made at different moments compare equal.
    settings = {"KB_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="session")
def kb():
    return load(Layout(ROOT))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real content, built once per run with --strict (the first test process builds it, the others wait).

    It is built cold, with a cache of its own that starts empty (and the run's build date); its cache entries
    then join the run's shared cache. So a later build of the same content is warm, and test_reproducible.py can
    compare the two."""
    folder = run_folder(tmp_path_factory)
    site_dir = folder / "site"
    with FileLock(folder / "site.lock"):
        if not (site_dir / "index.html").is_file():
            cold_cache = folder / "site-cache"
            result = mkdocs_build(ROOT, site_dir, KB_CACHE_DIR=str(cold_cache))
            assert result.returncode == 0, result.stderr
            assert "WARNING" not in result.stderr, result.stderr
            shutil.copytree(cold_cache, os.environ["KB_CACHE_DIR"], dirs_exist_ok=True)
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


@pytest.fixture
def forked_pools(monkeypatch) -> list:
    """The process pools ``sidebyside.forked_map`` starts during the test, to show that work was forked."""
    from govkb import sidebyside

    pools = []

    class CountedPool(sidebyside.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            pools.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(sidebyside, "ProcessPoolExecutor", CountedPool)
    return pools
