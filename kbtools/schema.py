"""JSON Schemas of the content files, exported from the pydantic model so they cannot drift from it."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from govkb.content.models import Case, City, Indicator, SdgCatalogue, StudyEdition, Taxonomy

SCHEMAS = {
    "case.schema.json": TypeAdapter(Case),
    "indicator.schema.json": TypeAdapter(Indicator),
    "cities.schema.json": TypeAdapter(list[City]),
    "taxonomy.schema.json": TypeAdapter(Taxonomy),
    "sdgs.schema.json": TypeAdapter(SdgCatalogue),
    "editions.schema.json": TypeAdapter(list[StudyEdition]),
}


def schema_texts() -> dict[str, str]:
    """File name -> JSON text. Schemas describe the YAML as written, so they use validation mode."""
    texts = {}
    for name, adapter in SCHEMAS.items():
        schema = adapter.json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema.setdefault("title", name.removesuffix(".schema.json"))
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts
