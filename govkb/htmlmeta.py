"""Page metadata made safe for templates that print it without escaping."""

from __future__ import annotations

from markupsafe import escape

# Material prints these raw into <title>, <meta> and the header; MkDocs' Jinja does not autoescape.
PRINTED_FIELDS = ("title", "description", "author")


def escaped_meta(meta: dict) -> dict:
    """The same metadata with printed text fields HTML-escaped once (as Markup, so never twice)."""
    return {key: escape(value) if key in PRINTED_FIELDS and isinstance(value, str) else value
            for key, value in meta.items()}
