"""Text that is safe to show or store: what a person does not see never passes silently.

One place for the characters kokon_graph refuses on input and replaces on output:
the dataset reader refuses a cell holding one (naming row and column), the
exports replace any that reach them by U+FFFD so that an XML file is always
well formed, and what is printed to a terminal never carries an escape sequence.
And one place for formula neutralisation: a text cell of a CSV file that
begins like a formula gets a leading ``'``, so that a spreadsheet shows it
instead of running it.

>>> strip_controls("OPS\\x1b[31m Olsztyn")
'OPS\\ufffd[31m Olsztyn'
>>> find_control("Zespół\\u202eSzkół")
'\\u202e'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CONTROL_CHARACTERS",
    "FORMULA_START",
    "REPLACEMENT",
    "find_control",
    "may_hold_controls_utf8",
    "neutralise_formula",
    "neutralise_formulas",
    "strip_controls",
    "terminal_safe",
]

#: Characters a person does not see and that break terminals, XML and CSV readers:
#: C0/C1 controls (except tab, line feed and carriage return), the zero-width space,
#: direction-changing marks (the zero-width joiners of emoji and scripts stay), a byte
#: order mark inside the text, non-characters and lone surrogates (no XML may hold them).
CONTROL_CHARACTERS: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
#: What :func:`strip_controls` puts in place of each such character.
REPLACEMENT: Final = "\ufffd"


#: Bytes of UTF-8 text that are never (part of) a control character.
_PLAIN_BYTES: Final = bytes([9, 10, 13, *range(0x20, 0x7F), *range(0x80, 0x100)])
#: The UTF-8 forms of the other control characters, each led by one literal byte so that
#: the search skips ahead quickly (about twice as fast as a search of the decoded text).
_UTF8_CONTROLS: Final = (
    re.compile(rb"\xc2[\x80-\x9f]"),
    re.compile(rb"\xe2(?:\x80[\x8b\x8e\x8f\xa8-\xae]|\x81[\xa0-\xaf])"),
    re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xb9-\xbb\xbe\xbf])"),
)
_UTF8_LEADS: Final = (b"\xc2", b"\xe2", b"\xef")


def may_hold_controls_utf8(data: bytes) -> bool:
    """Whether UTF-8 ``data`` (after any byte order mark) may hold a control character.

    ``False`` is certain; ``True`` means: search the decoded text.

    >>> may_hold_controls_utf8("Ośrodek „Pomocy” – 1\\n".encode())
    False
    >>> may_hold_controls_utf8("OPS\\x1b[31m".encode())
    True
    >>> may_hold_controls_utf8("a\\u202eb".encode())
    True
    """
    if data.translate(None, _PLAIN_BYTES):
        return True
    # ``in`` (memchr) looks for a pattern's leading byte first: most files have none
    return any(
        lead in data and pattern.search(data)
        for lead, pattern in zip(_UTF8_LEADS, _UTF8_CONTROLS, strict=True)
    )


def find_control(text: str) -> str | None:
    """The first control character in ``text``, or ``None``."""
    match = CONTROL_CHARACTERS.search(text)
    return match.group() if match else None


def strip_controls(text: str, replacement: str = REPLACEMENT) -> str:
    """``text`` with every control character replaced (by U+FFFD unless told otherwise)."""
    return CONTROL_CHARACTERS.sub(replacement, text)


def terminal_safe(text: str) -> str:
    """``text`` as it may be printed: control characters (and carriage returns) replaced."""
    return strip_controls(text).replace("\r", REPLACEMENT)


#: How a text cell that a spreadsheet would run as a formula begins (OWASP "CSV injection").
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``text`` with a leading ``'`` if it begins like a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are neutralised (numbers, dates, flags untouched)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype.kind not in "OSUT" and str(values.dtype) not in ("str", "string"):
            continue
        if values.dtype == object:
            starts = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
        else:
            starts = values.str.startswith(FORMULA_START).fillna(False)
        if starts.any():
            out[column] = values.where(~starts.astype(bool), "'" + values.astype(str))
    return out
