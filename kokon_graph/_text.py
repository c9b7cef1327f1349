"""Text that is safe to show or store: what a person does not see never passes silently.

One place for the characters kokon_graph refuses on input and replaces on output:
the dataset reader refuses a cell holding one (naming row and column), and the
exports replace any that reach them by U+FFFD so that an XML file is always
well formed.

>>> strip_controls("OPS\\x1b[31m Olsztyn")
'OPS\\ufffd[31m Olsztyn'
>>> find_control("Zespół\\u202eSzkół")
'\\u202e'
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CONTROL_CHARACTERS", "REPLACEMENT", "find_control", "strip_controls"]

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


def find_control(text: str) -> str | None:
    """The first control character in ``text``, or ``None``."""
    match = CONTROL_CHARACTERS.search(text)
    return match.group() if match else None


def strip_controls(text: str, replacement: str = REPLACEMENT) -> str:
    """``text`` with every control character replaced (by U+FFFD unless told otherwise)."""
    return CONTROL_CHARACTERS.sub(replacement, text)
