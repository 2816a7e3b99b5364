"""Every check on a contributor's text runs in linear time: a denial-of-service guard, not a speed test.

Each pattern applied to untrusted text gets the inputs that make a backtracking pattern slow (long runs of
what it looks for, with nothing that completes a match), at the size limit of a content file, run through
the function that applies it. A bound of 2 s is generous: the worst of these takes well under half a second,
and a quadratic pattern took half an hour on one of them. The clock is this process's CPU time, so that other
tests running on the same cores do not count. The last test keeps the table complete: a new
pattern in one of these modules needs its worst case here.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

import govkb.content.bodies
import govkb.content.characters
import govkb.content.frontmatter
import govkb.content.models
import govkb.content.slugs
import govkb.csvtext
from govkb.content.bodies import body_problems
from govkb.content.frontmatter import MAX_FILE_BYTES, parse_fronted_markdown
from govkb.content.models import Case
from govkb.content.problems import ContentError, Problem
from govkb.csvtext import csv_text

BOUND_SECONDS = 2.0
MODULES = [govkb.content.bodies, govkb.content.characters, govkb.content.frontmatter, govkb.content.models,
           govkb.content.slugs, govkb.csvtext]


def filled(unit: str, head: str = "", tail: str = "") -> str:
    """``head``, ``unit`` repeated, ``tail``: as many bytes as a content file may have."""
    room = MAX_FILE_BYTES - len((head + tail).encode())
    return head + unit * (room // len(unit.encode())) + tail


def in_body(text: str) -> None:
    body_problems(text, "cases/x.md", 20)


def in_front_matter(yaml: str) -> None:
    with contextlib.suppress(ContentError):
        parse_fronted_markdown(f"---\n{yaml}\n---\nBody.\n", Path("cases/x.md"), "cases/x.md")


def in_case_field(field: str) -> Callable[[str], None]:
    def validate(value: str) -> None:
        with contextlib.suppress(ValidationError):
            Case.model_validate({field: value})
    return validate


def in_printed_problem(text: str) -> None:
    str(Problem(text, 1, text, text))


def in_csv(text: str) -> None:
    csv_text([[text, text]])


# Pattern (module.name) -> the function that applies it, and its worst cases.
WORST_CASES: dict[str, tuple[Callable[[str], None], list[str]]] = {
    "bodies._TAG": (in_body, [filled("<"), filled("< "), filled(" ", "<"), filled("<a"), filled("</ ")]),
    "bodies._AUTOLINK": (in_body, [filled("<http://"), filled("a", "<http://"), filled("<a+b://")]),
    "bodies._ATTRIBUTE_CONTEXT": (in_body, [filled("{"), filled("{ona="), filled("<a onx"), filled("{src ")]),
    "bodies._LINK_TARGET": (in_body, [filled("]("), filled(" ", "]("), filled(" ", "]"), filled("[\n"),
                                      filled("\n"), filled("[a]: "), filled("href= "), filled("](  javascript"),
                                      filled("<javascript")]),
    "bodies._BAD_SCHEME": (in_body, [filled("javascript"), filled("data  "), filled(" ", "data")]),
    "bodies._CONTROL": (in_body, [filled("&#1;"), filled("&#x1b;")]),
    "bodies._FENCE_OPENING": (in_body, [filled("```a\n"), filled('```hl_lines="\n'), filled("```{\n"),
                                        filled('"', '```hl_lines="')]),
    "bodies._FENCE_START": (in_body, [filled("```\n"), filled("~~~~\n~~~\n"),
                                      "".join("`" * k + "\n" for k in range(3, 720))]),
    "bodies._FENCE_TRAILING": (in_body, [filled(" ", "```", "x")]),
    "bodies._BACKTICKS": (in_body, [filled("`"), filled("`a"), filled("a `"), filled("``a`"), filled("\\`"),
                                    "".join("`" * k + "a" for k in range(1, 720)), filled("| \\``a |")]),
    "bodies._BRACKET": (in_body, [filled("["), filled("!["), "![" * (MAX_FILE_BYTES // 4) + "]" * (MAX_FILE_BYTES // 4),
                                  filled("\\")]),
    "bodies._INLINE_TARGET": (in_body, [filled("![a]("), filled("![a](x"), filled(" ", "![a]")]),
    "bodies._REFERENCE": (in_body, [filled("![a]["), filled("![a] [b"), filled("![a]")]),
    "bodies._DEFINITION": (in_body, [filled("![a]\n[a]: //x\n"), filled("\n[a]:  "), filled("[a\n", "![a]\n")]),
    "bodies._SCHEME": (in_body, [filled("a", "![a]("), filled("a", "![a]\n[a]: ")]),
    "characters.IN_FILES": (in_body, [filled("\x00"), filled("\x00\n"), filled("a\u202e")]),
    "characters.IN_TEXT": (in_case_field("summary"), [filled("a"), filled("\n=")]),
    "characters.IN_LINE": (in_case_field("title"), [filled("a"), filled("\u2066")]),
    "characters._UNPRINTABLE": (in_printed_problem, [filled("\x1b"), filled("a")]),
    "frontmatter._FENCE": (in_front_matter, [filled("-"), filled("--- \t")]),
    "frontmatter._KEY": (in_front_matter, [filled(" ", "", "a"), filled("- ", "", "a"), filled("a", " "),
                                           filled("    - a-a-a\n")]),
    "frontmatter._LINE_BREAK": (in_front_matter, [filled("\r"), filled("\r\n"), filled("\x00\n")]),
    "frontmatter._LINE_BREAK_KEPT": (in_front_matter, [filled("a: b\r\n")]),
    "models._PERSONAL": (in_case_field("contributed_by"), [filled("1"), filled("1 "), filled("+1 (", "", "x")]),
    "models._PLAIN_TEXT_FORBIDDEN": (in_case_field("summary"), [filled("<"), filled("a")]),
    "slugs._SLUG": (in_case_field("areas"), [filled("a-", "", "!"), filled("a", "", "-")]),
    "csvtext._FORMULA_AT_LINE_START": (in_csv, [filled("\n="), filled("\r"), filled("=")]),
}
# What the YAML parser itself gets at the size limit: nesting, long runs, many items.
YAML_WORST_CASES = [filled("[", "a: "), filled("{a: ", "a: "), filled("- ", "a:\n  "), filled("? "),
                    filled("- a\n", "a:\n"), filled("b\n  ", "a: "), filled("a", "", ": b"), filled("\t- a\n", "a:\n"),
                    "a: [" + "b, " * (MAX_FILE_BYTES // 3 - 2) + "]", filled("- &a b\n", "a:\n")]


def _cases():
    for pattern, (run, texts) in WORST_CASES.items():
        for number, text in enumerate(texts):
            yield pytest.param(run, text, id=f"{pattern}-{number}")
    for number, text in enumerate(YAML_WORST_CASES):
        yield pytest.param(in_front_matter, text, id=f"yaml-{number}")


@pytest.mark.parametrize("run, text", list(_cases()))
def test_worst_case_at_the_size_limit_finishes_in_time(run, text):
    assert len(text.encode()) <= MAX_FILE_BYTES
    started = time.process_time()
    run(text)
    assert time.process_time() - started < BOUND_SECONDS


def test_every_pattern_on_untrusted_text_has_its_worst_case():
    defined = {}
    for module in MODULES:
        source = Path(module.__file__).read_text(encoding="utf-8")
        defined |= {f"{module.__name__.rsplit('.', 1)[1]}.{name}": value for name, value in vars(module).items()
                    if isinstance(value, re.Pattern) and re.search(rf"^{name} = ", source, re.MULTILINE)}
    assert set(defined) == set(WORST_CASES)
