"""The strict reader: what MkDocs' own front-matter reader would silently get wrong."""

from __future__ import annotations

import pytest

from govkb.content.frontmatter import MAX_FILE_BYTES, read_fronted_markdown
from govkb.content.problems import ContentError


def read(tmp_path, text: str | bytes):
    path = tmp_path / "case.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_fronted_markdown(path, "cases/case.md")


def problems_of(tmp_path, text):
    with pytest.raises(ContentError) as caught:
        read(tmp_path, text)
    return caught.value.problems


def test_scalars_stay_the_strings_that_were_written(tmp_path):
    parsed = read(tmp_path, "---\ncountry: NO\nvalue: 1.10\nflag: yes\nwhen: 2019-01-01\n---\nBody\n")
    assert parsed.data == {"country": "NO", "value": "1.10", "flag": "yes", "when": "2019-01-01"}
    assert parsed.body == "Body\n"


def test_field_lines_are_file_lines(tmp_path):
    parsed = read(tmp_path, "---\ntitle: A\ncities:\n  - bilbao\n  - turin\n---\n")
    assert parsed.lines["title"] == 2
    assert parsed.lines["cities.1"] == 5
    assert parsed.line_of("cities.1.unknown") == 5


def test_duplicate_key_names_both_lines(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\nsummary: B\ntitle: C\n---\n")
    assert (problem.path, problem.line, problem.field) == ("cases/case.md", 4, "title")
    assert "duplicate key" in problem.message and "line 2" in problem.message


@pytest.mark.parametrize("text, line", [
    ("---\nbase: &b x\nother: *b\n---\n", 2),
    ("---\nbase: x\nlist:\n  - *b\n---\n", 4),
])
def test_anchors_and_aliases_are_refused(tmp_path, text, line):
    [problem] = problems_of(tmp_path, text)
    assert problem.line == line
    assert "not allowed" in problem.message


def test_tab_indentation_is_reported_with_its_line(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\ncities:\n\t- bilbao\n---\n")
    assert problem.line == 4 and "tab" in problem.message


def test_unclosed_front_matter(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\nBody text\n")
    assert problem.line == 1 and "never closed" in problem.message


def test_missing_front_matter(tmp_path):
    [problem] = problems_of(tmp_path, "# Just markdown\n")
    assert problem.line == 1 and "must start with" in problem.message


def test_broken_yaml_names_its_line(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\nsummary: [unclosed\nareas: x\n---\n")
    assert (problem.line, problem.field) == (3, "summary")
    assert "not closed with ']'" in problem.message


def test_unquoted_colon_value_gets_a_hint(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\nsummary: Bilbao: a plan\n---\n")
    assert (problem.line, problem.field) == (3, "summary")
    assert "double quotes" in problem.message


def test_non_utf8_bytes_name_their_line(tmp_path):
    [problem] = problems_of(tmp_path, b"---\ntitle: A\nsummary: caf\xe9\n---\n")
    assert problem.line == 3 and "UTF-8" in problem.message


def test_oversize_file(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: A\n---\n" + "x" * MAX_FILE_BYTES)
    assert "limit" in problem.message


def test_explicit_tags_are_refused(tmp_path):
    [problem] = problems_of(tmp_path, "---\ntitle: !!python/object:os.system x\n---\n")
    assert problem.line == 2 and "tag" in problem.message


def test_invisible_characters_are_named_with_their_line_and_key(tmp_path):
    problems = problems_of(tmp_path, "---\ntitle: A\r\nedition: 2019\x00\rnote: x\u202e\n---\nBody\n")
    assert [(p.line, p.field, p.message.split(" is ")[0]) for p in problems] == [
        (3, "edition", "the invisible character U+0000 (NUL)"),
        (4, "note", "the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)")]


def test_a_file_of_invisible_characters_is_summed_up_not_listed(tmp_path):
    problems = problems_of(tmp_path, "---\n" + "\x00\n" * 1_000 + "---\n")
    assert len(problems) < 30 and problems[-1].message.startswith("more lines like the ones above")
