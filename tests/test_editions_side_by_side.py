"""The other editions render in their own processes while the English one renders its own, and write into the
site folder only once every edition has rendered: a problem in any of them stops the build with the last good
site untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from govkb.sidebyside import Job, SideBySide, can_fork

# Builds the project in this process with the French edition's rendering made to fail.
FAILING_FRENCH = r"""
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
import govkb.build

rendered = govkb.build.CheckedContent.edition
def edition(self, language, *args, **kwargs):
    if language == "fr":
        raise RuntimeError("kbtest: the French edition does not render")
    return rendered(self, language, *args, **kwargs)
govkb.build.CheckedContent.edition = edition
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
config = load_config(config_file="mkdocs.yml", site_dir=sys.argv[1], strict=True)
config.plugins.on_startup(command=sys.argv[2], dirty=False)
build(config)
"""


def build_with_failing_french(project: Path, site: Path, command: str, one_process: str) -> str:
    """The log of a failed build (``command``: 'build', or 'serve' for a preview's)."""
    result = subprocess.run([sys.executable, "-c", FAILING_FRENCH, str(site), command], cwd=project,
                            capture_output=True, text=True, timeout=600,
                            env={**os.environ, "KB_ONE_PROCESS": one_process, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    return result.stderr


@pytest.mark.parametrize("one_process", ["0", "1"], ids=["forked", "one process"])
def test_an_edition_that_fails_to_render_stops_the_build_before_the_site_is_touched(project, tmp_path, one_process):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    log = build_with_failing_french(project, site, "build", one_process)
    assert "the fr edition: kbtest: the French edition does not render" in log, log[-3000:]
    assert [path.name for path in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"


@pytest.mark.parametrize("one_process", ["0", "1"], ids=["forked", "one process"])
def test_a_preview_whose_edition_fails_to_render_fails_naming_it(project, tmp_path, one_process):
    """A preview does not wait for the other editions before its own build, but fails all the same."""
    log = build_with_failing_french(project, tmp_path / "site", "serve", one_process)
    assert "the fr edition: kbtest: the French edition does not render" in log, log[-3000:]


def _fail() -> None:
    raise ValueError("no such page")


def _end() -> None:
    os._exit(3)  # a process that dies without a word


def test_the_caller_learns_each_first_part_that_failed_or_never_reported_and_only_then_lets_them_on(tmp_path,
                                                                                                 monkeypatch):
    monkeypatch.delenv("KB_ONE_PROCESS", raising=False)  # each job in a process of its own, which may die
    if not can_fork():
        pytest.skip("forked processes need Linux and two cores")
    done = tmp_path / "second part ran"
    jobs = SideBySide({"good": Job(lambda: None, done.touch), "bad": Job(_fail, done.touch),
                       "dead": Job(_end, done.touch)})
    problems = jobs.first_parts()
    assert problems["bad"] == "no such page"
    assert "ended with code 3" in problems["dead"]
    assert sorted(problems) == ["bad", "dead"]
    assert not done.exists(), "a second part ran before go"
    jobs.go()
    assert jobs.wait() == ["bad", "dead"]
    assert done.exists()


def test_in_one_process_the_first_parts_run_when_asked_and_the_rest_at_wait(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_ONE_PROCESS", "1")
    ran: list[str] = []
    jobs = SideBySide({"good": Job(lambda: ran.append("good first"), lambda: ran.append("good then")),
                       "bad": Job(_fail, lambda: ran.append("bad then"))})
    assert ran == []
    assert jobs.first_parts() == {"bad": "no such page"}
    assert ran == ["good first"]
    jobs.go()
    assert ran == ["good first"]
    assert jobs.wait() == ["bad"]
    assert ran == ["good first", "good then"]  # as a forked job, one whose first part failed goes no further


def test_pages_made_side_by_side_are_those_made_in_one_process(kb, monkeypatch, forked_pools):
    """An edition built alone makes its pages in forked processes from a few hundred cases on: the real content's
    pages, made that way, are the same pages, in the same order, as made in the build's process."""
    from govkb import build
    from govkb.cache import TextCache
    from govkb.content.layout import Layout
    from govkb.opendata.citations import CitationFormatter
    from govkb.opendata.dataset import load_publication
    from govkb.pages.edition import Edition

    from .conftest import ROOT

    ed = Edition(kb, "es", load_publication(Layout(ROOT)), CitationFormatter(TextCache(None)))
    chart_sizes = {slug: defaultdict(lambda: (640, 400)) for slug in kb.indicators}  # no chart drawn: any size
    in_one_process = build.generated_pages(ed, TextCache(None), chart_sizes)
    monkeypatch.setattr(build, "_SIDE_BY_SIDE_FROM_CASES", 1)
    side_by_side = build.generated_pages(ed, TextCache(None), chart_sizes, side_by_side=True)
    assert forked_pools or not can_fork()
    assert list(side_by_side) == list(in_one_process) and side_by_side == in_one_process
    assert all(type(page.markdown) is type(in_one_process[uri].markdown) for uri, page in side_by_side.items())
