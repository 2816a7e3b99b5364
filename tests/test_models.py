"""The data model: valid examples pass, each kind of invalid value is refused with its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from govkb.content.models import Case, ChartKind, City, Indicator

CASE = {
    "title": "A participatory budget", "cities": ["medellin"], "edition": "2019",
    "areas": ["citizen-participation"], "sdgs": ["16", "11"],
    "sdg_targets": [{"target": "16.7", "reason": "Residents decide part of the budget."},
                    {"target": "11.3", "reason": "Neighbourhoods plan their own improvements."}],
    "summary": "The city lets residents decide part of its budget.",
    "source": {"study": "Smart Cities Study 2019", "section": "Open Government › Citizen participation"},
    "links": [{"title": "Official page", "url": "https://www.medellin.gov.co"}],
}
INDICATOR = {
    "title": "Main barriers identified by cities", "finding": "Most cities lack a method.",
    "area": "policy-assessment", "unit": "percent", "base": "Participating cities", "chart": "ranked-bars",
    "values": [{"label": "Lack of systematization", "value": "75"}, {"label": "Cultural barriers", "value": "60"}],
    "source": {"study": "Smart Cities Study 2019", "section": "Advanced Strategic Management"},
}


def fields_in_error(model, data) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {".".join(map(str, e["loc"])) for e in caught.value.errors()}


def test_valid_case_reads_strings_as_typed_values():
    case = Case.model_validate(CASE)
    assert case.sdgs == [16, 11] and case.edition == 2019


@pytest.mark.parametrize("change, field", [
    ({"sdgs": ["18"]}, "sdgs.0"),
    ({"sdg_targets": [{"target": "16.77x", "reason": "A reason."}]}, "sdg_targets.0.target"),
    ({"sdg_targets": ["16.7"]}, "sdg_targets.0"),
    ({"sdg_targets": [{"target": "16.7"}]}, "sdg_targets.0.reason"),
    ({"sdg_targets": []}, "sdg_targets"),
    ({"edition": "1800"}, "edition"),
    ({"title": "  "}, "title"),
    ({"title": "<script>alert(1)</script>"}, "title"),
    ({"title": "=HYPERLINK(\"https://evil.example\")"}, "title"),
    ({"summary": "@SUM(1+1)"}, "summary"),
    ({"summary": ""}, "summary"),
    ({"cities": []}, "cities"),
    ({"links": [{"title": "x", "url": "javascript:alert(1)"}]}, "links.0.url"),
    ({"links": [{"title": "x", "url": "data:text/html,hi"}]}, "links.0.url"),
    ({"status": "finished"}, "status"),
    ({"colour": "red"}, "colour"),
])
def test_invalid_case_fields(change, field):
    assert field in fields_in_error(Case, {**CASE, **change})


@pytest.mark.parametrize("change, where, words", [
    ({"sdgs": ["16"]}, "sdg_targets.1.target", "11.3 is a target of goal 11, which sdgs does not list"),
    ({"sdgs": ["16", "11", "4"]}, "sdgs.2", "goal 4 has no target"),
    ({"sdgs": ["16", "11", "16"]}, "sdgs.2", "goal 16 is listed twice"),
    ({"sdg_targets": [*CASE["sdg_targets"], CASE["sdg_targets"][0]]}, "sdg_targets.2.target", "listed twice"),
])
def test_goals_and_targets_must_match(change, where, words):
    problems = Case.model_validate({**CASE, **change}).tag_problems()
    assert any(path == where and words in message for path, message in problems), problems


def test_missing_title():
    data = dict(CASE)
    del data["title"]
    assert "title" in fields_in_error(Case, data)


def test_decimal_values_keep_their_printed_form():
    indicator = Indicator.model_validate({**INDICATOR, "unit": "score-1-5", "chart": "dots",
                                          "values": [{"label": "a", "value": "2.90"}, {"label": "b", "value": "2.7"}]})
    assert str(indicator.values[0].value) == "2.90"
    assert indicator.fit_problems() == []


@pytest.mark.parametrize("change, field", [
    ({"values": [{"label": "a", "value": "120"}, {"label": "b", "value": "5"}]}, "values.0.value"),
    ({"values": []}, "values"),
    ({"chart": "stacked-bars"}, "table"),
    ({"chart": "single-figure"}, "values"),
    ({"chart": "none"}, "values"),
    ({"unit": None}, "unit"),
    ({"unit": "score-0-10", "chart": "dots",
      "values": [{"label": "a", "value": "4.6"}, {"label": "b", "value": "11"}]}, "values.1.value"),
])
def test_values_that_do_not_fit_the_chart(change, field):
    indicator = Indicator.model_validate({**INDICATOR, **change})
    assert field in {where for where, _ in indicator.fit_problems()}


def test_table_rows_must_match_columns():
    indicator = Indicator.model_validate({**INDICATOR, "chart": "stacked-bars", "values": None, "table": {
        "columns": ["Never", "Always"], "rows": [{"label": "Ex-ante", "values": ["26", "26", "48"]}]}})
    assert indicator.chart is ChartKind.stacked_bars
    assert "table.rows.0.values" in {where for where, _ in indicator.fit_problems()}


def test_city_country_code_stays_a_string():
    city = City.model_validate({"id": "oslo", "name": "Oslo", "country": "NO", "country_name": "Norway",
                                "region": "Europe", "coordinates": {"lat": "59.91", "lon": "10.75"},
                                "coordinates_source": "test"})
    assert city.country == "NO"


def _string_leaves(data, path=()):
    """(dotted location, value) of every string in parsed YAML."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        if isinstance(value, str):
            yield ".".join(map(str, (*path, key))), value
        else:
            yield from _string_leaves(value, (*path, key))


def _replaced(data, loc: str, value):
    """A copy of ``data`` with the string at the dotted location ``loc`` replaced."""
    head, _, rest = loc.partition(".")
    key = int(head) if isinstance(data, list) else head
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[key] = _replaced(data[key], rest, value) if rest else value
    return copy


def _real_files():
    """A real file of every kind, parsed as the loader parses it, with the shape it is validated as."""
    from govkb.content.frontmatter import read_data_file, read_fronted_markdown
    from govkb.content.models import Taxonomy

    root = Path(__file__).resolve().parent.parent
    return [(Case, read_fronted_markdown(root / "cases/decidim-barcelona.md", "case").data),
            (Indicator, read_fronted_markdown(root / "indicators/accountability-tools.md", "table").data),
            (Indicator, read_fronted_markdown(root / "indicators/assessment-barriers.md", "values").data),
            (City, read_data_file(root / "data/cities.yaml", "cities").data[0]),
            (Taxonomy, read_data_file(root / "data/taxonomy.yaml", "taxonomy").data)]


@pytest.mark.parametrize("suffix", ["\u202e", "\u2066", "\u200f", "\u061c", "\x00", "\x1b", "\x07", "\x85",
                                    "\r=1+1", "\t"],
                         ids=["RLO", "LRI", "RLM", "ALM", "NUL", "ESC", "BEL", "NEL", "CR-formula", "tab"])
def test_no_string_field_accepts_an_invisible_character(suffix):
    """Every string of every kind of file, one at a time: ids, enums, URLs and plain text alike. (Numbers are
    left out: they are read as numbers, and Python reads an int around surrounding whitespace such as NEL.)"""
    for shape, data in _real_files():
        for loc, value in _string_leaves(data):
            if value.isdigit():
                continue
            assert loc in fields_in_error(shape, _replaced(data, loc, value[:3] + suffix + value[3:])), loc


@pytest.mark.parametrize("null", ["~", "null", "Null", "NULL", ""])
def test_no_text_field_publishes_a_yaml_null_as_text(null):
    for shape, data in _real_files():
        for loc, value in _string_leaves(data):
            if " " in value:  # text, not an id, a number or a code
                assert loc in fields_in_error(shape, _replaced(data, loc, null)), loc


def test_multi_line_text_keeps_the_formula_rule_on_every_line():
    assert "summary" in fields_in_error(Case, {**CASE, "summary": "Residents decide.\n@SUM(1+1) of it."})
    assert Case.model_validate({**CASE, "summary": "Residents decide.\nThe city listens."}).summary


@pytest.mark.parametrize("printed", ["0", "5", "2.9", "2.90", "100"])
def test_a_figure_is_kept_as_printed(printed):
    indicator = Indicator.model_validate({**INDICATOR, "values": [{"label": "a", "value": printed},
                                                                 {"label": "b", "value": "1"}]})
    assert str(indicator.values[0].value) == printed


@pytest.mark.parametrize("written", ["5e1", "1E2", "NaN", "Infinity", "-1", "+1", "01", "1.", ".5", "1.234", "1_0",
                                     "0x10", "٣"])
def test_a_figure_not_written_as_printed_is_refused(written):
    assert "values.0.value" in fields_in_error(Indicator, {**INDICATOR, "values": [{"label": "a", "value": written}]})
