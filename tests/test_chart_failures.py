"""A chart that cannot be drawn stops the build with the indicator's file named, never with a traceback or
a dead process, and before site/ is touched.

The model refuses what breaks the renderer (see test_models.py); these tests get past it, as the second line
of defence: vl-convert aborts the whole process on a character XML does not allow, beyond any handler.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
import vl_convert

from govkb.cache import TextCache
from govkb.charts.files import chart_files
from govkb.charts.render import ChartRenderer
from govkb.content.knowledge import Entry
from govkb.content.models import ChartKind, Indicator, Origin, Source, Unit, Value
from govkb.content.problems import ContentError
from govkb.pages.edition import Edition
from govkb.pages.indicators import chart_words

from .conftest import folder_files, mkdocs_build


def _requests(kb, label: str) -> list:
    """One charted indicator with ``label``, made without the model's checks, and its English words."""
    entry = _indicator(label)
    return [(entry, chart_words(Edition(kb, "en"), entry))]


def _indicator(label: str) -> Entry[Indicator]:
    """A charted indicator with ``label``, made without the model's checks."""
    meta = Indicator.model_construct(
        title="Barriers", title_translation=None, finding="Most cities lack a method.", area="policy-assessment",
        unit=Unit.percent, base="Participating cities", chart=ChartKind.ranked_bars, table=None, notes=None,
        values=[Value.model_construct(label=label, value=Decimal(75)),
                Value.model_construct(label="b", value=Decimal(5))],
        source=Source.model_construct(study="Smart Cities Study 2019", section="Assessment"), origin=Origin.survey,
        language="en")
    return Entry("barriers", "indicators/barriers.md", meta, "Body.")


@pytest.mark.parametrize("label", ["Budget\x1b\x07ary", "Budget\x0bary", "Budget\ufffeary"])
def test_a_label_the_renderer_would_abort_on_is_a_problem_in_its_file(kb, label):
    with pytest.raises(ContentError) as caught:
        chart_files(_requests(kb, label), ChartRenderer(TextCache(None)))
    [problem] = caught.value.problems
    assert str(problem).startswith("indicators/barriers.md: (file): the chart cannot be drawn: 'Budget")
    assert "which an SVG cannot hold" in problem.message


class PanicException(BaseException):
    """Stands for pyo3's PanicException, which a Rust panic in vl-convert raises when it unwinds."""


@pytest.mark.parametrize("failure", [PanicException("called `Option::unwrap()` on a `None` value"),
                                     ValueError("Vega-Lite spec error")], ids=["panic", "error"])
def test_a_renderer_failure_is_a_problem_in_its_file(kb, monkeypatch, failure):
    def fail(spec, **options):
        raise failure

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", fail)
    with pytest.raises(ContentError) as caught:
        chart_files(_requests(kb, "Budget"), ChartRenderer(TextCache(None)))
    assert [str(p) for p in caught.value.problems] == [
        f"indicators/barriers.md: (file): the chart cannot be drawn: the chart renderer failed: {failure}"]


def test_an_interrupted_render_is_not_taken_for_a_bad_chart(kb, monkeypatch):
    def interrupted(spec, **options):
        raise KeyboardInterrupt

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", interrupted)
    with pytest.raises(KeyboardInterrupt):
        chart_files(_requests(kb, "Budget"), ChartRenderer(TextCache(None)))


def test_a_chart_that_cannot_be_drawn_keeps_the_last_good_site(project, tmp_path):
    """The charts are drawn before MkDocs cleans site/: a failing one leaves the site as it was."""
    site = tmp_path / "site"
    assert mkdocs_build(project, site, languages="en").returncode == 0
    assert (site / "index.html").is_file() and not (site / "es").exists(), "KB_LANGUAGES=en built other editions"
    before = folder_files(site)
    # `mkdocs build --strict`, in a process where every chart fails as a panicking renderer does.
    failing_build = ("import sys, vl_convert\n"
                     "class PanicException(BaseException): pass\n"
                     "def fail(spec, **options): raise PanicException('called `Option::unwrap()` on a `None` value')\n"
                     "vl_convert.vegalite_to_svg = fail\n"
                     "from mkdocs.__main__ import cli\n"
                     f"sys.argv = ['mkdocs', 'build', '--strict', '-d', {str(site)!r}]\n"
                     "cli()\n")
    result = subprocess.run([sys.executable, "-c", failing_build], cwd=project, capture_output=True, text=True,
                            # An empty cache of its own, so that the charts are drawn again.
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_CACHE_DIR": str(tmp_path / "cache")},
                            timeout=600)
    assert result.returncode != 0
    assert "indicators/" in result.stderr and "the chart cannot be drawn" in result.stderr
    assert "Traceback" not in result.stderr
    assert folder_files(site) == before


def test_a_renderer_that_ends_its_process_is_a_problem_in_its_file(kb, monkeypatch):
    """vl-convert can abort its process beyond any exception handler: the drawing process ends, not the build."""
    from govkb.charts import render

    monkeypatch.setattr(render, "_forks", lambda: True)  # this test process has loaded vl-convert
    monkeypatch.setattr(vl_convert, "vegalite_to_svg", lambda spec, **options: os._exit(134))
    with pytest.raises(ContentError) as caught:
        chart_files(_requests(kb, "Budget"), ChartRenderer(TextCache(None)))
    [problem] = caught.value.problems
    assert str(problem).startswith("indicators/barriers.md: (file): the chart cannot be drawn: the chart renderer "
                                   "stopped")
