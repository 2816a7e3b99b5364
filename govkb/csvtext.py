"""Every CSV the site publishes is written here, one way: safe to open in a spreadsheet.

A field is quoted when it holds a separator, a quote, a carriage return or a line feed: the csv module's
QUOTE_MINIMAL does that when CR and LF are both line-end characters, so lines end in CRLF (RFC 4180); with
LF alone it would leave a bare CR unquoted, and a spreadsheet would start a new row there. Any line of a
field that starts with =, +, -, @ or a tab gets a ' in front, the usual defence against formula injection:
a spreadsheet then shows the text and runs nothing. A value given as a number (an int, a float or a Decimal, as
the data package gives a longitude such as -2.9236) is written as it is: it holds only digits, a sign, a point
and an exponent, which a spreadsheet reads as that number. The explorer's download, made in the browser,
applies the same two rules: ``csvCell`` in ``overrides/assets/javascripts/explorer.js``.

A published file opens with a UTF-8 byte-order mark: Excel on Windows reads a CSV as UTF-8, accents intact,
only with it. pandas reads past it, as does Python's csv module with the encoding "utf-8-sig".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

LINE_END = "\r\n"
BYTE_ORDER_MARK = "\ufeff"
_FORMULA_AT_LINE_START = re.compile(r"(^|[\r\n])(?=[=+\-@\t])")


def neutralised(field: str) -> str:
    """``field`` with a ' before every line start a spreadsheet would read as a formula."""
    return _FORMULA_AT_LINE_START.sub(r"\1'", field)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """Rows (the header first) as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
    writer.writerows([str(value) if _is_number(value) else neutralised(str(value)) for value in row] for row in rows)
    return buffer.getvalue()


def published(text: str) -> str:
    """CSV text as a published file holds it: after a byte-order mark."""
    return BYTE_ORDER_MARK + text
