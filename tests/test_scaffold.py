"""The scaffold command end to end: what it writes passes the validator; bad answers are refused."""

from __future__ import annotations

from .conftest import kb_subprocess, run_kb


def run_new_case(project, *args):
    return kb_subprocess(project, "new-case", *args)


def test_new_case_is_valid_and_says_what_next(project):
    result = run_new_case(project, "--title", "Open budget portal of Medellín", "--city", "medellin",
                          "--area", "transparency-accountability", "--area", "open-data",
                          "--target", "16.10: Medellín publishes its budget so that anyone can read and reuse it.",
                          "--summary", "Medellín publishes its budget as open data.",
                          "--section", "Open Government › Open data")
    assert result.returncode == 0, result.stderr
    path = project / "cases/open-budget-portal-of-medellin.md"
    assert path.is_file()
    assert "Created cases/open-budget-portal-of-medellin.md" in result.stdout
    assert "kb validate" in result.stdout
    assert run_kb(project, "validate") == 0
    text = path.read_text(encoding="utf-8")
    assert "Medellín" in text and "edition: 2019" in text and "sdgs:\n- 16\n" in text


def test_unknown_values_are_refused_with_suggestions(project):
    result = run_new_case(project, "--title", "Something", "--city", "bilbo", "--area", "open-dta",
                          "--target", "16.99: A reason.", "--target", "11.3", "--summary", "One sentence.",
                          "--section", "Open Government")
    assert result.returncode == 1
    assert "unknown city 'bilbo'; did you mean 'bilbao'?" in result.stderr
    assert "unknown area 'open-dta'; did you mean 'open-data'?" in result.stderr
    assert "--target: '16.99' is not an SDG target" in result.stderr
    assert "sdg_targets.1.reason: must not be empty" in result.stderr
    assert not list((project / "cases").glob("something*.md"))


def test_existing_file_is_not_overwritten(project):
    result = run_new_case(project, "--title", "x", "--slug", "decidim-barcelona", "--city", "barcelona",
                          "--area", "citizen-participation", "--target", "16.7: A reason.",
                          "--summary", "One sentence.", "--section", "Open Government")
    assert result.returncode == 1 and "already exists" in result.stderr


def test_a_contributed_case_names_who_when_and_its_sources(project):
    result = run_new_case(project, "--title", "Budget portal of Medellín (test fixture)", "--city", "medellin",
                          "--area", "open-data",
                          "--target", "16.10: Medellín publishes its budget so that anyone can read and reuse it.",
                          "--summary", "Medellín publishes its budget as open data.",
                          "--contributed-by", "Alcaldía de Medellín (test fixture)", "--contributed-on", "2026-05",
                          "--source", "Budget portal (test fixture) — https://example.org/medellin-budget")
    assert result.returncode == 0, result.stderr
    assert run_kb(project, "validate") == 0
    text = (project / "cases/budget-portal-of-medellin-test-fixture.md").read_text(encoding="utf-8")
    assert "contributed_by: Alcaldía de Medellín (test fixture)\ncontributed_on: 2026-05\n" in text
    assert "- title: Budget portal (test fixture)\n  url: https://example.org/medellin-budget\n" in text
    assert "edition:" not in text and "source:" not in text and "what its sources say" in text


# Answers that are right, but for where the case comes from.
SOMETHING = ["--title", "Something", "--city", "bilbao", "--area", "open-data", "--target",
             "16.10: Bilbao publishes its data.", "--summary", "One sentence."]


def test_a_contribution_without_a_readable_source_is_refused(project):
    result = run_new_case(project, *SOMETHING, "--contributed-by", "Bilbao City Council", "--source", "just words")
    assert result.returncode == 1
    assert "--source: 'just words': write the title, a dash and the address" in result.stderr
    assert "a contributed case needs at least one of sources" in result.stderr
    assert not list((project / "cases").glob("something*.md"))


def test_a_study_case_names_a_known_edition(project):
    result = run_new_case(project, *SOMETHING, "--section", "Open Government › Open data", "--edition", "2018")
    assert result.returncode == 1 and "--edition: unknown edition 2018; known editions: 2019" in result.stderr
