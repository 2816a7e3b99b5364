"""An indicator whose figures do not fit its chart fails, naming the file, the line and the field."""

from __future__ import annotations

import pytest

from govkb.content.layout import Layout
from govkb.content.load import load
from govkb.content.problems import ContentError

from .conftest import mkdocs_build


def break_file(project, path: str, old: str, new: str) -> None:
    source = project / path
    text = source.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {path}"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def problem_at(project, field: str):
    with pytest.raises(ContentError) as caught:
        load(Layout(project))
    matching = [p for p in caught.value.problems if p.field == field]
    assert matching, caught.value.problems
    return matching[0]


@pytest.mark.parametrize("old, new, field, words", [
    ("value: 60", "value: 160", "values.0.value", "outside 0–100"),
    ("chart: single-figure", "chart: stacked-bars", "table", "needs a table"),
    ("unit: percent", "unit: score-1-5", "values.0.value", "outside 1–5"),
    ("unit: percent", "unit: percentage", "unit", "'percent', 'percent-of-population'"),
])
def test_malformed_indicator_names_file_line_and_field(project, old, new, field, words):
    break_file(project, "indicators/mandate-plan.md", old, new)
    problem = problem_at(project, field)
    assert problem.path == "indicators/mandate-plan.md"
    assert words in problem.message
    assert problem.line is not None


def test_empty_value_list_fails_the_build_before_site_is_touched(project):
    text = (project / "indicators/mandate-plan.md").read_text(encoding="utf-8")
    start = text.index("values:")
    end = text.index("source:")
    (project / "indicators/mandate-plan.md").write_text(text[:start] + "values: []\n" + text[end:],
                                                                encoding="utf-8")
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "indicators/mandate-plan.md" in result.stderr and "values" in result.stderr
    assert not (project / "site").exists()


def test_unknown_marker_in_a_page_is_named_with_its_line(tmp_path):
    from govkb.pages.markers import marker_problems

    (tmp_path / "index.md").write_text("# Home\n\n<!-- kb:headline-figure -->\n", encoding="utf-8")
    [problem] = marker_problems(tmp_path, "content/en")
    assert (problem.path, problem.line) == ("content/en/index.md", 3)
    assert "unknown marker 'kb:headline-figure'; known markers: contribute, headline-figures" in problem.message
