"""Markdown bodies come from strangers: refuse anything that could run script in a reader's browser.

Bodies are plain Markdown. Raw HTML tags are refused outright (the page is sanitised again after
rendering, as a second line of defence), and so are link targets with a scheme that runs or embeds
content (``javascript:``, ``vbscript:``, ``data:``, ``file:``). Code is shown as text, so closed fenced
blocks and inline code spans are not searched; everything else is searched as one text, so a tag or a
link split over two lines is still found.
"""

from __future__ import annotations

import html
import re

from .problems import Problem

# A fence must be closed by the same character, at least as long, to make a code block.
_FENCED_BLOCK = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}(?P=fence)[`~]*[ \t]*$",
                           re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]*>", re.IGNORECASE)
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "meta",
                   "link", "base", "svg", "math", "template", "input", "button", "textarea", "img", "video",
                   "audio", "source"}
# In an HTML tag or a Markdown attribute list ({: onclick=...}).
_EVENT_HANDLER = re.compile(r"[<{][^>}]*?\bon[a-z]+\s*=", re.IGNORECASE)
# A link target: Markdown inline link, reference definition, angle autolink, or an HTML attribute.
_LINK_TARGET = re.compile(r"(\]\s*\(\s*<?|^\s*\[[^\]]+\]:\s*<?|<|(?:href|src|action)\s*=\s*[\"']?)\s*"
                          r"([a-z][a-z0-9+.\-]*)\s*:", re.IGNORECASE | re.MULTILINE)
_BAD_SCHEMES = {"javascript", "vbscript", "data", "file"}
# Python's re scans quickly only for a pattern that starts with a literal, so look for a bad scheme by its
# colon, in the reversed text: a cheap test that lets most bodies skip the slow _LINK_TARGET scan.
_BAD_SCHEME_REVERSED = re.compile(r":\s*(?:" + "|".join(s[::-1] for s in sorted(_BAD_SCHEMES)) + ")", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


def _blank(match: re.Match) -> str:
    """Keep line numbers and offsets: replace code by spaces, newlines kept."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _searchable(body: str) -> str:
    """The body as a browser could read it, with code removed and entities decoded."""
    text = _FENCED_BLOCK.sub(_blank, body) if ("```" in body or "~~~" in body) else body
    text = _CODE_SPAN.sub(_blank, text) if "`" in text else text
    text = _AUTOLINK.sub(_blank, text)
    # Decode entities line by line so offsets stay on the right line; twice, for double encoding.
    lines = [_CONTROL.sub("", html.unescape(html.unescape(line))).replace("\n", " ") for line in text.split("\n")]
    return "\n".join(lines)


def unsafe_body_problems(body: str, path: str, first_line: int) -> list[Problem]:
    text = _searchable(body)

    def line_at(offset: int) -> int:
        return first_line + text.count("\n", 0, offset)

    found: dict[tuple[int, str], None] = {}
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        kind = f"<{tag}> is not allowed" if tag in _DANGEROUS_TAGS else f"raw HTML (<{tag}>) is not allowed"
        found[(line_at(match.start()), f"{kind}; write plain Markdown instead")] = None
    for match in _EVENT_HANDLER.finditer(text):
        found[(line_at(match.end()), "event-handler attributes (on…=) are not allowed")] = None
    for match in _LINK_TARGET.finditer(text) if _BAD_SCHEME_REVERSED.search(text[::-1]) else ():
        scheme = match.group(2).lower()
        if scheme in _BAD_SCHEMES:
            found[(line_at(match.start(2)), f"'{scheme}:' links are not allowed; link to an https:// page "
                                            "instead")] = None
    return [Problem(path, line, "body", message) for line, message in found]
