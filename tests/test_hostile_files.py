"""Entries of the content folders that are not plain case or indicator files: refused with their path,
never skipped in silence and never a traceback.

Each test builds its hostile entry in a disposable copy of the project (names with line breaks, links and
folders cannot be committed as corpus files) and runs ``kb validate`` as a contributor does.
"""

from __future__ import annotations

from govkb.content.problems import Problem


def test_a_printed_problem_is_one_line_whatever_its_path_and_value_hold():
    problem = Problem("cases/x\n.md", 2, "title", "'a\u202eb' \x1b[2J is refused")
    assert str(problem) == "cases/x\\n.md:2: title: 'a\\u202eb' \\x1b[2J is refused"
