"""Markdown bodies come from strangers: refuse anything that could run script or load from another site.

Bodies are plain Markdown. Raw HTML tags are refused outright (the page is sanitised again after
rendering, as a second line of defence), and so are link targets with a scheme that runs or embeds
content (``javascript:``, ``vbscript:``, ``data:``, ``file:``) and images from anywhere but the repository
(the site promises its readers no third-party requests). Code is shown as text, so code blocks and
inline code are not searched; everything else is searched as one text, so a tag or a link split over two
lines is still found.

Every check runs in time linear in the body, whatever it holds: patterns start with a literal and use
possessive quantifiers (no backtracking over a contributor's text), and what a pattern cannot do in one
pass (matching brackets, code spans, being inside a tag) is a loop over the text. Code is only hidden where
Python-Markdown, which renders the body, surely renders code: a check that hides more than the renderer
would let a tag through.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator

from .characters import IN_FILES, MAX_LINES_REPORTED, MORE_LINES, refusal
from .problems import Problem

# The page is sanitised again after rendering; these are named in the message because they run or embed.
_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "meta",
                   "link", "base", "svg", "math", "template", "input", "button", "textarea", "img", "video",
                   "audio", "source"}
_TAG = re.compile(r"<\s*+/?+\s*+([A-Za-z][A-Za-z0-9-]*+)(?=[\s/>])")
# Python-Markdown's autolink, <https://...>: a link, not a tag.
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*+://[^<>]*+>")
# Where an attribute is set: between '<' and '>' (raw HTML) or '{' and '}' (a Markdown attribute list).
_ATTRIBUTE_CONTEXT = re.compile(r"[<>{}]|\b(on[a-z]++|src(?:set)?+)\s*+=", re.IGNORECASE)
# A link target: Markdown inline link, reference definition, angle autolink, or an HTML attribute.
_LINK_TARGET = re.compile(r"(?:\]\s*+\(\s*+<?+|^[ \t]*+\[[^\[\]]*+\]:\s*+<?+|<|(?:href|src|action)\s*+=\s*+[\"']?+)"
                          r"\s*+([a-z][a-z0-9+.\-]*+)\s*+:", re.IGNORECASE | re.MULTILINE)
_BAD_SCHEMES = {"javascript", "vbscript", "data", "file"}
_BAD_SCHEME = re.compile("(?:" + "|".join(sorted(_BAD_SCHEMES)) + r")\s*+:", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Python-Markdown's fenced code (its 'fenced_code' extension): an opening fence at the start of a line, with
# an optional language, {attributes} or hl_lines, closed by a line of exactly the same fence.
_FENCE_OPENING = re.compile(r"(`{3,}+|~{3,}+)[ \t]*+(?:\{[^\n]*\}|\.?+[\w#.+\-]*+[ \t]*+"
                            r"(?:hl_lines=([\"'])[^\n]*\2[ \t]*+)?)")
_FENCE_START = re.compile(r"`{3,}+|~{3,}+")
_FENCE_TRAILING = re.compile(r"[ \t]*")
_BACKTICKS = re.compile(r"`++")
_BRACKET = re.compile(r"\\.|!?\[|\]", re.DOTALL)
_INLINE_TARGET = re.compile(r"\s*+\(\s*+<?+\s*+([^()<>\"'\[\] ]*+)")
_REFERENCE = re.compile(r"[ \t\n]?+\[([^\[\]]*+)\]")
_DEFINITION = re.compile(r"^[ \t]*+\[([^\[\]]*+)\]:\s*+(\S++)", re.MULTILINE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*+:")
_IMAGES_ARE_OURS = "images must be files in this repository, linked by a relative path such as ../assets/x.png"


def body_problems(body: str, path: str, first_line: int) -> list[Problem]:
    """What is wrong with a case's or indicator's Markdown body, each with its line; [] for a good body."""
    if not body.strip():
        return [Problem(path, first_line, "body", "the body is empty: write the text, in Markdown, below the "
                                                  "front matter's closing '---' line")]
    text = body.replace("\r\n", "\n").replace("\r", "\n")  # as Python-Markdown reads line ends
    invisible = _invisible_characters(text, path, first_line)
    if invisible:
        return invisible
    hidden, fence_problems = _without_code(text)
    readable = _decoded(hidden)
    # An autolink (<https://...>) is a link, not a tag; an image's address may be one too, so images are looked
    # for before autolinks are blanked.
    searchable = _AUTOLINK.sub(lambda match: _blank(match.group()), readable)
    line_ends = [match.start() for match in re.finditer("\n", searchable)]

    def line_at(offset: int) -> int:
        return first_line + bisect.bisect_left(line_ends, offset)

    found: dict[tuple[int, str], None] = {(first_line + line, message): None for line, message in fence_problems}
    for match in _TAG.finditer(searchable):
        tag = match.group(1).lower()
        kind = f"<{tag}> is not allowed" if tag in _DANGEROUS_TAGS else f"raw HTML (<{tag}>) is not allowed"
        found[(line_at(match.start()), f"{kind}; write plain Markdown instead")] = None
    for offset, message in _attribute_problems(searchable):
        found[(line_at(offset), message)] = None
    for match in _LINK_TARGET.finditer(searchable) if _BAD_SCHEME.search(searchable) else ():
        scheme = match.group(1).lower()
        if scheme in _BAD_SCHEMES:
            found[(line_at(match.start(1)), f"'{scheme}:' links are not allowed; link to an https:// page "
                                            "instead")] = None
    for offset, address in _images_from_elsewhere(readable):
        found[(line_at(offset), f"{_IMAGES_ARE_OURS}; '{address[:60]}' would load from another site")] = None
    return [Problem(path, line, "body", message) for line, message in found]


def _invisible_characters(text: str, path: str, first_line: int) -> list[Problem]:
    problems: list[Problem] = []
    line, counted = first_line, 0
    for match in IN_FILES.finditer(text):
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        if problems and problems[-1].line == line:
            continue
        if len(problems) == MAX_LINES_REPORTED:
            return [*problems, Problem(path, line, "body", MORE_LINES)]
        problems.append(Problem(path, line, "body", refusal(match.group())))
    return problems


def _blank(text: str) -> str:
    """Code replaced by spaces, its line breaks kept, so that offsets and lines stay where they were."""
    return re.sub(r"[^\n]", " ", text)


def _without_code(text: str) -> tuple[str, list[tuple[int, str]]]:
    """The text with fenced code blocks and inline code blanked out, and what is wrong with its fences."""
    lines = text.split("\n")
    problems = []
    closing_line: dict[str, int] = {}
    next_closing = [0] * len(lines)  # for each line, the next line that closes a fence like its own
    for number in range(len(lines) - 1, -1, -1):
        fence = _FENCE_START.match(lines[number])
        if fence:
            next_closing[number] = closing_line.get(fence.group(), -1)
            if _FENCE_TRAILING.fullmatch(lines[number], fence.end()):
                closing_line[fence.group()] = number
    number = 0
    while number < len(lines):
        opening = _FENCE_OPENING.fullmatch(lines[number])
        fence = _FENCE_START.match(lines[number])
        if opening and next_closing[number] > number:
            for inside in range(number, next_closing[number] + 1):
                lines[inside] = _blank(lines[inside])
            number = next_closing[number] + 1
            continue
        if opening:
            problems.append((number, f"the code block opened here is never closed; close it with a line of "
                                     f"exactly {opening.group(1)}"))
        elif fence and "hl_lines=" in lines[number]:
            # Python-Markdown would read hl_lines="..." on over the next lines; say where it ends instead.
            problems.append((number, "close the quotes of hl_lines on the code fence's own line"))
        number += 1
    return _without_code_spans(lines), problems


def _without_code_spans(lines: list[str]) -> str:
    """The lines joined, with inline code blanked where every backtick pairs up on its own line.

    Python-Markdown pairs a run of backticks with the next run of the same length in the same paragraph (a
    run after a backslash opens one shorter). Where a run has no partner on its line, the renderer may pair
    it across lines or fall back to a shorter run, and a span blanked here could be text there; so then no
    code span is blanked at all, and a tag in one is refused with the rest.
    """
    blanked = []
    for line in lines:
        spans = _code_spans(line) if "`" in line else []
        if spans is None:
            return "\n".join(lines)
        pieces, done = [], 0
        for start, end in spans:
            pieces += [line[done:start], " " * (end - start)]
            done = end
        blanked.append("".join(pieces) + line[done:])
    return "\n".join(blanked)


def _code_spans(line: str) -> list[tuple[int, int]] | None:
    """(start, end) of each code span of a line, or None if a run of backticks has no partner on it."""
    runs = [(run.start(), run.end()) for run in _BACKTICKS.finditer(line)]
    escaped = [start > 0 and line[start - 1] == "\\" for start, _ in runs]
    if any(escaped) and "|" in line:  # a table row: its cells are split by rules of their own
        return None
    by_length: dict[int, list[int]] = {}  # the runs of each length, in order, for the next partner
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    passed = dict.fromkeys(by_length, 0)  # how many runs of each length lie at or before the current one
    spans = []
    index = 0
    while index < len(runs):
        start, end = runs[index]
        length = end - start - escaped[index]
        partners = by_length.get(length, [])
        while passed.get(length, 0) < len(partners) and partners[passed[length]] <= index:
            passed[length] += 1
        if length and passed.get(length, 0) == len(partners):
            return None
        if length:
            partner = partners[passed[length]]
            spans.append((start + escaped[index], runs[partner][1]))
            index = partner
        index += 1
    return spans


def _decoded(text: str) -> str:
    """The text as a browser could read it: entities decoded (twice, for double encoding), control characters
    they decode to removed. Line by line, so that lines stay where they were."""
    return "\n".join(_CONTROL.sub("", html.unescape(html.unescape(line))).replace("\n", " ")
                     for line in text.split("\n"))


def _attribute_problems(text: str) -> Iterator[tuple[int, str]]:
    """Event handlers (on...=) and image sources set in raw HTML or an attribute list ({: src=...})."""
    opened = ""  # '<' or '{' while inside a tag or an attribute list
    for match in _ATTRIBUTE_CONTEXT.finditer(text):
        token = match.group()
        if token in ("<", "{"):
            opened = token
        elif token in (">", "}"):
            opened = ""
        elif opened and match.group(1).lower().startswith("on"):
            yield match.end(), "event-handler attributes (on…=) are not allowed"
        elif opened == "{":  # in raw HTML the tag itself is refused
            yield match.end(), f"{_IMAGES_ARE_OURS}; an attribute list may not set {match.group(1).lower()}"


def _images_from_elsewhere(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address) of every image whose address leaves the repository: inline (![alt](address)) or by
    reference (![alt][label], ![label]), whose definition ([label]: address) is then to blame."""
    labels: set[str] = set()
    for alt_start, alt_end, nested in _images(text):
        inline = _INLINE_TARGET.match(text, alt_end + 1)
        if inline:
            if leaves_repository(inline.group(1)):
                yield inline.start(1), inline.group(1)
            continue
        reference = _REFERENCE.match(text, alt_end + 1)
        if reference and reference.group(1).strip():
            labels.add(_label(reference.group(1)))
        elif not nested:  # a label never holds brackets; nested alt texts would also overlap, and cost
            labels.add(_label(text[alt_start:alt_end]))
    for definition in _DEFINITION.finditer(text) if labels else ():
        if _label(definition.group(1)) in labels and leaves_repository(definition.group(2).strip("<>")):
            yield definition.start(2), definition.group(2)


def _images(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, whether it holds brackets) of the alt text of every image, brackets matched as
    Python-Markdown matches them."""
    opened: list[list] = []  # [start, is an image, holds brackets]
    for match in _BRACKET.finditer(text):
        token = match.group()
        if token.endswith("["):
            if opened:
                opened[-1][2] = True
            opened.append([match.end(), token == "![", False])
        elif token == "]" and opened:
            start, image, nested = opened.pop()
            if image:
                yield start, match.start(), nested


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def leaves_repository(address: str) -> bool:
    """Whether a browser loading ``address`` from a page would leave the site's own files: a scheme, '//host' or
    a path from the root of the server. Browsers drop tabs and line breaks and read '\\' as '/'."""
    address = re.sub(r"[\t\n\r]", "", address).strip().replace("\\", "/")
    return address.startswith("/") or _SCHEME.match(address) is not None
