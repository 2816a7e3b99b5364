"""`kb case-from-issue` and `kb city-from-issue`: submitted issue forms, good and hostile, in three languages.

The bodies in tests/issues/ are written as GitHub writes a submitted form ('### Label', a blank line, the
answer; '_No response_'; '- [X] …'). A test changes one answer (``answered``) and asserts what the contributor
is told, under the form's own label and in its language; nothing is written while anything is wrong.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

from govkb.content.frontmatter import parse_fronted_markdown
from kbtools.entrytext import case_file
from kbtools.fromissue import MAX_ISSUE_CHARACTERS, _options_in

from .conftest import mkdocs_build, parsed, run_kb

ISSUES = Path(__file__).resolve().parent / "issues"
MONTH = "2026-10"


def body(name: str) -> str:
    return (ISSUES / name).read_text(encoding="utf-8")


def answered(text: str, label: str, answer: str) -> str:
    """The issue's text with one question answered otherwise."""
    pattern = re.compile(rf"(^### {re.escape(label)}\n\n)(.*?)(?=\n\n### |\Z)", re.S | re.M)
    assert pattern.search(text), label
    return pattern.sub(lambda match: match.group(1) + answer, text, count=1)


class Ran(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def submit(capsys):
    """Run the command as the workflow does, in this process: the issue's text in a file, the comment written to
    another; the exit code, what it printed, and the comment."""

    def run(project: Path, text: str, kind: str = "case", *options: str) -> tuple[Ran, str]:
        issue, comment = project / "issue.md", project / "comment.md"
        issue.write_bytes(text.encode("utf-8"))
        month = ["--month", MONTH] if kind == "case" else []
        capsys.readouterr()
        code = run_kb(project, f"{kind}-from-issue", str(issue), "--comment", str(comment), *month, *options)
        printed = capsys.readouterr()
        return Ran(code, printed.out, printed.err), comment.read_text(encoding="utf-8") if comment.exists() else ""

    return run


def new_files(project: Path) -> set[str]:
    return {path.name for path in (project / "cases").iterdir()} - ORIGINAL_CASES


ORIGINAL_CASES = {path.name for path in (Path(__file__).resolve().parent.parent / "cases").iterdir()}


@pytest.mark.parametrize("name, slug, language", [
    ("new-case.en.md", "neighbourhood-open-budget-bilbao", "en"),
    ("new-case.es.md", "presupuesto-participativo-por-comunas-de-medellin-ejemplo-de-prueba", "es"),
    ("new-case.fr.md", "donnees-ouvertes-des-transports-de-limoges-exemple-de-test", "fr"),
])
def test_a_good_form_in_each_language_becomes_a_valid_contributed_case(project, name, slug, language, submit):
    result, comment = submit(project, body(name))
    assert result.returncode == 0, result.stderr
    assert f"Created cases/{slug}.md" in result.stdout
    assert new_files(project) == {f"{slug}.md"}
    assert run_kb(project, "validate") == 0
    front = parse_fronted_markdown((project / "cases" / f"{slug}.md").read_text(encoding="utf-8"), Path("x"), "x").data
    assert front["contributed_on"] == MONTH and front["language"] == language
    assert "edition" not in front and "source" not in front
    assert front["sources"][0]["url"].startswith("https://example.org/")
    assert {"en": "Thank you!", "es": "¡Gracias!", "fr": "Merci"}[language] in comment


def test_the_answers_land_in_the_right_fields(project, submit):
    result, _ = submit(project, body("new-case.es.md"))
    assert result.returncode == 0, result.stderr
    [name] = new_files(project)
    front = parse_fronted_markdown((project / "cases" / name).read_text(encoding="utf-8"), Path("x"), "x").data
    assert front["cities"] == ["medellin"] and front["areas"] == ["citizen-participation"]
    assert front["sdgs"] == ["16", "11"]  # from the targets, in their order ("ODS 11.3" is read as 11.3)
    assert [t["target"] for t in front["sdg_targets"]] == ["16.7", "11.3"]
    assert front["status"] == "active" and "year_started" not in front and "links" not in front
    assert front["contributed_by"] == "Alcaldía de Medellín (ejemplo de prueba)"


def test_what_is_wrong_is_told_under_the_forms_own_labels_and_nothing_is_written(project, submit):
    text = body("new-case.en.md")
    for label, answer in [
        ("Title", '=HYPERLINK("https://attacker.example")'),
        ("Cities", "Bilbo (Spain)"),
        ("SDG targets and why", "16.7 residents vote\n18.2: A goal that does not exist."),
        ("Description", "Hello <script>alert(1)</script>\n\n![pixel](https://tracker.example/p.png)\n\n"
                        "[Click](javascript:alert(1))"),
        ("Sources", "Budget portal (test fixture) — javascript://alert(1)\nhttps://example.org/no-title\nwords only"),
        ("Year started", "twenty twenty"),
        ("Contributed by", "Jane Doe, jane@example.org"),
        ("Before you send", "- [ ] Every fact comes from the public sources named in this form, and the words are "
                            "my own.\n- [X] This form names no person and gives no e-mail address or phone number."),
    ]:
        text = answered(text, label, answer)
    result, comment = submit(project, text)
    assert result.returncode == 1
    assert new_files(project) == set()
    told = result.stderr
    for expected in [
        "Title: must not start with '=': spreadsheets opening the CSV downloads would run it as a formula",
        "Cities: “Bilbo (Spain)” is not one of the choices: choose from the list",
        "SDG targets and why, line 1: write the target's number, a colon, then why",
        "SDG targets and why, line 2: '18.2' is not an SDG target",
        "Description, line 1: <script> is not allowed",
        "Description, line 3: images must be files in this repository",
        "Description, line 5: 'javascript:' links are not allowed",
        "Sources, line 1: must be a web address starting with https://",
        "Sources, line 2: give the page's title before its address",
        "Sources, line 3: write the title, a dash and the address",
        "Year started: write a year in four digits",
        "Contributed by: name the city or organisation only: no e-mail address or phone number",
        "Before you send: tick the box: Every fact comes from the public sources",
    ]:
        assert expected in told, (expected, told)
    assert not re.search(r"sdg_targets|front matter|\bsdgs\b|\.md\b|contributed_by", told), told
    # The comment is the same list, inert: in a code block, where no mention, link or image comes to life.
    assert comment.startswith("The case cannot be added yet.") and "\n```text\n- Title: must not start" in comment


def test_missing_answers_are_asked_for_in_the_forms_language(project, submit):
    text = body("new-case.fr.md")
    text = answered(text, "Sources", "_No response_")
    text = answered(text, "Titre", "_No response_")
    result, comment = submit(project, text)
    assert result.returncode == 1 and new_files(project) == set()
    assert "Titre\u00a0: cette question demande une réponse" in result.stderr
    assert ("Sources\u00a0: ajoutez au moins une page ou un rapport publics qui étayent le cas" in result.stderr)
    assert result.stderr.count("Sources") == 1  # not told again by the validator, nor under another label
    assert comment.startswith("Le cas ne peut pas encore être ajouté.")


@pytest.mark.parametrize("line, expected", [
    ("16.99: Not a target of goal 16.", "16.99 is not an SDG target; goal 16's targets are 16.1,"),
    ("18.2: Goal 18 does not exist.", "'18' is not an SDG; the goals are numbered 1–17"),
])
def test_a_target_that_is_not_official_is_named_with_its_line(project, line, expected, submit):
    text = answered(body("new-case.en.md"), "SDG targets and why", f"16.7: Residents vote on projects.\n\n{line}")
    result, _ = submit(project, text)
    assert result.returncode == 1 and new_files(project) == set()
    assert f"SDG targets and why, line 3: {expected}" in result.stderr


def test_a_spanish_form_is_answered_in_spanish(project, submit):
    text = answered(body("new-case.es.md"), "Ciudades", "Bilbao (Spain)")
    text = answered(text, "Año de inicio", "2019 o 2020")
    result, _ = submit(project, text)
    assert result.returncode == 1
    assert "Ciudades: «Bilbao (Spain)» no es una de las opciones: elija una de la lista" in result.stderr
    assert "Año de inicio: escriba un año con cuatro cifras" in result.stderr


@pytest.mark.parametrize("label, answer, expected", [
    # A value that tries to add a field, or to close the front matter, stays a value.
    ("Title", 'Open data"\nedition: 2019\nsource: {study: x}', "Title: must be one line: remove the line break"),
    ("Summary", "One sentence.\n---\nedition: 2019", "Summary: line 2 must not start with '-'"),
    ("Title", "Open data \u202e atad nepo", "Title: the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) is not "
                                             "allowed"),
    ("Sources", "Report \u2066x\u2069 — https://example.org/r", "Sources, line 1: the invisible character U+2066"),
    ("Description", "Text with an escape \x1b[31m in it.", "Description, line 1: the invisible character U+001B"),
])
def test_hostile_values_stay_values_and_are_refused(project, label, answer, expected, submit):
    result, _ = submit(project, answered(body("new-case.en.md"), label, answer))
    assert result.returncode == 1 and new_files(project) == set()
    assert expected in result.stderr, result.stderr
    assert "\u202e" not in result.stderr and "\x1b" not in result.stderr  # printed escaped, on one line


def test_a_value_written_into_yaml_cannot_add_a_field_or_end_the_front_matter():
    front = {"title": 'x"\nedition: 2019', "summary": "a\n---\nb: c", "cities": ["bilbao"]}
    written = case_file(front, "Intro\n\n---\n\ntitle: not a field\n")
    parsed_file = parse_fronted_markdown(written.text, Path("x.md"), "x.md")
    assert parsed_file.data == front
    assert parsed_file.body.strip() == "Intro\n\n---\n\ntitle: not a field"


def test_a_horizontal_rule_in_the_description_is_markdown(project, submit):
    text = answered(body("new-case.en.md"), "Description", "First part.\n\n---\n\nedition: 2019\n\n---\nLast part.")
    result, _ = submit(project, text)
    assert result.returncode == 0, result.stderr
    [name] = new_files(project)
    written = parse_fronted_markdown((project / "cases" / name).read_text(encoding="utf-8"), Path("x"), "x")
    assert "edition" not in written.data and "edition: 2019" in written.body


def test_a_description_may_hold_headings_of_its_own(project, submit):
    text = answered(body("new-case.en.md"), "Description",
                    "The portal opened in 2021.\n\n### Sources\n\nThe figures come from the city's accounts.")
    result, _ = submit(project, text)
    assert result.returncode == 0, result.stderr
    [name] = new_files(project)
    written = parse_fronted_markdown((project / "cases" / name).read_text(encoding="utf-8"), Path("x"), "x")
    assert written.body.strip().endswith("### Sources\n\nThe figures come from the city's accounts.")
    assert len(written.data["sources"]) == 2


def test_enormous_input_is_refused_before_it_is_read(project, submit):
    text = answered(body("new-case.en.md"), "Description", "word " * (MAX_ISSUE_CHARACTERS // 5 + 10))
    result, _ = submit(project, text)
    assert result.returncode == 1 and new_files(project) == set()
    assert "The form as a whole: the issue is" in result.stderr and "the limit is 65536" in result.stderr


def test_an_issue_not_written_with_the_form_is_told_so_in_every_language(project, submit):
    result, comment = submit(project, "Please add our city's budget portal: https://example.org")
    assert result.returncode == 1
    assert "not written with the form “New case”" in comment and "«Nuevo caso»" in comment
    assert "«\u00a0Nouveau cas\u00a0»" in comment


def test_a_title_whose_file_name_is_taken_is_refused(project, submit):
    text = answered(body("new-case.en.md"), "Title", "Decidim Barcelona")
    result, _ = submit(project, text)
    assert result.returncode == 1
    assert "Title: a case with the file name “decidim-barcelona” is already in the knowledge base" in result.stderr


def test_chosen_options_are_read_even_when_an_option_holds_a_comma():
    options = ("Korea, Republic of (KR)", "Korea (KP)", "Spain (ES)")
    assert _options_in("Korea, Republic of (KR), Spain (ES)", options) == [0, 2]
    assert _options_in("Korea (KP), Korea, Republic of (KR)", options) == [1, 0]
    assert _options_in("Korea, Spain (ES)", options) is None
    assert _options_in("Spain (ES), " * 1000, options) is None  # longer than every option together


# --- A city ----------------------------------------------------------------------------------------------------


def test_a_city_form_adds_the_city_and_the_case_forms_offer_it(project, submit):
    result, comment = submit(project, body("new-city.en.md"), "city")
    assert result.returncode == 0, result.stderr
    assert run_kb(project, "validate") == 0
    cities = (project / "data/cities.yaml").read_text(encoding="utf-8")
    assert cities.endswith("  website: https://www.lisboa.pt\n") and "- id: lisboa\n  name: Lisboa\n" in cities
    assert "    lat: 38.7223\n    lon: -9.1393\n" in cities and "    value: 545796\n" in cities
    assert "    - Lisboa (Portugal)\n" in (project / ".github/ISSUE_TEMPLATE/new-case.es.yml").read_text("utf-8")
    assert run_kb(project, "issue-forms", "--check") == 0
    assert "The city is now in a pull request" in comment


def test_a_city_without_its_sources_is_refused(project, submit):
    text = body("new-city.en.md")
    text = answered(text, "Source of the coordinates", "_No response_")
    text = answered(text, "Source of the population figure", "_No response_")
    text = answered(text, "Coordinates", "38°42′N 9°08′W")
    text = answered(text, "Name of the city", "Bilbao")
    before = (project / "data/cities.yaml").read_bytes()
    result, _ = submit(project, text, "city")
    assert result.returncode == 1
    assert (project / "data/cities.yaml").read_bytes() == before
    told = result.stderr
    assert "Name of the city: a city with the id “bilbao” is listed already: Bilbao." in told
    assert "Coordinates: write the latitude and the longitude in decimal degrees" in told
    assert "Source of the coordinates: this question needs an answer" in told
    assert "Source of the population figure: required field is missing" in told


# --- End to end ------------------------------------------------------------------------------------------------


def test_a_form_becomes_a_case_page_that_shows_where_it_comes_from(project, tmp_path, submit):
    """The one full build of this file: form -> command -> site, in English and Spanish."""
    result, _ = submit(project, body("new-case.en.md"))
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    build = mkdocs_build(project, site, languages="es")
    assert build.returncode == 0, build.stderr[-3000:]
    page = parsed(site / "cases/neighbourhood-open-budget-bilbao/index.html")
    facts = " ".join(page.select_one(".kb-facts").get_text(" ").split())
    assert "Contributed by: Bilbao City Council (test fixture), October 2026" in facts
    assert "Sources: Bilbao open budget portal (test fixture) , Annual report (test fixture)" in facts
    assert "Last reviewed: October 2026" in facts
    assert "Started: 2021" in facts and "Status: active" in facts
    assert [a["href"] for a in page.select(".kb-facts a[href^='https://example.org/']")] == [
        "https://example.org/bilbao-budget", "https://example.org/report.pdf"]
    spanish = parsed(site / "es/cases/neighbourhood-open-budget-bilbao/index.html")
    assert "Aportado por:" in spanish.select_one(".kb-facts").get_text(" ")
