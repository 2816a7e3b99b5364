"""The JSON Schemas in schema/ are the ones the model exports, and they accept the real content."""

from __future__ import annotations

from pathlib import Path

from kbtools.schema import schema_texts

from .conftest import ROOT


def test_committed_schemas_match_the_model():
    for name, text in schema_texts().items():
        committed = ROOT / "schema" / name
        assert committed.read_text(encoding="utf-8") == text, f"run kb schema ({name})"


def test_contributing_field_reference_is_generated_from_the_model():
    from kbtools.fieldref import END, START, field_reference

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    between = text[text.index(START) + len(START):text.index(END)]
    assert between.strip() == field_reference().strip(), "run kb field-reference --write"


def test_the_schemas_accept_the_real_content_and_refuse_a_broken_case():
    """An editor's YAML extension, which reads files as standard YAML and checks them with these schemas, agrees
    with the build on the real files."""
    import json

    import jsonschema
    import yaml

    def front_matter(path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])

    def schema(name: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator(json.loads((ROOT / "schema" / name).read_text(encoding="utf-8")))

    files = {"case.schema.json": sorted(p for p in (ROOT / "cases").glob("*.md") if p.stem.count(".") == 0),
             "indicator.schema.json": sorted(p for p in (ROOT / "indicators").glob("*.md") if p.stem.count(".") == 0)}
    for name, paths in files.items():
        for path in paths:
            assert not list(schema(name).iter_errors(front_matter(path))), path.name
    for name, data_file in [("cities.schema.json", "cities.yaml"), ("taxonomy.schema.json", "taxonomy.yaml"),
                            ("sdgs.schema.json", "sdgs.yaml"), ("editions.schema.json", "editions.yaml")]:
        path = ROOT / "data" / data_file
        assert not list(schema(name).iter_errors(yaml.safe_load(path.read_text(encoding="utf-8")))), data_file
    broken = {**front_matter(ROOT / "cases" / "amman-open-data-portal.md"), "sdgs": [18], "contributed_on": "March"}
    assert {error.path[0] for error in schema("case.schema.json").iter_errors(broken)} == {"sdgs", "contributed_on"}
