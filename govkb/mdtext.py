"""Safe pieces of Markdown built from untrusted front-matter values."""

from __future__ import annotations

import html
import posixpath
import re

# Every character Python-Markdown (with the extensions in mkdocs.yml) gives a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: object) -> str:
    """Literal text: HTML escaped first, then every Markdown-special character backslash-escaped."""
    escaped = html.escape(" ".join(str(value).split()), quote=True)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def relative(from_uri: str, to_uri: str) -> str:
    """A link from one docs-relative Markdown file to another, as MkDocs resolves and validates it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def served_url(from_uri: str, to_uri: str) -> str:
    """The served URL of ``to_uri`` relative to ``from_uri``, with MkDocs' directory URLs.

    For raw HTML, which MkDocs does not rewrite: 'explore.md' -> 'cases/x.md' gives '../cases/x/'.
    """
    depth = from_uri.count("/") + (0 if from_uri.endswith("index.md") else 1)
    if not to_uri.endswith(".md"):
        return "../" * depth + to_uri  # a file such as a CSV or JSON download, served as it is
    target = to_uri.removesuffix(".md").removesuffix("index")
    return "../" * depth + (target.rstrip("/") + "/" if target else "")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
