"""The issue forms: made from the model and the data (a stale one fails), valid for GitHub's form schema, in three
languages; and the workflow that turns an accepted issue into a pull request, checked by reading it."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import yaml

from govkb.content.freshness import REVIEW_EVERY_YEARS
from govkb.content.models import CaseStatus
from govkb.languages import LANGUAGES
from kbtools.cli import parser
from kbtools.forms import FORMS_DIR, all_forms, form_texts

from .conftest import ROOT, run_kb

WORKFLOW = ROOT / ".github/workflows/case-from-issue.yml"
_ID = re.compile(r"[A-Za-z0-9_-]+")


@pytest.fixture(scope="module")
def forms(kb):
    return {form.file_name: form for form in all_forms(kb, ROOT)}


def test_committed_forms_are_the_ones_the_model_and_the_data_make(kb):
    """What `kb issue-forms --check` checks in CI: a new city or area without regenerated forms fails here."""
    texts = form_texts(kb, ROOT)
    committed = {path.name for path in (ROOT / FORMS_DIR).iterdir()}
    assert committed == set(texts), "run .venv/bin/kb issue-forms"
    for name, text in texts.items():
        assert (ROOT / FORMS_DIR / name).read_text(encoding="utf-8") == text, f"run .venv/bin/kb issue-forms ({name})"
    assert run_kb(ROOT, "issue-forms", "--check") == 0


def test_each_form_follows_githubs_form_schema(forms):
    names = set()
    for file_name in forms:
        data = yaml.safe_load((ROOT / FORMS_DIR / file_name).read_text(encoding="utf-8"))
        assert set(data) == {"name", "description", "title", "labels", "body"}
        assert data["name"] not in names, "GitHub lists every form in the folder: each needs a name of its own"
        names.add(data["name"])
        elements = [element for element in data["body"] if element["type"] != "markdown"]
        ids = [element["id"] for element in elements]
        labels = [element["attributes"]["label"] for element in elements]
        assert len(set(ids)) == len(ids) and all(_ID.fullmatch(ident) for ident in ids)
        assert len(set(labels)) == len(labels), "the issue's headings are the labels: each must be unique"
        for element in elements:
            assert element["type"] in {"input", "textarea", "dropdown", "checkboxes"}
            options = element["attributes"].get("options", [])
            if element["type"] == "dropdown":
                assert options and len(set(options)) == len(options) and "None" not in options
                assert 0 <= element["attributes"].get("default", 0) < len(options)
            if element["type"] == "checkboxes":
                assert all(option["required"] for option in options)


def test_the_forms_offer_what_the_data_knows_in_their_language(kb, forms):
    for language in LANGUAGES:
        case = forms["new-case.yml" if language == "en" else f"new-case.{language}.yml"]
        assert case.language == language
        assert sorted(case.question("cities").values) == sorted(kb.cities)
        assert sorted(case.question("main-area").values) == sorted(kb.areas)
        assert list(case.question("status").values) == list(CaseStatus)
        assert case.question("language").default == LANGUAGES.index(language)
        city = forms["new-city.yml" if language == "en" else f"new-city.{language}.yml"]
        assert "ES" in city.question("country").values and "EU" not in city.question("country").values
    assert forms["new-case.yml"].name == "New case"
    assert forms["new-case.es.yml"].name == "Nuevo caso" and forms["new-case.fr.yml"].name == "Nouveau cas"
    assert "Bilbao (España)" in forms["new-case.es.yml"].question("cities").options
    assert "Participation citoyenne" in forms["new-case.fr.yml"].question("main-area").options
    assert "200" in forms["new-case.yml"].question("title").description  # the model's limit


def test_two_cities_of_one_name_are_told_apart_by_their_ids(kb):
    from govkb.pages.edition import Edition
    from kbtools.forms import _city_options

    twin = kb.cities["merida"].model_copy(update={"id": "merida-2"})
    edition = Edition(replace(kb, cities={**kb.cities, "merida-2": twin}), "en")
    assert _city_options(edition, ["merida", "merida-2", "bilbao"]) == (
        "Mérida (Mexico) · merida", "Mérida (Mexico) · merida-2", "Bilbao (Spain)")


def test_spanish_and_french_forms_say_nothing_in_english(forms):
    english = forms["new-case.yml"], forms["new-city.yml"]
    for form in forms.values():
        if form.language == "en":
            continue
        twin = english[form.kind == "city"]
        for question, original in zip(form.questions, twin.questions, strict=True):
            # Only a word that is the same in both languages may stay ("Description", "Population", "Sources").
            assert question.label != original.label or question.label in {"Description", "Sources", "Population"}
            assert question.description != original.description
        assert form.intro != twin.intro


def test_the_guides_name_the_forms_and_the_review_period_as_they_are():
    years = REVIEW_EVERY_YEARS
    for guide, names, period in (
            ("CONTRIBUTING.md", ["**New case**", "**New city**"], f"more than {years} years"),
            ("CONTRIBUTING.es.md", ["«Nuevo caso»", "«Nueva ciudad»"], f"más de {years} años"),
            ("CONTRIBUTING.fr.md", ["«\u00a0Nouveau cas\u00a0»", "«\u00a0Nouvelle ville\u00a0»"],
             f"plus de {years} ans")):
        text = re.sub(r"[ \n]+", " ", (ROOT / guide).read_text(encoding="utf-8"))  # lines joined; no-break spaces kept
        assert all(name in text for name in names) and period in text, guide


# --- The workflow ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_runs_on_a_maintainers_label_with_least_permissions(workflow):
    trigger = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert trigger == {"issues": {"types": ["labeled"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert "accepted-case" in job["if"] and "accepted-city" in job["if"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}


def test_the_workflow_never_puts_the_issue_into_a_script(workflow):
    """${{ github.event.issue.body }} inside `run:` would be script injection: the text goes through the
    environment into a file, and only the command reads it."""
    [job] = workflow["jobs"].values()
    for step in job["steps"]:
        script = step.get("run", "")
        assert "${{" not in script, step.get("name")
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "ISSUE_BODY: ${{ github.event.issue.body }}" in text
    assert "github.event.issue.title" not in text


def test_the_workflow_pins_every_action_to_a_commit(workflow):
    [job] = workflow["jobs"].values()
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert any(use.startswith("peter-evans/create-pull-request@") for use in uses)
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", use), use


def test_the_workflow_calls_the_commands_as_they_are(workflow):
    [job] = workflow["jobs"].values()
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    assert '.venv/bin/kb "$KIND-from-issue"' in scripts
    for kind in ("case", "city"):
        options = ["--comment", "c.md"] + (["--month", "2027-03"] if kind == "case" else [])
        parser().parse_args([f"{kind}-from-issue", "body.md", *options])
    assert "--month" in scripts and "--comment" in scripts
