"""Safe pieces of Markdown built from untrusted front-matter values."""

from __future__ import annotations

import html
import posixpath
import re

# Every character Python-Markdown (with the extensions in mkdocs.yml) gives a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: object) -> str:
    """Literal text: HTML escaped first, then every Markdown-special character backslash-escaped.

    Quotes stay as they are: this is text, never an attribute value (Python-Markdown escapes those itself),
    and an escaped apostrophe would leak into heading anchors as 'x27'.
    """
    escaped = html.escape(" ".join(str(value).split()), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)


def relative(from_uri: str, to_uri: str) -> str:
    """A link from one docs-relative Markdown file to another, as MkDocs resolves and validates it."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def served_url(from_uri: str, to_uri: str) -> str:
    """The shortest URL of ``to_uri`` from the page of ``from_uri``, with MkDocs' directory URLs.

    For raw HTML, which MkDocs does not rewrite: from 'explore.md' (served at explore/), 'cases/x.md' is
    '../cases/x/'; from 'cases/index.md' (served at cases/), it is 'x/'.
    """
    # Plain string work rather than posixpath.relpath, which asks the OS for the working directory: this runs
    # for every link of every generated page.
    here = _served_path(from_uri).split("/")[:-1]  # the page's folder: 'cities/' -> ['cities'], '' -> []
    there = _served_path(to_uri).split("/")  # a page ends in '' ('cases/x/'), a file in its name
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def _served_path(uri: str) -> str:
    """Where MkDocs serves a docs file, from the site root: 'cases/x.md' -> 'cases/x/', 'index.md' -> ''."""
    if not uri.endswith(".md"):
        return uri
    target = uri.removesuffix(".md").removesuffix("index")
    return target.rstrip("/") + "/" if target else ""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"
