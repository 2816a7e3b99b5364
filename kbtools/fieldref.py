"""The contributor field reference, generated from the model so it cannot drift from the code."""

from __future__ import annotations

from typing import Any

from .schema import SCHEMAS

START = "<!-- field-reference:start -->"
END = "<!-- field-reference:end -->"

SECTIONS = [
    ("Case files (`cases/<slug>.md`)", "case.schema.json"),
    ("Indicator files (`indicators/<slug>.md`)", "indicator.schema.json"),
    ("Cities (`data/cities.yaml`, one entry per city)", "cities.schema.json"),
    ("Editions of the study (`data/editions.yaml`, one entry per edition)", "editions.schema.json"),
]


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    return schema["$defs"][ref.rsplit("/", 1)[1]] if ref else node


def _type_of(schema: dict, node: dict) -> str:
    node = _resolve(schema, node)
    if "anyOf" in node:
        return " or ".join(_type_of(schema, n) for n in node["anyOf"] if n.get("type") != "null")
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    kind = node.get("type", "object")
    if kind == "array":
        return f"list of {_type_of(schema, node.get('items', {}))}"
    if kind == "object" and "properties" in node:
        return "mapping: " + ", ".join(f"`{k}`" for k in node["properties"])
    limits = []
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "at least"), ("maxLength", "at most")):
        if key in node:
            limits.append(f"{label} {node[key]}" + (" characters" if "Length" in key else ""))
    if "pattern" in node:
        limits.append(f"pattern `{node['pattern']}`")
    return kind + (f" ({', '.join(limits)})" if limits else "")


def _rows(schema: dict) -> list[str]:
    root = schema["items"] if schema.get("type") == "array" else schema
    root = _resolve(schema, root)
    required = set(root.get("required", []))
    rows = ["| Field | Required | Type | What it is |", "| --- | --- | --- | --- |"]
    for name, node in root["properties"].items():
        description = _resolve(schema, node).get("description") or node.get("description", "")
        cells = [f"`{name}`", "yes" if name in required else "no", _type_of(schema, node), description]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return rows


def field_reference() -> str:
    parts: list[Any] = []
    for heading, name in SECTIONS:
        schema = SCHEMAS[name].json_schema(mode="validation")
        parts.append(f"### {heading}\n\n" + "\n".join(_rows(schema)))
    return "\n\n".join(parts) + "\n"


def replace_between_markers(text: str, generated: str) -> str:
    start, end = text.index(START) + len(START), text.index(END)
    return f"{text[:start]}\n\n{generated}\n{text[end:]}"
