"""The JSON Schemas in schema/ are the ones the model exports, and they accept the real content."""

from __future__ import annotations

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
