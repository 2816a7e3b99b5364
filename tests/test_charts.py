"""Charts: every kind's spec is valid Vega-Lite, and the dark drawing made by recolouring the light one is the
drawing vl-convert makes from the dark spec."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from govkb.charts.render import svg
from govkb.charts.spec import specs
from govkb.charts.theme import FONT, LAYOUTS, THEMES, recoloured
from govkb.content.models import ChartKind
from govkb.pages.edition import Edition
from govkb.pages.indicators import chart_words


def one_of_each_kind(kb):
    found = {}
    for entry in kb.indicators.values():
        found.setdefault(entry.meta.chart, entry)
    found.pop(ChartKind.none, None)
    return sorted(found.values(), key=lambda entry: entry.meta.chart.value)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("language", ["fr"])  # French: its own number format and the longer words
def test_each_kind_of_chart_is_valid_and_recolours_like_its_dark_drawing(kb, language, layout):
    ed = Edition(kb, language)
    kinds = one_of_each_kind(kb)
    assert len(kinds) == 5
    for entry in kinds:
        words = chart_words(ed, entry)
        light, dark = (specs(entry.meta, words, THEMES[name])[layout] for name in ("light", "dark"))
        validate_jsonschema(light, load_schema())
        drawn_light, drawn_dark = (svg(spec, words.number_format_locale) for spec in (light, dark))
        assert recoloured(drawn_light, THEMES["light"], THEMES["dark"]) == drawn_dark, entry.slug


def test_specs_never_take_altairs_slow_path_from_dicts(kb, monkeypatch):
    """Encodings given as strings or dicts cost Altair a hash of its whole schema each (spec.py's docstring):
    every kind of chart, in each layout, is built from channel objects alone."""
    from altair.utils.schemapi import SchemaBase

    def refused(cls, *args, **kwargs):
        raise AssertionError(f"{cls.__name__}.from_dict: give the encoding as a channel object")

    monkeypatch.setattr(SchemaBase, "from_dict", classmethod(refused))
    ed = Edition(kb, "en")
    for entry in one_of_each_kind(kb):
        assert set(specs(entry.meta, chart_words(ed, entry), THEMES["light"])) == set(LAYOUTS), entry.slug


def test_a_chart_is_drawn_the_same_whatever_fonts_the_machine_has(tmp_path):
    """Labels are measured with vl-convert's own Liberation Sans, not the machine's: a machine without fonts draws
    the same chart. (Debian's Liberation Sans, which Chromium brings here, measures a row of ones 0.9 px wider a
    character than vl-convert's at this size.)"""
    no_fonts = tmp_path / "fonts.conf"
    (tmp_path / "empty").mkdir()
    no_fonts.write_text(f"<fontconfig><dir>{tmp_path / 'empty'}</dir></fontconfig>", encoding="utf-8")
    spec = {"data": {"values": [{}]}, "mark": {"type": "text", "text": "1" * 40, "font": FONT, "fontSize": 12}}
    draw = "import json, sys\nfrom govkb.charts.render import svg\nprint(svg(json.loads(sys.argv[1]), 'en-US'))"

    def drawn(**environment: str) -> str:
        result = subprocess.run([sys.executable, "-c", draw, json.dumps(spec)], capture_output=True, text=True,
                                env={**os.environ, **environment}, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert drawn() == drawn(FONTCONFIG_FILE=str(no_fonts))
