"""How a contributor writes one answer on one line, in the scaffold's options and in the issue forms alike:
an SDG target with its reason ('16.7: why'), or a page's title and address ('Title — https://…')."""

from __future__ import annotations

import re

# A Markdown link pasted as it is: [Title](https://…). Matched whole (fullmatch), from one start: linear time.
_MARKDOWN_LINK = re.compile(r"\[([^\[\]]++)\]\((\S+)\)")
# What may stand between a title and its address: dashes, a bar, a colon or a comma, and spaces.
_SEPARATORS = " \t—–-|:,"


def parse_target(text: str) -> tuple[str, str] | None:
    """'16.7: reason' -> ('16.7', 'reason'); also 'SDG 16.7: …', 'Meta 16.7 : …' and '- 16.7: …'.
    None when the line has no colon between the target and its reason."""
    target, colon, reason = text.partition(":")
    if not colon:
        return None
    # Words before the number ("SDG", "Meta", "Cible") and a list marker say nothing the number does not.
    target = target.strip().lstrip("-*•").strip()
    number = re.search(r"\d", target)
    return (target[number.start():] if number else target).strip(), reason.strip()


def parse_titled_link(text: str) -> tuple[str, str] | None:
    """'Title — https://…' (or a Markdown link) -> ('Title', 'https://…'); None when the line holds no web address.
    The title is '' when the line is an address alone."""
    line = text.strip().lstrip("-*•").strip()
    pasted = _MARKDOWN_LINK.fullmatch(line)
    if pasted:
        return pasted.group(1).strip(), pasted.group(2)
    # The address is the line's last word: split rather than search, which would take quadratic time.
    *title, address = line.rsplit(maxsplit=1) or [""]
    if "://" not in address:
        return None
    return (title[0] if title else "").rstrip(_SEPARATORS), address
