"""Every CSV the site writes, and the explorer's download made in the browser, open safely in a spreadsheet.

The model refuses formulas and control characters in text (see test_models.py); these tests feed the writers
what the model refuses, as the second line of defence.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from govkb.charts.data import all_figures_csv, tidy_csv
from govkb.content.knowledge import Entry
from govkb.content.models import ChartKind, Indicator, Origin, Source, Unit, Value
from govkb.csvtext import csv_text
from govkb.pages.edition import Edition
from govkb.pages.indicators import chart_words

EXPLORER_JS = Path(__file__).resolve().parent.parent / "overrides/assets/javascripts/explorer.js"
HOSTILE = ["=HYPERLINK(\"https://evil.example\")", "+1+1", "-1+1", "@SUM(1)", "\t=1", "Budget\r=1+1",
           "Budget\n@SUM(1)", "Budget\r\n-2+3", "quote \" and, comma", "\r\r=1", "plain"]
FORMULA_LINE_START = re.compile(r"(?:^|[\r\n])[=+\-@\t]")


def _physical_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _assert_safe(text: str, fields: list[str]) -> None:
    # A naive reader that splits at every CR or LF sees no line that starts with a formula...
    assert not [line for line in _physical_lines(text) if line[:1] in {"=", "+", "-", "@", "\t"}], text
    # ...and a real CSV reader gets the fields back, each line start neutralised, and nothing else changed.
    [row] = list(csv.reader(io.StringIO(text, newline="")))
    assert [field.replace("'", "") for field in row] == [field.replace("'", "") for field in fields]
    assert not [field for field in row if FORMULA_LINE_START.search(field)], row


def test_the_csv_writer_quotes_line_breaks_and_neutralises_every_line_start():
    _assert_safe(csv_text([HOSTILE]), HOSTILE)


def _hostile_indicator() -> Entry[Indicator]:
    """An indicator with what the model refuses, made without it, as if a check had been switched off."""
    values = [Value.model_construct(label=label, value=Decimal(i)) for i, label in enumerate(HOSTILE)]
    meta = Indicator.model_construct(
        title="T", title_translation=None, finding="F", area="open-data", unit=Unit.percent, base="Budget\r=1+1",
        chart=ChartKind.ranked_bars, values=values, table=None, origin=Origin.survey, language="en",
        source=Source.model_construct(study="S", section="@SUM(1)\n=2"), notes=None)
    return Entry("hostile", "indicators/hostile.md", meta, "")


def test_the_chart_csv_and_the_all_figures_csv_stay_safe(kb):
    entry = _hostile_indicator()
    chart_csv = tidy_csv(entry, chart_words(Edition(kb, "en"), entry))
    for text in (chart_csv, all_figures_csv([chart_csv, chart_csv])):
        assert not [line for line in _physical_lines(text) if line[:1] in {"=", "+", "-", "@", "\t"}], text
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert [row["label"].replace("'", "") for row in rows][:len(HOSTILE)] == HOSTILE
        assert not [value for row in rows for value in row.values() if FORMULA_LINE_START.search(value)]


def _browser_csv_cell(values: list[str]) -> list[str]:
    """explorer.js's csvCell, run by Node on each value."""
    script = EXPLORER_JS.read_text(encoding="utf-8")
    function = re.search(r"  function csvCell\(value\) \{.*?\n  \}\n", script, re.DOTALL)
    assert function, "csvCell not found in explorer.js"
    program = function.group(0) + "process.stdout.write(JSON.stringify(" + json.dumps(values) + ".map(csvCell)));"
    result = subprocess.run(["node", "-e", program], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_the_explorer_download_applies_the_same_rule():
    assert ",".join(_browser_csv_cell(HOSTILE)) + "\r\n" == csv_text([HOSTILE])


def test_a_number_is_written_as_it_is_and_text_that_looks_like_one_is_not():
    # A longitude is a number, which a spreadsheet reads as that number; the same characters as text might be
    # the start of a formula, and are neutralised like any other text.
    assert csv_text([[-2.9236, Decimal("-74.0817"), 3, "-2+3", True]]) == "-2.9236,-74.0817,3,'-2+3,True\r\n"
