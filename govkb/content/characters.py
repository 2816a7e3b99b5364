"""Invisible characters that content may not contain, and how to name them in a message.

Control characters break the generated pages and downloads (the chart renderer aborts on some of them,
a spreadsheet starts a new row at a carriage return); bidirectional controls make text display in another
order than it is stored, so that a reviewer reads something other than what is published ("Trojan Source").
Neither can be seen in an editor or a pull request diff, so both are refused with their line.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls other than tab, line feed and carriage return (the line endings a file may have), DEL and
# the C1 controls.
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
# Embeddings, overrides, isolates and the directional marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Line and paragraph separators: YAML and Python count them as line breaks where an editor does not, so
# every line number after one would be wrong. The two noncharacters XML refuses, which abort the chart renderer.
_SEPARATORS = "\u2028\u2029\ufffe\uffff"

# Refused anywhere in a content file.
IN_FILES = re.compile(f"[{_CONTROLS}{_BIDI}{_SEPARATORS}]")
# Refused in a text value that may run over several lines (summaries, notes), and in a one-line value.
IN_TEXT = re.compile(f"[\t\r{_CONTROLS}{_BIDI}{_SEPARATORS}]")
IN_LINE = re.compile(f"[\t\n\r{_CONTROLS}{_BIDI}{_SEPARATORS}]")
# What a printed problem escapes, so that every problem stays on one line of a terminal or CI log.
_UNPRINTABLE = re.compile(f"[\t\n\r{_CONTROLS}{_BIDI}{_SEPARATORS}]")

# A file of nothing but NULs would otherwise be 100,000 problems: the first lines are enough to act on.
MAX_LINES_REPORTED = 20
MORE_LINES = "more lines like the ones above follow; fix those first"

_SHORT_NAMES = {"\t": "tab", "\n": "line break", "\r": "carriage return", "\x00": "NUL", "\x07": "BEL",
                "\x08": "backspace", "\x1b": "ESC", "\x7f": "DEL"}


def described(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+001B (ESC)': which invisible character, in words."""
    name = _SHORT_NAMES.get(char) or unicodedata.name(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def refusal(char: str) -> str:
    """Why ``char`` is refused, and what to do."""
    if re.fullmatch(f"[{_BIDI}]", char):
        return (f"the invisible character {described(char)} is not allowed: it changes the order in which text "
                "is displayed; delete it")
    return f"the invisible character {described(char)} is not allowed; delete it"


def printable(text: str) -> str:
    r"""``text`` with every invisible character written as an escape ('\x1b', '\u202e')."""
    return _UNPRINTABLE.sub(lambda match: match.group(0).encode("unicode_escape").decode("ascii"), text)
