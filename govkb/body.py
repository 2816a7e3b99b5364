"""Markdown bodies come from strangers: refuse anything that could run script in a reader's browser.

Bodies are plain Markdown. Raw HTML tags are refused outright (the page is sanitised again after
rendering, as a second line of defence), and so are link targets with a scheme that runs or embeds
content (``javascript:``, ``vbscript:``, ``data:``, ``file:``).
"""

from __future__ import annotations

import html
import re

from .problems import Problem

_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>", re.IGNORECASE)
_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "meta",
                   "link", "base", "svg", "math", "template", "input", "button", "textarea", "img", "video",
                   "audio", "source"}
# In an HTML tag or a Markdown attribute list ({: onclick=...}).
_EVENT_HANDLER = re.compile(r"[<{][^>}]*\bon[a-z]+\s*=", re.IGNORECASE)
# A link target: Markdown inline link, reference definition, angle autolink, or an HTML attribute.
_LINK_TARGET = re.compile(r"(\]\s*\(\s*<?|^\s*\[[^\]]+\]:\s*<?|<|(?:href|src|action)\s*=\s*[\"']?)\s*([a-z][a-z0-9+.\-]*)\s*:",
                          re.IGNORECASE | re.MULTILINE)
_BAD_SCHEMES = {"javascript", "vbscript", "data", "file"}
_CONTROL = re.compile(r"[\x00-\x20]+")


def _decoded(line: str) -> str:
    """What a browser would see: entities decoded (twice, for double encoding), control characters gone."""
    once = html.unescape(html.unescape(line))
    return _CONTROL.sub(lambda m: " " if " " in m.group(0) else "", once)


def unsafe_body_problems(body: str, path: str, first_line: int) -> list[Problem]:
    problems = []
    in_fence = False
    for number, raw in enumerate(body.splitlines(), start=first_line):
        if raw.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        line = _decoded(_AUTOLINK.sub("", raw))
        if in_fence:
            # Code blocks are shown as text, never run; only URL schemes could still matter there.
            continue
        for match in _TAG.finditer(line):
            tag = match.group(1).lower()
            kind = f"<{tag}> is not allowed" if tag in _DANGEROUS_TAGS else f"raw HTML (<{tag}>) is not allowed"
            problems.append(Problem(path, number, "body", f"{kind}; write plain Markdown instead"))
        if _EVENT_HANDLER.search(line):
            problems.append(Problem(path, number, "body", "event-handler attributes (on…=) are not allowed"))
        for match in _LINK_TARGET.finditer(line):
            scheme = match.group(2).lower()
            if scheme in _BAD_SCHEMES:
                problems.append(Problem(path, number, "body", f"'{scheme}:' links are not allowed; link to an "
                                                              "https:// page instead"))
    return problems
