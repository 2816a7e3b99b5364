"""Entries of the content folders that are not plain case or indicator files: refused with their path,
never skipped in silence and never a traceback.

Each test builds its hostile entry in a disposable copy of the project (names with line breaks, links and
folders cannot be committed as corpus files) and runs ``kb validate`` as a contributor does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govkb.content.problems import Problem

from .conftest import run_kb


def test_a_printed_problem_is_one_line_whatever_its_path_and_value_hold():
    problem = Problem("cases/x\n.md", 2, "title", "'a\u202eb' \x1b[2J is refused")
    assert str(problem) == "cases/x\\n.md:2: title: 'a\\u202eb' \\x1b[2J is refused"


LINK = ("a symbolic link is not allowed: it can point outside the repository, and the site would publish what it "
        "points to; put the file itself here")
FOLDER = "is a folder: sub-folders are not read; move the files it holds up one level"
CONTROL_CASE = Path(__file__).resolve().parent / "invalid/cases/valid-control.md"


def _case(project: Path) -> bytes:
    """A valid case that can sit beside the real ones."""
    return CONTROL_CASE.read_bytes()


def _folder_named_md(project: Path, folder: str) -> str:
    (project / folder / "x.md").mkdir()
    return f"{folder}/x.md: (file): {FOLDER}"


def _file_in_sub_folder(project: Path, folder: str) -> str:
    (project / folder / "more").mkdir()
    (project / folder / "more/x.md").write_bytes(_case(project))
    return f"{folder}/more: (file): {FOLDER}"


def _broken_link(project: Path, folder: str) -> str:
    (project / folder / "x.md").symlink_to(project / "nowhere.md")
    return f"{folder}/x.md: (file): {LINK}"


def _link_outside(project: Path, folder: str) -> str:
    outside = project.parent / "outside.md"
    outside.write_bytes(_case(project))
    (project / folder / "x.md").symlink_to(outside)
    return f"{folder}/x.md: (file): {LINK}"


def _link_inside(project: Path, folder: str) -> str:
    (project / folder / "x.md").symlink_to(next((project / folder).glob("*.md")))
    return f"{folder}/x.md: (file): {LINK}"


def _not_a_regular_file(project: Path, folder: str) -> str:
    os.mkfifo(project / folder / "x.md")  # reading it would wait forever
    return f"{folder}/x.md: (file): is not a regular file"


def _other_markdown_suffix(suffix: str):
    def make(project: Path, folder: str) -> str:
        (project / folder / f"x{suffix}").write_bytes(_case(project))
        return f"{folder}/x{suffix}: (file): only files ending in '.md' are read: rename it to 'x.md'"
    return make


def _other_file(project: Path, folder: str) -> str:
    (project / folder / "notes.txt").write_text("to do", encoding="utf-8")
    return f"{folder}/notes.txt: (file): {folder}/ holds only '.md' files; move this file"


def _line_break_in_name(project: Path, folder: str) -> str:
    (project / folder / "x\n.md").write_bytes(_case(project))
    return (f"{folder}/x\\n.md: (file): file name must be a slug: lowercase letters, digits and hyphens, "
            "e.g. x.md (a translation adds its language: x.es.md)")


def _hidden_markdown(project: Path, folder: str) -> str:
    (project / folder / ".x.md").write_bytes(_case(project))
    return (f"{folder}/.x.md: (file): file name must be a slug: lowercase letters, digits and hyphens, e.g. x.md "
            "(a translation adds its language: x.es.md)")


ENTRIES = [_folder_named_md, _file_in_sub_folder, _broken_link, _link_outside, _link_inside, _not_a_regular_file,
           _other_markdown_suffix(".MD"), _other_markdown_suffix(".Md"), _other_markdown_suffix(".markdown"),
           _other_file, _line_break_in_name, _hidden_markdown]


@pytest.mark.parametrize("folder", ["cases", "indicators"])
@pytest.mark.parametrize("make", ENTRIES, ids=[e.__name__.strip("_") for e in ENTRIES])
def test_an_entry_that_is_not_a_content_file_is_refused_by_name(project, capsys, folder, make):
    expected = make(project, folder)
    assert run_kb(project, "validate") == 1
    printed = capsys.readouterr().err.split("\n\n")[0].splitlines()
    assert printed == [expected]


def test_hidden_files_that_are_not_content_are_left_alone(project, capsys):
    """An editor's swap file or the Finder's .DS_Store beside a case being edited must not stop a preview."""
    (project / "cases/.decidim-barcelona.md.swp").write_bytes(b"\x00swap")
    (project / "cases/.DS_Store").write_bytes(b"\x00")
    assert run_kb(project, "validate") == 0, capsys.readouterr().err


@pytest.mark.parametrize("linked", ["cases", "indicators", "data/cities.yaml", "data/taxonomy.yaml"])
def test_a_linked_content_folder_or_data_file_is_refused(project, capsys, linked):
    """The real thing moved outside the project, and a link to it left in its place."""
    real = project.parent / "elsewhere"
    (project / linked).rename(real)
    (project / linked).symlink_to(real)
    assert run_kb(project, "validate") == 1
    assert f"{linked}: (file): {LINK}" in capsys.readouterr().err


def test_an_unreadable_content_folder_is_a_problem_not_a_traceback(project, capsys, monkeypatch):
    listing = Path.iterdir

    def unreadable(folder: Path):
        if folder.name == "cases":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", unreadable)  # as a folder without read permission does, but for root
    assert run_kb(project, "validate") == 1
    assert "cases: (file): cannot be read: Permission denied" in capsys.readouterr().err
